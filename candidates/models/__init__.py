"""The candidates app's data: the pipeline, the Passion Test, and the evidence they produce."""

from ..bulk.models import BulkJob
from ..imports.models import ImportJob
from ..passion_test.models import (
    Answer,
    PageVisit,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Questionnaire,
    ScenarioOption,
    WhyRating,
)
from ..passion_test.translation_models import QuestionnaireTranslation
from ..referrals.models import Referral, ReferralExample, ReferrerPreference
from ..tags.models import CandidateTag, TaggedCandidate
from .applying import KnockoutQuestion
from .evidence import Evidence
from .history import ApplicationEvent, StageChange
from .pipeline import (
    ACTIVE_STAGES,
    CLOSED_STAGES,
    DEFAULT_WEIGHT,
    ERASED_EMAIL_DOMAIN,
    FUNNEL,
    REVEALED_STAGES,
    WEIGHT_MAX,
    Application,
    Candidate,
    Role,
    Stage,
    erased_email,
    funnel_index,
    is_erased_email,
    new_status_nonce,
)
from .privacy import ErasureRequest
from .shortlist import Decision, RerankJob

__all__ = [
    "ACTIVE_STAGES",
    "CLOSED_STAGES",
    "DEFAULT_WEIGHT",
    "ERASED_EMAIL_DOMAIN",
    "FUNNEL",
    "REVEALED_STAGES",
    "WEIGHT_MAX",
    "Answer",
    "PageVisit",
    "Application",
    "ApplicationEvent",
    "Candidate",
    "CandidateTag",
    "Decision",
    "ErasureRequest",
    "Evidence",
    "BulkJob",
    "ImportJob",
    "KnockoutQuestion",
    "PassionTestInvitation",
    "PassionTestResponse",
    "Question",
    "Referral",
    "ReferralExample",
    "ReferrerPreference",
    "Questionnaire",
    "QuestionnaireTranslation",
    "RerankJob",
    "Role",
    "ScenarioOption",
    "Stage",
    "StageChange",
    "TaggedCandidate",
    "WhyRating",
    "erased_email",
    "funnel_index",
    "is_erased_email",
    "new_status_nonce",
]
