"""The candidates app's data: the pipeline, the Passion Test, and the evidence they produce."""

from .evidence import Evidence
from .passion_test import (
    Answer,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Questionnaire,
    ScenarioOption,
    WhyRating,
)
from .pipeline import (
    ACTIVE_STAGES,
    CLOSED_STAGES,
    DEFAULT_WEIGHT,
    WEIGHT_MAX,
    Application,
    ApplicationEvent,
    Candidate,
    Role,
    Stage,
)
from .referrals import Referral, ReferralExample, ReferrerPreference

__all__ = [
    "ACTIVE_STAGES",
    "CLOSED_STAGES",
    "DEFAULT_WEIGHT",
    "WEIGHT_MAX",
    "Answer",
    "Application",
    "ApplicationEvent",
    "Candidate",
    "Evidence",
    "PassionTestInvitation",
    "PassionTestResponse",
    "Question",
    "Referral",
    "ReferralExample",
    "ReferrerPreference",
    "Questionnaire",
    "Role",
    "ScenarioOption",
    "Stage",
    "WhyRating",
]
