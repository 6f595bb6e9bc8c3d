"""Interviews: core values and the question bank, guides per role, scheduled interviews with
their slots and bookings, scorecards (with their edit history) and team-meet observations."""

from .scheduling import Booking, Interview, InterviewSlot, Participant
from .scorecards import Observation, Recommendation, Scorecard, ScorecardRevision, TraitRating
from .values import BankQuestion, CoreValue, GuideQuestion, InterviewGuide

__all__ = [
    "BankQuestion",
    "Booking",
    "CoreValue",
    "GuideQuestion",
    "Interview",
    "InterviewGuide",
    "InterviewSlot",
    "Observation",
    "Participant",
    "Recommendation",
    "Scorecard",
    "ScorecardRevision",
    "TraitRating",
]
