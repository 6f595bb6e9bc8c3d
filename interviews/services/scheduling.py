"""Scheduling: offering slots, booking a time (once, under a database constraint),
rescheduling and cancelling. The candidate's signed link is in `slot_links`; the emails in
`notifications`."""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models import ApplicationEvent, Stage
from candidates.models.pipeline import ACTIVE_STAGES
from candidates.services import ERASED_MESSAGE, application_advance, candidate_check_not_erased
from candidates.stage_names import stage_name
from passionhire import outbox
from passionhire.mailtemplates import local_time_for_reader
from passionhire.params import parse_id
from passionhire.signed_links import LinkRevoked
from passionhire.traits import Trait

from ..models import Booking, Interview, InterviewSlot, Participant
from .audit import interview_audit
from .guides import guide_for_role, guide_traits
from .notices import notify_slot

MAX_SLOTS = 10
User = get_user_model()


class SlotTaken(Exception):
    """The slot went to someone else a moment ago (or is no longer free)."""


class AlreadyScheduled(Exception):
    pass


# -- Offering slots -------------------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    interviewer: object
    starts_at: datetime
    other: Booking

    def __str__(self) -> str:
        who = self.interviewer.get_display_name()
        other = self.other.interview.application.candidate.name
        kind = self.other.interview.get_kind_display().lower()
        return f"{who} is already booked then ({other}'s {kind})"


def booking_conflicts(
    *, interviewer_ids, slots: list[datetime], duration_minutes: int, exclude_interview=None
) -> list[Conflict]:
    """Existing bookings of these interviewers that overlap any of the slots (one query)."""
    if not slots:
        return []
    length = timedelta(minutes=duration_minutes)
    overlap = Q()
    for start in slots:
        overlap |= Q(starts_at__lt=start + length, ends_at__gt=start)
    bookings = Booking.objects.filter(overlap, interviewer_id__in=list(interviewer_ids))
    if exclude_interview is not None:
        bookings = bookings.exclude(interview=exclude_interview)
    bookings = bookings.select_related("interviewer", "interview__application__candidate").order_by(
        "starts_at", "interviewer_id"
    )
    conflicts = []
    for booking in bookings:
        for start in slots:
            if booking.starts_at < start + length and booking.ends_at > start:
                conflicts.append(Conflict(booking.interviewer, start, booking))
    return conflicts


def _check_slots(slots: list[datetime]) -> list[datetime]:
    now = timezone.now()
    if not slots:
        raise ValidationError({"slots": _("Offer at least one time.")})
    if len(slots) > MAX_SLOTS:
        raise ValidationError({"slots": _("Offer at most %(max)s times.") % {"max": MAX_SLOTS}})
    if any(s <= now for s in slots):
        raise ValidationError(
            {"slots": _("A time you offered is in the past; choose a later one.")}
        )
    if len(set(slots)) != len(slots):
        raise ValidationError({"slots": _("The same time is offered twice.")})
    return sorted(slots)


def interview_traits(*, application, kind: str) -> list[str]:
    """What a scorecard will rate: the traits the role's guide covers (a team meet looks at all
    six)."""
    if kind == Interview.Kind.TEAM_MEET:
        return list(Trait.values)
    return guide_traits(guide_for_role(role=application.role)) or list(Trait.values)


@transaction.atomic
def interview_schedule(
    *,
    application,
    kind: str,
    interviewers: list,
    slots: list[datetime],
    duration_minutes: int,
    location: str,
    time_zone: str,
    created_by,
    allow_conflicts: bool = False,
) -> Interview:
    """Create an interview offering `slots` to the candidate, who gets a link to pick one.
    Raises ValidationError (nothing saved) for a closed application, no consent, no
    interviewers, bad slots, or, unless `allow_conflicts`, an interviewer already booked."""
    candidate = application.candidate
    candidate_check_not_erased(candidate)
    if application.stage not in ACTIVE_STAGES:
        words = _("%(name)s's application is %(stage)s.") % {
            "name": candidate.name,
            "stage": str(stage_name(application.stage)).lower(),
        }
        raise ValidationError(words, code="closed_application")
    if not application.role.is_open:
        words = _("“%(role)s” is closed.") % {"role": application.role.title}
        raise ValidationError(words, code="role_closed")
    if not application.candidate.consent_to_contact:
        words = _("%(name)s has not agreed to be contacted by email.") % {"name": candidate.name}
        raise ValidationError(words, code="no_consent")
    if not interviewers:
        raise ValidationError({"interviewers": _("Choose at least one interviewer.")})
    if not 15 <= duration_minutes <= 240:
        raise ValidationError({"duration_minutes": _("Between 15 and 240 minutes.")})
    slots = _check_slots(slots)
    if not allow_conflicts:
        conflicts = booking_conflicts(
            interviewer_ids=[u.pk for u in interviewers],
            slots=slots,
            duration_minutes=duration_minutes,
        )
        if conflicts:
            at = _("%(interview)s at %(time)s.")
            found = [(c, local_time_for_reader(c.starts_at, time_zone)) for c in conflicts]
            said = [at % {"interview": c, "time": when} for c, when in found]
            raise ValidationError([ValidationError(m, code="double_booked") for m in said])
    interview = Interview.objects.create(
        application=application,
        kind=kind,
        duration_minutes=duration_minutes,
        location=location.strip(),
        traits=interview_traits(application=application, kind=kind),
        time_zone=time_zone,
        nonce=secrets.token_hex(16),
        link_expires_at=timezone.now()
        + timedelta(days=settings.PASSIONHIRE["INTERVIEW_LINK_DAYS"]),
        link_send_count=1,
        created_by=created_by,
    )
    Participant.objects.bulk_create(
        Participant(interview=interview, interviewer=u) for u in interviewers
    )
    InterviewSlot.objects.bulk_create(
        InterviewSlot(interview=interview, starts_at=s) for s in slots
    )
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=created_by,
        message=f"{interview.kind_recorded} offered: {len(slots)} time(s) with "
        + ", ".join(u.get_display_name() for u in interviewers),
    )
    interview_audit(
        interview,
        actor=created_by,
        action="interview.schedule",
        summary="Offered",
        kind=(None, kind),
    )
    application_advance(
        application=application,
        to=Stage.TEAM_MEET if kind == Interview.Kind.TEAM_MEET else Stage.INTERVIEWS,
        actor=created_by,
        reason=f"{interview.kind_recorded.lower()} offered",
    )
    outbox.enqueue("interviews.tasks.send_slot_link_task", interview.pk, 1)
    return interview


def _lock(interview: Interview) -> Interview:
    """The interview, row-locked, with its candidate (to refuse writes about an erased one)."""
    return (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__candidate")
        .get(pk=interview.pk)
    )


def local_time(moment: datetime, zone: str) -> str:
    return timezone.localtime(moment, ZoneInfo(zone)).strftime("%a %d %b %Y, %H:%M (%Z)")


@transaction.atomic
def interview_resend_link(*, interview: Interview, by) -> Interview:
    """Send the slot link again, valid for another full period (same link)."""
    interview = _lock(interview)
    candidate_check_not_erased(interview.application.candidate)
    if interview.status != Interview.Status.OFFERED:
        raise ValidationError(_("The candidate has already picked a time, or it was cancelled."))
    interview.link_send_count += 1
    interview.link_expires_at = timezone.now() + timedelta(
        days=settings.PASSIONHIRE["INTERVIEW_LINK_DAYS"]
    )
    interview.save(update_fields=["link_send_count", "link_expires_at"])
    interview_audit(interview, actor=by, action="interview.resend", summary="Slot link sent again")
    outbox.enqueue("interviews.tasks.send_slot_link_task", interview.pk, interview.link_send_count)
    return interview


def open_slots(interview: Interview) -> list[InterviewSlot]:
    """The offered times the candidate can still pick: in the future and with every
    interviewer still free."""
    slots = [s for s in interview.slots.all() if s.starts_at > timezone.now()]
    conflicts = booking_conflicts(
        interviewer_ids=interview.participants.values_list("interviewer_id", flat=True),
        slots=[s.starts_at for s in slots],
        duration_minutes=interview.duration_minutes,
        exclude_interview=interview,
    )
    taken = {c.starts_at for c in conflicts}
    return [s for s in slots if s.starts_at not in taken]


def _book(interview: Interview, starts_at: datetime) -> None:
    """Book every interviewer at `starts_at`. The interviewers' rows are locked (in id order,
    so two bookings never deadlock) while overlaps are checked; the unique constraint on
    (interviewer, start) is the last word if two bookings race anyway."""
    interviewer_ids = sorted(interview.participants.values_list("interviewer_id", flat=True))
    list(User.objects.select_for_update().filter(pk__in=interviewer_ids).order_by("pk"))
    if booking_conflicts(
        interviewer_ids=interviewer_ids,
        slots=[starts_at],
        duration_minutes=interview.duration_minutes,
        exclude_interview=interview,
    ):
        raise SlotTaken
    ends_at = starts_at + timedelta(minutes=interview.duration_minutes)
    try:
        with transaction.atomic():
            Booking.objects.filter(interview=interview).delete()
            Booking.objects.bulk_create(
                Booking(interviewer_id=i, interview=interview, starts_at=starts_at, ends_at=ends_at)
                for i in interviewer_ids
            )
    except IntegrityError:
        raise SlotTaken from None


@transaction.atomic
def interview_pick_slot(*, interview: Interview, slot_id) -> Interview:
    """The candidate picks one of the offered times. SlotTaken if it went to someone else
    meanwhile (the page offers the rest); AlreadyScheduled on a second pick."""
    interview = (
        Interview.objects.select_for_update(of=("self",))
        .select_related("application__candidate", "application__role")
        .get(pk=interview.pk)
    )
    if interview.status == Interview.Status.CANCELLED:
        raise LinkRevoked(_("This interview was cancelled."))
    if interview.status == Interview.Status.SCHEDULED:
        raise AlreadyScheduled
    try:
        slot = interview.slots.get(pk=parse_id(slot_id))
    except (InterviewSlot.DoesNotExist, ValueError, TypeError):
        raise ValidationError(_("Choose one of the times offered.")) from None
    if slot.starts_at <= timezone.now():
        raise SlotTaken
    _book(interview, slot.starts_at)
    interview.status = Interview.Status.SCHEDULED
    interview.starts_at = slot.starts_at
    interview.scheduled_at = timezone.now()
    interview.save(update_fields=["status", "starts_at", "scheduled_at"])
    interview_audit(  # actor None: the candidate, through their link
        interview,
        actor=None,
        action="interview.book",
        summary="Booked",
        starts_at=(None, slot.starts_at),
    )
    ApplicationEvent.objects.create(
        application=interview.application,
        kind=ApplicationEvent.Kind.NOTE,
        message=f"{interview.kind_recorded} booked for {local_time(slot.starts_at, 'UTC')}",
    )
    notify_slot(interview, moved=False)
    _send_calendar(interview)
    return interview


@transaction.atomic
def interview_reschedule(*, interview: Interview, starts_at: datetime, by) -> Interview:
    """Move a scheduled interview: same calendar UID, SEQUENCE + 1, everyone gets the update.
    Refused for an erased candidate, who can no longer be told (cancel it instead)."""
    interview = _lock(interview)
    candidate_check_not_erased(interview.application.candidate)
    if interview.status != Interview.Status.SCHEDULED:
        raise ValidationError(_("Only a scheduled interview can be moved."))
    if interview.has_taken_place:
        raise ValidationError(_("This interview has already taken place."))
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a time in the future.")})
    if starts_at == interview.starts_at:
        raise ValidationError({"starts_at": _("That is the time it already has.")})
    try:
        _book(interview, starts_at)
    except SlotTaken:
        raise ValidationError(
            {"starts_at": "An interviewer is already booked at that time; choose another."}
        ) from None
    previous = interview.starts_at
    interview.starts_at = starts_at
    interview.sequence += 1
    interview.save(update_fields=["starts_at", "sequence"])
    interview_audit(
        interview,
        actor=by,
        action="interview.reschedule",
        summary="Moved",
        starts_at=(previous, starts_at),
    )
    ApplicationEvent.objects.create(
        application=interview.application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=by,
        message=f"{interview.kind_recorded} moved from {local_time(previous, 'UTC')} "
        f"to {local_time(starts_at, 'UTC')}",
    )
    notify_slot(interview, moved=True, actor=by)
    _send_calendar(interview)
    return interview


@transaction.atomic
def interview_cancel(*, interview: Interview, by, reason: str = "") -> Interview:
    """Cancel before it takes place: bookings freed, the link stops working, everyone on a
    scheduled interview gets METHOD:CANCEL. Refused once the interview has started. An erased
    candidate's interview can be cancelled, but without a reason (nothing new about them)."""
    interview = _lock(interview)
    if reason.strip() and interview.application.candidate.is_erased:
        raise ValidationError({"reason": ERASED_MESSAGE})
    if interview.status == Interview.Status.CANCELLED:
        raise ValidationError(_("This interview is already cancelled."))
    if interview.has_taken_place:
        raise ValidationError(
            _(
                "This interview has already taken place, so it cannot be cancelled. Record what "
                "happened in the scorecards instead."
            )
        )
    was_scheduled = interview.status == Interview.Status.SCHEDULED
    interview.status = Interview.Status.CANCELLED
    interview.cancelled_at = timezone.now()
    interview.cancel_reason = reason.strip()[:300]
    interview.sequence += 1
    interview.save(update_fields=["status", "cancelled_at", "cancel_reason", "sequence"])
    before = "scheduled" if was_scheduled else "offered"
    interview_audit(
        interview,
        actor=by,
        action="interview.cancel",
        summary="Cancelled",
        status=(before, "cancelled"),
    )
    Booking.objects.filter(interview=interview).delete()
    ApplicationEvent.objects.create(
        application=interview.application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=by,
        message=f"{interview.kind_recorded} cancelled"
        + (f": {interview.cancel_reason}" if interview.cancel_reason else ""),
    )
    if was_scheduled:
        _send_calendar(interview)
    return interview


def _send_calendar(interview: Interview) -> None:
    outbox.enqueue(
        "interviews.tasks.send_interview_calendar_task", interview.pk, interview.sequence
    )
