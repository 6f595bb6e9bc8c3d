"""The recruiter's side of applying (mounted at the site root, namespace `applying`)."""

from django.urls import path

from . import staff_views as views
from .role_languages import role_translation

app_name = "applying"

urlpatterns = [
    path("roles/<id:pk>/knock-outs/", views.knockout_questions, name="knockout_questions"),
    path(
        "knock-outs/<id:pk>/delete/",
        views.knockout_question_delete,
        name="knockout_question_delete",
    ),
    path(
        "applications/<id:pk>/knock-out/confirm/", views.knockout_confirm, name="knockout_confirm"
    ),
    path("applications/<id:pk>/knock-out/keep/", views.knockout_keep, name="knockout_keep"),
    path("applications/<id:pk>/cv/", views.application_cv, name="application_cv"),
    path("roles/<id:pk>/in/<str:language>/", role_translation, name="role_translation"),
]
