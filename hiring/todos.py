"""The to-do list on each dashboard: what is waiting for this person, each item linking to
where they act. A fixed number of queries whatever the amount of data (a count and the first
few rows per item); what the dashboard already read (roles with their test reviews, erasure
requests) is reused, not read again."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from candidates.models import Application, Referral, Stage
from candidates.selectors import TEST_REVIEW
from interviews.models import Interview, Observation, Participant, Scorecard

SHOWN = 5


@dataclass
class Todo:
    label: str
    count: int
    url: str
    entries: list[tuple[str, str]] = field(default_factory=list)  # (text, url)
    more: bool = False


def _first(queryset, make) -> tuple[int, list, bool]:
    rows = list(queryset[: SHOWN + 1])
    count = len(rows) if len(rows) <= SHOWN else queryset.count()
    return count, [make(r) for r in rows[:SHOWN]], count > SHOWN


def scorecards_due(user) -> Todo:
    """Interviews this person sat on (held, not cancelled) and has not recorded yet."""
    recorded = Exists(
        Scorecard.objects.filter(
            interview=OuterRef("interview"), interviewer=OuterRef("interviewer")
        )
    ) | Exists(
        Observation.objects.filter(
            interview=OuterRef("interview"), observer=OuterRef("interviewer")
        )
    )
    due = (
        Participant.objects.filter(
            interviewer=user,
            interview__status=Interview.Status.SCHEDULED,
            interview__starts_at__lte=timezone.now(),
            interview__application__candidate__erased_at__isnull=True,
        )
        .annotate(recorded=recorded)
        .filter(recorded=False)
        .select_related("interview__application__role")
        .order_by("interview__starts_at", "pk")
    )

    def entry(participant):
        interview = participant.interview
        application = interview.application
        name = "interviews:observation" if interview.is_team_meet else "interviews:scorecard"
        text = gettext("%(kind)s with %(alias)s (%(role)s), %(day)s") % {
            "kind": interview.get_kind_display(),
            "alias": application.alias,
            "role": application.role.title,
            "day": date_format(interview.starts_at, gettext("j M")),
        }
        return text, reverse(name, args=[interview.pk])

    count, entries, more = _first(due, entry)
    return Todo(gettext("Scorecards to record"), count, reverse("interviews:mine"), entries, more)


def decisions_pending(user) -> Todo:
    """Applications of the roles this hiring manager owns that wait at the decision stage."""
    waiting = (
        Application.objects.filter(role__hiring_manager=user, stage=Stage.DECISION)
        .select_related("role")
        .order_by("stage_changed_at", "pk")
    )

    def entry(application):
        return (
            f"{application.alias} ({application.role.title})",
            reverse("hiring:application_profile", args=[application.pk]),
        )

    count, entries, more = _first(waiting, entry)
    return Todo(gettext("Decisions to make"), count, reverse("hiring:dashboard"), entries, more)


def recruiter_todos(user, *, roles, erasure_requests: int) -> list[Todo]:
    referrals = Referral.objects.filter(status=Referral.Status.PENDING).count()
    reviews = [r for r in roles if r.test_review_count]
    return [
        Todo(gettext("Referrals waiting"), referrals, reverse("candidates:referral_inbox")),
        Todo(
            gettext("Passion Tests to review"),
            sum(r.test_review_count for r in reviews),
            reverse("hiring:dashboard"),
            [
                (f"{r.title}: {r.test_review_count}", f"{r.get_absolute_url()}?stage={TEST_REVIEW}")
                for r in reviews[:SHOWN]
            ],
            len(reviews) > SHOWN,
        ),
        Todo(gettext("Requests to be erased"), erasure_requests, "#erasure-requests"),
        scorecards_due(user),
    ]


def hiring_manager_todos(user) -> list[Todo]:
    return [decisions_pending(user), scorecards_due(user)]


def employee_todos(user) -> list[Todo]:
    return [scorecards_due(user)]
