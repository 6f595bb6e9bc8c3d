from django.urls import path

from . import views
from .bulk import views as bulk_views
from .imports import views as imports
from .passion_test.translation_views import questionnaire_translation

app_name = "candidates"

urlpatterns = [
    path("roles/new/", views.role_create, name="role_create"),
    path("roles/<id:pk>/edit/", views.role_edit, name="role_edit"),
    path("roles/<id:pk>/status/", views.role_status, name="role_status"),
    path("roles/<id:pk>/publish/", views.role_publish, name="role_publish"),
    path("roles/<id:pk>/candidates/new/", views.application_create, name="application_create"),
    path(
        "roles/<id:pk>/passion-test/send/",
        views.passion_test_send_many,
        name="passion_test_send_many",
    ),
    path("roles/<id:pk>/import/", imports.import_upload, name="import_upload"),
    path("imports/<id:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<id:pk>/columns/", imports.import_mapping, name="import_mapping"),
    path("imports/<id:pk>/preview/", imports.import_preview, name="import_preview"),
    path("imports/<id:pk>/start/", imports.import_start, name="import_start"),
    path("imports/<id:pk>/progress/", imports.import_progress, name="import_progress"),
    path("imports/<id:pk>/problems.csv", imports.import_errors, name="import_errors"),
    path("bulk/<id:pk>/", bulk_views.bulk_job, name="bulk_job"),
    path("bulk/<id:pk>/undo/", bulk_views.bulk_undo, name="bulk_undo"),
    path("candidates/", views.candidate_list, name="candidate_list"),
    path("candidates/new/", views.application_quick_add, name="application_quick_add"),
    path(
        "applications/<id:pk>/passion-test/send/",
        views.passion_test_send,
        name="passion_test_send",
    ),
    path(
        "applications/<id:pk>/passion-test/revoke/",
        views.passion_test_revoke,
        name="passion_test_revoke",
    ),
    path(
        "applications/<id:pk>/passion-test/review/",
        views.passion_test_review,
        name="passion_test_review",
    ),
    path(
        "applications/<id:pk>/answers/<id:answer_pk>/rate/",
        views.why_answer_rate,
        name="why_answer_rate",
    ),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("referrals/<id:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/inbox/", views.referral_inbox, name="referral_inbox"),
    path("referrals/<id:pk>/accept/", views.referral_accept, name="referral_accept"),
    path("referrals/<id:pk>/decline/", views.referral_decline, name="referral_decline"),
    path("referrals/leaderboard/", views.referral_leaderboard, name="referral_leaderboard"),
    path(
        "referrals/leaderboard.csv",
        views.referral_leaderboard_csv,
        name="referral_leaderboard_csv",
    ),
    path("referrals/visibility/", views.referral_visibility, name="referral_visibility"),
    path("referrals/share/", views.share_roles, name="share_roles"),
    path("referrals/share/<id:pk>/qr.svg", views.share_role_qr, name="share_role_qr"),
    path("passion-test/", views.questionnaire_version, name="questionnaire"),
    path("passion-test/v<id:version>/", views.questionnaire_version, name="questionnaire_version"),
    path(
        "passion-test/v<id:version>/consistency/",
        views.questionnaire_consistency,
        name="questionnaire_consistency",
    ),
    path(
        "passion-test/v<id:version>/translations/<str:language>/",
        questionnaire_translation,
        name="questionnaire_translation",
    ),
    path("passion-test/questions/new/<str:kind>/", views.question_create, name="question_create"),
    path("passion-test/questions/<id:pk>/edit/", views.question_edit, name="question_edit"),
    path("passion-test/questions/<id:pk>/move/", views.question_move, name="question_move"),
    path("passion-test/questions/<id:pk>/retire/", views.question_retire, name="question_retire"),
]
