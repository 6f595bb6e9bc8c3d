"""Every non-trivial read in the candidates app (see the modules)."""

from ..passion_test.selectors import (
    application_results,
    consistency_by_language,
    questionnaire_questions,
    questionnaire_versions,
    trait_consistency,
)
from ..referrals.selectors import (
    LeaderRow,
    leaderboard_shown_to_me,
    referral_inbox,
    referral_leaderboard,
    referral_of,
    referrals_of,
)
from .identity import hide_identity, identity_hidden_from
from .pipeline import (
    KNOCKED_OUT,
    KNOCKED_OUT_LABEL,
    TEST_REVIEW,
    TEST_REVIEW_LABEL,
    StageCount,
    applications_for_role,
    candidates_matching,
    link_referrer_name,
    open_roles,
    pipeline_totals,
    role_with_pipeline,
    roles_managed_by,
    roles_with_pipeline,
    test_reviews_waiting,
)

__all__ = [
    "hide_identity",
    "identity_hidden_from",
    "LeaderRow",
    "leaderboard_shown_to_me",
    "referral_inbox",
    "referral_leaderboard",
    "referral_of",
    "referrals_of",
    "StageCount",
    "KNOCKED_OUT",
    "KNOCKED_OUT_LABEL",
    "TEST_REVIEW",
    "TEST_REVIEW_LABEL",
    "test_reviews_waiting",
    "application_results",
    "applications_for_role",
    "candidates_matching",
    "link_referrer_name",
    "open_roles",
    "pipeline_totals",
    "questionnaire_questions",
    "questionnaire_versions",
    "role_with_pipeline",
    "roles_managed_by",
    "roles_with_pipeline",
    "consistency_by_language",
    "trait_consistency",
]
