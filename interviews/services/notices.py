"""What interviews tell colleagues in the app: a slot booked or moved, a scorecard in, and
the nags to interviewers who have not recorded a held interview (email and bell).

The sentences name the candidate by alias ("Candidate #12") and the role by title: an
interviewer may be an employee, a role may be under blind review, and a notification outlives
an erasure, so no candidate's name ever goes into one.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from candidates.models.pipeline import CLOSED_STAGES
from passionhire.emails import send_email_once, templated_email
from passionhire.notifications import Kind, notify

from ..models import Interview, Participant
from ..selectors import _recorded_by, anchoring_hidden

NAG_FIRST_AFTER = timedelta(hours=1)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%a %-d %b %Y, %H:%M UTC")


def _what(interview: Interview) -> str:
    """The interview in a notification's words. A notification is stored: English."""
    application = interview.application
    return f"{interview.kind_recorded} with {application.alias} ({application.role.title})"


def _nag_item(interview: Interview) -> dict:
    """One line of the nag email, in the language active where it is called (the reader's)."""
    application = interview.application
    return {
        "what": gettext("{kind} with {alias} ({role})").format(
            kind=interview.get_kind_display(), alias=application.alias, role=application.role.title
        ),
        "when": date_format(interview.starts_at.astimezone(UTC), gettext("D j M Y, H:i")) + " UTC",
        "url": settings.PASSIONHIRE["SITE_URL"]
        + reverse(
            "interviews:observation" if interview.is_team_meet else "interviews:scorecard",
            args=[interview.pk],
        ),
    }


def notify_slot(interview: Interview, *, moved: bool, actor=None) -> int:
    """Tell the people on the interview and whoever scheduled it that a time was booked (by
    the candidate) or moved (by a recruiter). Inside the booking's transaction."""
    recipients = [p.interviewer_id for p in interview.participants.all()]
    recipients.append(interview.created_by_id)
    verb = "moved to" if moved else "booked for"
    return notify(
        recipients=recipients,
        kind=Kind.SLOT_MOVED if moved else Kind.SLOT_BOOKED,
        key=f"interview-{interview.pk}:{'moved' if moved else 'booked'}:{interview.sequence}",
        text=f"{_what(interview)} {verb} {_utc(interview.starts_at)}",
        url=reverse("interviews:detail", args=[interview.pk]),
        actor=actor,
        application_id=interview.application_id,
        interview_id=interview.pk,
    )


def notify_scorecard(interview: Interview, *, interviewer) -> int:
    """A first scorecard is in: tell whoever scheduled the interview and the role's hiring
    manager, unless they sit on an interview of this candidate themselves and have not recorded
    it yet (that a colleague has judged would anchor them)."""
    application = interview.application
    recipients = {interview.created_by_id, application.role.hiring_manager_id} - {None}
    users = interview.interviewers.model.objects.filter(pk__in=recipients, is_active=True)
    allowed = [u for u in users if not anchoring_hidden(u, application)]
    return notify(
        recipients=allowed,
        kind=Kind.SCORECARD,
        key=f"interview-{interview.pk}:scorecard:{interviewer.pk}",
        text=f"{interviewer.get_display_name()} recorded the {_what(interview)}",
        url=reverse("interviews:detail", args=[interview.pk]),
        actor=interviewer,
        application_id=application.pk,
        interview_id=interview.pk,
    )


# -- Nags -------------------------------------------------------------------------------------


def working_days_between(start: date, end: date) -> int:
    """Working days (Monday to Friday) after `start` up to and including `end`."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def nag_due(ended: datetime, now: datetime, days: int) -> bool:
    """An hour after the interview ends, then on each of the next `days` working days (never
    at a weekend after the first)."""
    if now < ended + NAG_FIRST_AFTER:
        return False
    today, first = now.date(), ended.date()
    if today == first:
        return True
    return today.weekday() < 5 and working_days_between(first, today) <= days


def _unrecorded_held(now: datetime, days: int):
    """Participants of held interviews who have not recorded them, still in the nag window:
    one query, with the interview, its application and role."""
    oldest = now - timedelta(days=days + 2 * (days // 5 + 1) + 1)
    return (
        Participant.objects.filter(
            interview__status=Interview.Status.SCHEDULED,
            interview__starts_at__gte=oldest,
            interview__starts_at__lte=now,
            interview__application__candidate__erased_at__isnull=True,
            interviewer__is_active=True,
        )
        .exclude(interview__application__stage__in=CLOSED_STAGES)
        .annotate(
            recorded=_recorded_by(interview=OuterRef("interview"), user=OuterRef("interviewer"))
        )
        .filter(recorded=False)
        .select_related("interviewer", "interview__application__role")
        .order_by("interviewer_id", "interview__starts_at")
    )


def scorecard_nags_send_due(*, now: datetime | None = None) -> int:
    """Email (and notify) each interviewer with held interviews left to record, at most once
    per interviewer per day (UTC), listing all of them. Returns how many emails went out."""
    now = now or timezone.now()
    days = settings.PASSIONHIRE["SCORECARD_NAG_DAYS"]
    due = defaultdict(list)
    for participant in _unrecorded_held(now, days):
        interview = participant.interview
        if nag_due(interview.ends_at, now, days):
            due[participant.interviewer].append(interview)
    sent = 0
    day = now.date().isoformat()
    for user, interviews in due.items():
        first = interviews[0]
        notify(
            recipients=[user],
            kind=Kind.NAG,
            key=f"scorecard-nag:{day}",
            text=f"{len(interviews)} interview{'s' if len(interviews) > 1 else ''} to record: "
            f"{_what(first)}" + (" and more" if len(interviews) > 1 else ""),
            url=reverse(
                "interviews:observation" if first.is_team_meet else "interviews:scorecard",
                args=[first.pk],
            ),
            application_id=first.application_id,
            interview_id=first.pk,
        )
        if not user.email:
            continue
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            items = [_nag_item(i) for i in interviews]
        message = templated_email(
            template="interviews/emails/scorecard_nag",
            context={
                "name": user.get_display_name(),
                "items": items,
                "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
            },
            to=[user.email],
            language=language,
        )
        sent += send_email_once(key=f"scorecard-nag:user-{user.pk}:{day}", message=message)
    return sent
