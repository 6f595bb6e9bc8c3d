"""The composition app's models live with their features; Django finds them here."""

from .api.models import ApiToken
from .fairness.models import SelfIdAnswer, SelfIdQuestion
from .notes.models import Note
from .saved_views.models import SavedView
from .validity.models import CheckIn, CheckInScore

__all__ = [
    "ApiToken",
    "CheckIn",
    "CheckInScore",
    "Note",
    "SavedView",
    "SelfIdAnswer",
    "SelfIdQuestion",
]
