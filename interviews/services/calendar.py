"""The .ics invitation every participant gets (RFC 5545 through the `icalendar` package:
escaping, folding and date-time formats are its job, not ours)."""

from datetime import UTC
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress, vText

from ..models import Interview

PRODID = "-//PassionHire//Interviews//EN"


def interview_uid(interview: Interview) -> str:
    return f"{interview.uid}@passionhire"


def _address(email: str, name: str, **params) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    for key, value in params.items():
        address.params[key.replace("_", "-")] = vText(value)
    return address


def interview_ics(interview: Interview, *, attendees: list[tuple[str, str]]) -> bytes:
    """The calendar object for the interview as it is now: METHOD:REQUEST while it stands
    (a reschedule is the same UID with a higher SEQUENCE), METHOD:CANCEL once cancelled.
    `attendees` are (name, email). Times are written in UTC; the words in the active language
    (each reader's: the sender builds one per recipient)."""
    cancelled = interview.status == Interview.Status.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", interview_uid(interview))
    event.add("sequence", interview.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", interview.starts_at.astimezone(UTC))
    event.add("dtend", interview.ends_at.astimezone(UTC))
    role = interview.application.role
    event.add(
        "summary",
        f"{interview.get_kind_display()}: {interview.application.candidate.name} · {role.title}",
    )
    event.add(
        "description",
        gettext("{kind} for {role} ({team}).").format(
            kind=interview.get_kind_display(), role=role.title, team=role.team
        ),
    )
    if interview.location:
        event.add("location", interview.location)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organiser_name, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    event.add("organizer", _address(organiser_email, organiser_name or "PassionHire"), encode=0)
    for name, email in attendees:
        event.add(
            "attendee",
            _address(email, name, role="REQ-PARTICIPANT", partstat="NEEDS-ACTION", rsvp="TRUE"),
            encode=0,
        )
    calendar.add_component(event)
    return calendar.to_ical()
