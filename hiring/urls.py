from django.urls import path

from .analytics import views as analytics
from .api import token_views
from .fairness import views as fairness
from .notes.views import application_note_add
from .notifications import views as notifications
from .saved_views import views as saved_views
from .tags import views as tags
from .validity import views as validity
from .views import (
    application,
    board,
    bulk,
    dashboard,
    emails_admin,
    history,
    privacy,
    role,
    shortlist,
    undelivered,
)
from .webhooks import views as webhooks

app_name = "hiring"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("traits/", dashboard.traits, name="traits"),
    path("analytics/", analytics.funnel, name="analytics"),
    path("analytics/funnel.csv", analytics.funnel_csv, name="analytics_csv"),
    path("fairness/", fairness.fairness_report, name="fairness_report"),
    path("fairness/report.csv", fairness.fairness_report_csv, name="fairness_report_csv"),
    path("fairness/report.pdf", fairness.fairness_report_pdf, name="fairness_report_pdf"),
    path("fairness/questions/", fairness.self_id_questions, name="self_id_questions"),
    path("fairness/questions/new/", fairness.self_id_question_edit, name="self_id_question_new"),
    path(
        "fairness/questions/<id:pk>/", fairness.self_id_question_edit, name="self_id_question_edit"
    ),
    path(
        "fairness/questions/in/<str:language>/",
        fairness.self_id_translation,
        name="self_id_translation",
    ),
    path("validity/", validity.validity, name="validity"),
    path("validity/apply/", validity.validity_apply, name="validity_apply"),
    path("checkins/<str:token>/", validity.checkin, name="checkin"),
    path("settings/", dashboard.user_settings, name="settings"),
    path("settings/api-tokens/", token_views.api_tokens, name="api_tokens"),
    path(
        "settings/api-tokens/<id:pk>/revoke/",
        token_views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("webhooks/", webhooks.webhooks, name="webhooks"),
    path("webhooks/new/", webhooks.webhook_new, name="webhook_new"),
    path("webhooks/<id:pk>/", webhooks.webhook_edit, name="webhook_edit"),
    path("webhooks/<id:pk>/deliveries/", webhooks.webhook_deliveries, name="webhook_deliveries"),
    path("webhooks/<id:pk>/rotate/", webhooks.webhook_rotate, name="webhook_rotate"),
    path("webhooks/<id:pk>/enable/", webhooks.webhook_enable, name="webhook_enable"),
    path("webhooks/<id:pk>/delete/", webhooks.webhook_delete, name="webhook_delete"),
    path("webhooks/deliveries/<id:pk>/replay/", webhooks.webhook_replay, name="webhook_replay"),
    path("applications/<id:pk>/", application.application_detail, name="application_detail"),
    path("applications/<id:pk>/notes/", application_note_add, name="application_note_add"),
    path("applications/<id:pk>/tags/", tags.application_tag_add, name="application_tag_add"),
    path(
        "applications/<id:pk>/tags/remove/",
        tags.application_tag_remove,
        name="application_tag_remove",
    ),
    path("notifications/", notifications.notifications, name="notifications"),
    path("notifications/<id:pk>/", notifications.notification_open, name="notification_open"),
    path(
        "notifications/read/", notifications.notifications_read_all, name="notifications_read_all"
    ),
    path("notifications/digest/", notifications.notification_digest, name="notification_digest"),
    path("roles/<id:pk>/", role.role_detail, name="role_detail"),
    path("roles/<id:pk>/board/", board.role_board, name="role_board"),
    path("roles/<id:pk>/bulk/", bulk.pipeline_bulk, name="pipeline_bulk"),
    path("roles/<id:pk>/shortlist/bulk/", bulk.shortlist_bulk, name="shortlist_bulk"),
    path("roles/<id:pk>/board/bulk/", bulk.board_bulk, name="board_bulk"),
    path("applications/<id:pk>/move/", board.card_move, name="card_move"),
    path("roles/<id:pk>/shortlist/", shortlist.shortlist, name="shortlist"),
    path("roles/<id:pk>/shortlist.csv", shortlist.shortlist_csv, name="shortlist_csv"),
    path("roles/<id:pk>/compare/", shortlist.compare, name="compare"),
    path("roles/<id:pk>/weights/", shortlist.role_weights, name="role_weights"),
    path("roles/<id:pk>/blind/", shortlist.role_blind, name="role_blind"),
    path("roles/<id:pk>/rerank/", shortlist.rerank_progress, name="rerank_progress"),
    path(
        "applications/<id:pk>/profile/",
        shortlist.application_profile,
        name="application_profile",
    ),
    path("applications/<id:pk>/decide/", shortlist.application_decide, name="application_decide"),
    path("decisions/<id:pk>/undo/", shortlist.decision_undo, name="decision_undo"),
    path(
        "candidates/<id:pk>/data.json", privacy.candidate_data_export, name="candidate_data_export"
    ),
    path("candidates/<id:pk>/erase/", privacy.candidate_erase, name="candidate_erase"),
    path("roles/<id:pk>/views/", saved_views.saved_view_create, name="saved_view_create"),
    path("views/<id:pk>/delete/", saved_views.saved_view_remove, name="saved_view_remove"),
    path("roles/<id:pk>/history/", history.role_history, name="role_history"),
    path("emails/", emails_admin.email_templates, name="email_templates"),
    path("outbox/undelivered/", undelivered.undelivered, name="undelivered"),
    path("outbox/<id:pk>/retry/", undelivered.undelivered_retry, name="undelivered_retry"),
    path("emails/<slug:kind>/", emails_admin.email_template_edit, name="email_template_edit"),
    path(
        "emails/<slug:kind>/new/",
        emails_admin.email_template_edit,
        {"new": True},
        name="email_template_new",
    ),
    path(
        "emails/<slug:kind>/<id:pk>/",
        emails_admin.email_template_edit,
        name="email_template_wording",
    ),
    path(
        "emails/wordings/<id:pk>/delete/",
        emails_admin.email_template_remove,
        name="email_template_remove",
    ),
    path("candidates/<id:pk>/history/", history.candidate_history, name="candidate_history"),
]
