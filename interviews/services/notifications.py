"""Interview emails: the candidate's slot link, calendar invitations (.ics) to everyone on
an interview, and the reminders 24 hours and 1 hour before. Each is sent once (email ledger)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation

from passionhire.emails import send_email_once, templated_email
from passionhire.mailtemplates import local_time_for_reader

from ..models import Interview, Participant
from .calendar import interview_ics
from .slot_links import slot_link_url


def _people(interview: Interview) -> list[tuple[str, str, str, str, str]]:
    """(ledger id, name, email, time zone, language) of the candidate (unless erased: they can
    no longer be reached) and of every interviewer who has an email address. Each reads times
    in their own zone and words in their own language: the candidate in the interview's zone
    (the one its times were offered in) and their application's language, a colleague in the
    zone and language on their account ("as my browser asks" is English: an email has no
    browser). The ledger id names the recipient in the email ledger's key by id, so no key
    ever holds an address."""
    candidate = interview.application.candidate
    people = []
    if not candidate.is_erased:
        people.append(
            (
                f"candidate-{candidate.pk}",
                candidate.name,
                candidate.email,
                interview.time_zone,
                interview.application.language,
            )
        )
    for participant in interview.participants.all():
        user = participant.interviewer
        if user.email:
            people.append(
                (
                    f"user-{user.pk}",
                    user.get_display_name(),
                    user.email,
                    user.time_zone,
                    user.language or settings.LANGUAGE_CODE,
                )
            )
    return people


def _when(moment, zone: str, language: str) -> str:
    with translation.override(language):
        return local_time_for_reader(moment, zone)


def interview_send_slot_link(*, interview_id: int, send_number: int) -> bool:
    interview = (
        Interview.objects.select_related("application__candidate", "application__role")
        .filter(pk=interview_id)
        .first()
    )
    if interview is None or interview.status != Interview.Status.OFFERED:
        return False
    candidate = interview.application.candidate
    message = templated_email(
        template="interviews/emails/slot_link",
        context={
            "interview": interview,
            "candidate": candidate,
            "role": interview.application.role,
            "url": slot_link_url(interview),
        },
        to=[candidate.email],
        language=interview.application.language,
    )
    return send_email_once(key=f"interview:{interview.pk}:slots:{send_number}", message=message)


def interview_send_calendar(*, interview_id: int, sequence: int) -> int:
    """Send everyone the calendar object for `sequence` (the invitation, an update, or the
    cancellation). A stale sequence sends nothing: a newer update is on its way. Returns how
    many emails went out."""
    interview = (
        Interview.objects.select_related("application__candidate", "application__role")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("interviewer"))
        )
        .filter(pk=interview_id)
        .first()
    )
    if interview is None or interview.sequence != sequence or interview.starts_at is None:
        return 0
    people = _people(interview)
    attendees = [(name, email) for _, name, email, _, _ in people]
    cancelled = interview.status == Interview.Status.CANCELLED
    template = (
        "interviews/emails/cancelled"
        if cancelled
        else "interviews/emails/updated"
        if sequence
        else "interviews/emails/invitation"
    )
    sent = 0
    for recipient, name, email, zone, language in people:
        message = templated_email(
            template=template,
            context={
                "interview": interview,
                "name": name,
                "is_candidate": recipient.startswith("candidate-"),
                "role": interview.application.role,
                "when": _when(interview.starts_at, zone, language),
                "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
            },
            to=[email],
            language=language,
        )
        with translation.override(language):
            ics = interview_ics(interview, attendees=attendees)
        message.attach("interview.ics", ics, "text/calendar")
        key = f"interview:{interview.pk}:calendar:{sequence}:{recipient}"
        sent += send_email_once(key=key, message=message)
    return sent


REMINDERS = (("24h", timedelta(hours=24)), ("1h", timedelta(hours=1)))


def interview_reminders_send_due(*, now: datetime | None = None) -> int:
    """Send the reminders that are due: 24 hours before (unless the interview was booked less
    than a day ahead: the invitation just went out) and 1 hour before. Each recipient gets each
    reminder once per scheduled time, however often this runs. Returns how many were sent."""
    now = now or timezone.now()
    due = (
        Interview.objects.filter(
            status=Interview.Status.SCHEDULED,
            starts_at__gt=now,
            starts_at__lte=now + REMINDERS[0][1],
        )
        .select_related("application__candidate", "application__role")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("interviewer"))
        )
    )
    sent = 0
    for interview in due:
        left = interview.starts_at - now
        which = "1h" if left <= REMINDERS[1][1] else "24h"
        if which == "24h" and interview.scheduled_at > interview.starts_at - REMINDERS[0][1]:
            continue
        for recipient, name, email, zone, language in _people(interview):
            message = templated_email(
                template="interviews/emails/reminder",
                context={
                    "interview": interview,
                    "name": name,
                    "which": which,
                    "is_candidate": recipient.startswith("candidate-"),
                    "role": interview.application.role,
                    "when": _when(interview.starts_at, zone, language),
                    "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
                },
                to=[email],
                language=language,
            )
            key = f"interview:{interview.pk}:reminder:{which}:{interview.sequence}:{recipient}"
            sent += send_email_once(key=key, message=message)
    return sent
