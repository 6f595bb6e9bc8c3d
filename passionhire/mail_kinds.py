"""Every email an organisation may word itself, and where each placeholder's value comes from.

The senders keep calling `passionhire.emails.templated_email` with their template's name and
context; `kind_for` says which kind (if any) that is, and `values_for` turns the context into
the kind's placeholder values (plain strings). Emails to colleagues (digests, nags, erasure
requests, an interviewer's calendar) keep their fixed words."""

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from .mailtemplates import COMMON, Kind, local_time_for_reader

LINK = "The candidate's personal link"
STATUS = {"status_link": "The candidate's own page: follow, update, withdraw"}
TEST = {"test_link": "The Passion Test link (no account needed)", "link_expires": "Its last day"}
INTERVIEW = {
    "interview_kind": "Interview, team meet, … in lower case",
    "when": "The time, in the candidate's time zone, written once",
    "duration": "How long, e.g. “45 minutes”",
    "location": "Where, or how to join",
}

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("applied", "Application received", "when someone applies on the careers page",
             {**COMMON, **TEST, **STATUS}, required=("test_link",)),
        Kind("knockout", "Application received (a knock-out answer to check)",
             "when someone applies and an answer may rule them out: a person checks first, "
             "and the email never says so", {**COMMON, **STATUS}),
        Kind("acknowledgement", "Acknowledgement", "when a recruiter adds or imports a candidate",
             dict(COMMON)),
        Kind("passion_test", "Passion Test invitation", "when the Passion Test link is sent",
             {**COMMON, **TEST}, required=("test_link",)),
        Kind("passion_test_reminder", "Passion Test reminder",
             "when the Passion Test link is sent again", {**COMMON, **TEST},
             required=("test_link",)),
        Kind("slot_link", "Pick an interview time", "when a candidate is offered interview times",
             {**COMMON, **INTERVIEW, "slot_link": LINK, "slots": "The times offered, one a line",
              "link_expires": "The link's last day"}, required=("slot_link",)),
        Kind("interview_booked", "Interview booked (calendar)",
             "when the candidate picked a time; the calendar invitation is attached",
             {**COMMON, **INTERVIEW}),
        Kind("interview_moved", "Interview moved (calendar)",
             "when an interview moves; the calendar update is attached", {**COMMON, **INTERVIEW}),
        Kind("interview_cancelled", "Interview cancelled (calendar)",
             "when an interview is cancelled; the calendar update is attached",
             {**COMMON, **INTERVIEW}),
        Kind("interview_reminder", "Interview reminder", "a day and an hour before an interview",
             {**COMMON, **INTERVIEW, "starts_in": "“in about an hour” or “tomorrow”"}),
        Kind("rejection", "Rejection", "after a person rejects an application, once the undo "
             "period has passed", dict(COMMON), many=True),
        Kind("referral_update", "Referral update", "when a referral is received, declined or "
             "moves on", {"referrer_first_name": "The employee who referred",
                          "referral_name": "The person they referred", "role_title": "The role",
                          "status": "Where the referral stands, e.g. “interviews”",
                          "update": "What happened, in a sentence",
                          "referrals_link": "Their page of referrals",
                          "organisation": COMMON["organisation"],
                          "sign_off": COMMON["sign_off"]}, to="the referring employee"),
        Kind("message", "Message", "when a recruiter writes to candidates in bulk",
             {**COMMON, **STATUS}, many=True),
    )
}  # fmt: skip

CANDIDATE_CALENDAR = {
    "interviews/emails/invitation": "interview_booked",
    "interviews/emails/updated": "interview_moved",
    "interviews/emails/cancelled": "interview_cancelled",
    "interviews/emails/reminder": "interview_reminder",
}


def kind_for(template: str, context: dict) -> Kind | None:
    """The kind an email of `template` with `context` is, or None for fixed words."""
    name = template.rsplit("/", 1)[-1]
    if template in CANDIDATE_CALENDAR:
        return KINDS[CANDIDATE_CALENDAR[template]] if context.get("is_candidate") else None
    if name == "applied":
        return KINDS["applied" if context.get("test_url") else "knockout"]
    if name == "passion_test":
        return KINDS["passion_test_reminder" if context.get("reminder") else "passion_test"]
    return KINDS.get(name)


def _date(moment) -> str:
    """A day in the email's language ("3 November 2026", "3 de noviembre de 2026")."""
    return date_format(moment, "DATE_FORMAT") if moment else ""


def values_for(kind: Kind, context: dict) -> dict[str, str]:
    """The placeholder values of `kind` for a sender's `context`."""
    if kind.key == "referral_update":
        return _referral_values(context)
    application = context.get("application")
    candidate = context.get("candidate") or getattr(application, "candidate", None)
    role = context.get("role") or getattr(application, "role", None)
    name = candidate.name if candidate is not None else context.get("name", "")
    values = {
        "candidate_name": name,
        "first_name": name.split()[0] if name.split() else name,
        "role_title": role.shown_title if role else "",  # in the email's language
        "team": role.team if role else "",
        "status_link": context.get("status_url", ""),
        "test_link": context.get("test_url") or context.get("url", ""),
        "link_expires": _date(context.get("expires_at")),
    }
    interview = context.get("interview")
    if interview is not None:
        values.update(
            interview_kind=interview.get_kind_display().lower(),
            duration=ngettext("%(n)d minute", "%(n)d minutes", interview.duration_minutes)
            % {"n": interview.duration_minutes},
            location=interview.location or gettext("We will send the details."),
            when=context.get("when", ""),
            starts_in=gettext("in one hour")
            if context.get("which") == "1h"
            else gettext("tomorrow"),
        )
        if kind.key == "slot_link":
            zone = interview.time_zone
            values.update(
                slot_link=context.get("url", ""),
                slots="\n".join(
                    f"  - {local_time_for_reader(s.starts_at, zone)}" for s in interview.slots.all()
                ),
                link_expires=local_time_for_reader(interview.link_expires_at, zone),
            )
    return values


def _referral_values(context: dict) -> dict[str, str]:
    referral = context["referral"]
    referrer = referral.referrer
    status = gettext(context["status"]).lower() if context.get("status") else ""
    if context.get("declined"):
        update = context.get("wording", "")
    else:
        words = (
            gettext(
                "An update on %(name)s, who applied for the %(title)s role through your share "
                "link: %(status)s. We will write again when they move on."
            )
            if referral.via_link
            else gettext(
                "An update on %(name)s, whom you referred for the %(title)s role: %(status)s. "
                "We will write again when they move on."
            )
        )
        update = words % {
            "name": referral.name,
            "title": referral.role.shown_title,
            "status": status,
        }
    return {
        "referrer_first_name": referrer.first_name or referrer.get_username(),
        "referral_name": referral.name,
        "status": status,
        "role_title": referral.role.shown_title,
        "update": update,
        "referrals_link": context.get("url", ""),
    }


def sample_values() -> dict[str, str]:
    """Links and times for a preview: shown, never minted (a preview creates no link)."""
    return {
        "test_link": "https://example.invalid/passion-test/(the candidate's own link)",
        "status_link": "https://example.invalid/s/(the candidate's own page)",
        "slot_link": "https://example.invalid/slots/(the candidate's own link)",
        "referrals_link": "https://example.invalid/referrals/",
        "link_expires": "11 December 2026",
        "interview_kind": "interview",
        "when": "Tue 1 Dec 2026, 14:00 GMT (Europe/London)",
        "duration": "45 minutes",
        "location": "Video call: the link is in the calendar invitation",
        "slots": "  - Tue 1 Dec 2026, 14:00 GMT (Europe/London)\n"
        "  - Wed 2 Dec 2026, 10:30 GMT (Europe/London)",
        "starts_in": "tomorrow",
        "update": "An update on Ben Example, whom you referred for the role: interviews.",
        "referrer_first_name": "Emma",
        "referral_name": "Ben Example",
        "status": "interviews",
    }
