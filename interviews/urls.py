from django.urls import path

from . import views
from .bank_languages import bank_translation

app_name = "interviews"

urlpatterns = [
    path("interview-questions/", views.bank, name="bank"),
    path("interview-questions/in/<str:language>/", bank_translation, name="bank_translation"),
    path("interview-questions/values/new/", views.core_value_edit, name="core_value_create"),
    path("interview-questions/values/<id:pk>/", views.core_value_edit, name="core_value_edit"),
    path(
        "interview-questions/values/<id:pk>/active/",
        views.core_value_active,
        name="core_value_active",
    ),
    path("interview-questions/new/", views.bank_question_edit, name="question_create"),
    path("interview-questions/<id:pk>/", views.bank_question_edit, name="question_edit"),
    path(
        "interview-questions/<id:pk>/active/",
        views.bank_question_active,
        name="question_active",
    ),
    path("roles/<id:pk>/guide/", views.guide, name="guide"),
    path("roles/<id:pk>/guide/print/", views.guide_print, name="guide_print"),
    path("roles/<id:pk>/guide/generate/", views.guide_generate, name="guide_generate"),
    path("roles/<id:pk>/guide/add/", views.guide_add, name="guide_add"),
    path("guide-questions/<id:pk>/remove/", views.guide_item_remove, name="guide_item_remove"),
    path("guide-questions/<id:pk>/move/", views.guide_item_move, name="guide_item_move"),
    path("applications/<id:pk>/interviews/new/", views.interview_create, name="create"),
    path("interviews/", views.my_interviews, name="mine"),
    path("interviews/<id:pk>/", views.interview_detail, name="detail"),
    path("interviews/<id:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("interviews/<id:pk>/observation/", views.observation, name="observation"),
    path("interviews/<id:pk>/reschedule/", views.interview_reschedule, name="reschedule"),
    path("interviews/<id:pk>/cancel/", views.interview_cancel, name="cancel"),
    path("interviews/<id:pk>/resend/", views.interview_resend, name="resend"),
    path("interviewers/", views.interviewer_report, name="interviewers"),
]
