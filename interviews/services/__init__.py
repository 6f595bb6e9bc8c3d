"""Every write in the interviews app, one function per user action (see the modules)."""

from .calendar import interview_ics, interview_uid
from .guides import (
    allocate_questions,
    guide_add_question,
    guide_for_role,
    guide_generate,
    guide_move_question,
    guide_remove_question,
    guide_traits,
)
from .notices import notify_scorecard, notify_slot, scorecard_nags_send_due
from .notifications import (
    interview_reminders_send_due,
    interview_send_calendar,
    interview_send_slot_link,
)
from .scheduling import (
    AlreadyScheduled,
    Conflict,
    SlotTaken,
    booking_conflicts,
    interview_cancel,
    interview_pick_slot,
    interview_reschedule,
    interview_resend_link,
    interview_schedule,
    open_slots,
)
from .scorecards import (
    Calibration,
    interviewer_recalibrate,
    observation_score,
    observation_submit,
    rater_calibration,
    rating_to_value,
    scorecard_score,
    scorecard_submit,
)
from .slot_links import interview_from_token, slot_link_token, slot_link_url
from .values import (
    bank_question_save,
    bank_question_set_active,
    core_value_save,
    core_value_set_active,
)

__all__ = [
    "notify_scorecard",
    "notify_slot",
    "scorecard_nags_send_due",
    "AlreadyScheduled",
    "Calibration",
    "Conflict",
    "SlotTaken",
    "allocate_questions",
    "bank_question_save",
    "bank_question_set_active",
    "booking_conflicts",
    "core_value_save",
    "core_value_set_active",
    "guide_add_question",
    "guide_for_role",
    "guide_generate",
    "guide_move_question",
    "guide_remove_question",
    "guide_traits",
    "interview_cancel",
    "interview_from_token",
    "interview_ics",
    "interview_pick_slot",
    "interview_reminders_send_due",
    "interview_reschedule",
    "interview_resend_link",
    "interview_schedule",
    "interview_send_calendar",
    "interview_send_slot_link",
    "interview_uid",
    "interviewer_recalibrate",
    "observation_score",
    "observation_submit",
    "open_slots",
    "rater_calibration",
    "rating_to_value",
    "scorecard_score",
    "scorecard_submit",
    "slot_link_token",
    "slot_link_url",
]
