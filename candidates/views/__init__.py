"""Pages of the candidates app. Each view says who may use it; the services do the writing."""

from ..passion_test.questionnaire_views import (
    question_create,
    question_edit,
    question_move,
    question_retire,
    questionnaire_consistency,
    questionnaire_version,
)
from ..passion_test.take import page_save, page_view, take
from ..passion_test.views import (
    passion_test_review,
    passion_test_revoke,
    passion_test_send,
    passion_test_send_many,
    why_answer_rate,
)
from ..referrals.share_views import share_role_qr, share_roles
from ..referrals.views import (
    referral_accept,
    referral_create,
    referral_decline,
    referral_detail,
    referral_inbox,
    referral_leaderboard,
    referral_leaderboard_csv,
    referral_list,
    referral_visibility,
)
from .pipeline import (
    application_create,
    application_quick_add,
    candidate_list,
    role_create,
    role_edit,
    role_publish,
    role_status,
)

__all__ = [
    "passion_test_review",
    "application_create",
    "application_quick_add",
    "candidate_list",
    "passion_test_revoke",
    "passion_test_send",
    "passion_test_send_many",
    "question_create",
    "question_edit",
    "question_move",
    "question_retire",
    "questionnaire_consistency",
    "questionnaire_version",
    "referral_accept",
    "referral_create",
    "referral_decline",
    "referral_detail",
    "referral_inbox",
    "referral_leaderboard",
    "referral_leaderboard_csv",
    "referral_list",
    "referral_visibility",
    "role_create",
    "role_edit",
    "role_publish",
    "role_status",
    "share_role_qr",
    "share_roles",
    "take",
    "page_save",
    "page_view",
    "why_answer_rate",
]
