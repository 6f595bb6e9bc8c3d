"""Interview pages: the bank and guides (recruiters), scheduling, the interview page,
scorecards and observations (the people on it), and the candidate's slot picker."""

from .bank import bank, bank_question_active, bank_question_edit, core_value_active, core_value_edit
from .guides import (
    guide,
    guide_add,
    guide_generate,
    guide_item_move,
    guide_item_remove,
    guide_print,
)
from .interviews import (
    interview_cancel,
    interview_create,
    interview_detail,
    interview_reschedule,
    interview_resend,
    interviewer_report,
    my_interviews,
    observation,
    scorecard,
)
from .slots import slot_pick

__all__ = [
    "bank",
    "bank_question_active",
    "bank_question_edit",
    "core_value_active",
    "core_value_edit",
    "guide",
    "guide_add",
    "guide_generate",
    "guide_item_move",
    "guide_item_remove",
    "guide_print",
    "interview_cancel",
    "interview_create",
    "interview_detail",
    "interview_reschedule",
    "interview_resend",
    "interviewer_report",
    "my_interviews",
    "observation",
    "scorecard",
    "slot_pick",
]
