"""The demo's timeline: `seed_demo` makes everything at once; this gives each demo application
one story in pipeline order (applied, Passion Test, values interview, team meet, decision),
spread over the past weeks, and dates every row of it to match: the invitation and response,
interviews with their slots and bookings, scorecards and observations a few hours after them,
decisions, the referral that brought the candidate, the events on the profile and the
notifications the scorecards caused. An application gets its story once (its "created" event
marks it), so running the seed again moves nothing; the careers-page applicants stay today's
news, and the demo employee's own interviews (to record now, tomorrow, to be picked) stay
where they are."""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from candidates.models import Application, ApplicationEvent, Referral, Stage
from candidates.services.decisions import DECISION_VERBS
from interviews.models import Interview
from passionhire.models import Notification

from .demo_fairness import INTAKE_TITLE

# The milestones each stage's applications passed, in order.
_TO_INTERVIEWS = ("applied", "test_sent", "test_submitted", "interviews")
_TO_MEET = (*_TO_INTERVIEWS, "values_held", "team_meet", "meet_held")
PATHS = {
    Stage.APPLIED: ("applied",),
    Stage.PASSION_TEST: ("applied", "test_sent"),
    Stage.INTERVIEWS: (*_TO_INTERVIEWS, "values_held"),
    Stage.TEAM_MEET: _TO_MEET,
    Stage.DECISION: (*_TO_MEET, "decision"),
    Stage.OFFER: (*_TO_MEET, "decision", "offer"),
    Stage.HIRED: (*_TO_MEET, "decision", "offer", "hired"),
    Stage.REJECTED: (*_TO_INTERVIEWS, "values_held", "rejected"),
    Stage.WITHDRAWN: (*_TO_INTERVIEWS, "withdrawn"),
}
# Days from the milestone before (min, max). After an interview at least a day and a half,
# so its scorecards are in before anything moves on.
GAP_DAYS = {
    "test_sent": (1, 3),
    "test_submitted": (1, 4),
    "interviews": (0.5, 2),
    "values_held": (3, 7),
    "team_meet": (1.5, 3),
    "meet_held": (2, 5),
    "decision": (1.5, 3),
    "offer": (1, 4),
    "hired": (3, 8),
    "rejected": (1.5, 3),
    "withdrawn": (2, 6),
}
# Days since the last milestone (min, max): how long the application has sat as it is now.
SINCE_DAYS = {
    Stage.APPLIED: (0.2, 6),
    Stage.PASSION_TEST: (1, 5),
    Stage.INTERVIEWS: (1.5, 6),
    Stage.TEAM_MEET: (1.5, 4),
    Stage.DECISION: (1, 5),
    Stage.OFFER: (1, 4),
    Stage.HIRED: (10, 35),
    Stage.REJECTED: (3, 25),
    Stage.WITHDRAWN: (3, 20),
}
# The milestone at which an application entered each stage (its "in stage since").
ENTERED = {
    Stage.APPLIED: "applied",
    Stage.PASSION_TEST: "test_sent",
    Stage.INTERVIEWS: "interviews",
    Stage.TEAM_MEET: "team_meet",
    Stage.DECISION: "decision",
    Stage.OFFER: "offer",
    Stage.HIRED: "hired",
    Stage.REJECTED: "rejected",
    Stage.WITHDRAWN: "withdrawn",
}
DECIDED = {"offer": "offer", "hire": "hired", "reject": "rejected", "withdraw": "withdrawn"}
# The stage moves the pipeline makes by itself, with the reason it gives.
MOVES = (
    ("test_sent", Stage.APPLIED, Stage.PASSION_TEST, "test sent"),
    ("interviews", Stage.PASSION_TEST, Stage.INTERVIEWS, "test scored"),
    ("team_meet", Stage.INTERVIEWS, Stage.TEAM_MEET, "team meet offered"),
    ("decision", Stage.TEAM_MEET, Stage.DECISION, "team meet recorded"),
)
HELD = {Interview.Kind.VALUES: "values_held", Interview.Kind.TEAM_MEET: "meet_held"}
SCHEDULED_FROM = {Interview.Kind.VALUES: "interviews", Interview.Kind.TEAM_MEET: "team_meet"}


def story(stage: str, rng: random.Random, now: datetime) -> dict[str, datetime]:
    """When an application at `stage` passed each milestone on its way there. Interviews
    start on the hour in office hours."""
    path = PATHS[Stage(stage)]
    days = [0.0]
    for step in path[1:]:
        days.append(days[-1] + rng.uniform(*GAP_DAYS[step]))
    start = now - timedelta(days=days[-1] + rng.uniform(*SINCE_DAYS[Stage(stage)]))
    dates = {step: start + timedelta(days=d) for step, d in zip(path, days, strict=True)}
    for step in ("values_held", "meet_held"):
        if step in dates:
            dates[step] = dates[step].replace(hour=9 + rng.randrange(7), minute=0, second=0)
    return dates


@transaction.atomic
def spread_demo_timeline(*, seed: int = 16) -> int:
    """Give every demo application without a story yet its story; returns how many."""
    rng = random.Random(seed)
    now = timezone.now()
    storied = ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.CREATED)
    applications = (
        Application.objects.filter(
            source__in=[Application.Source.RECRUITER, Application.Source.REFERRAL]
        )
        .exclude(pk__in=storied.values("application"))
        .exclude(role__title=INTAKE_TITLE)  # the past intake is dated by its own seed
        .select_related("candidate", "role", "added_by")
        .prefetch_related(
            "passion_test_invitations",
            "passion_test_responses",
            "decisions",
            "referrals",
            "interviews__slots",
            "interviews__bookings",
            "interviews__scorecards",
            "interviews__observations",
        )
        .order_by("pk")
    )
    moved = 0
    for application in applications:
        dates = story(application.stage, rng, now)
        _date_application(application, dates, rng, now)
        moved += 1
    for referral in Referral.objects.filter(
        application=None, via_link=False, created_at__gte=now - timedelta(hours=1)
    ):
        # Waiting ones came in this week (though not today); decided ones weeks ago.
        waiting = referral.status == Referral.Status.PENDING
        referral.created_at = now - timedelta(days=rng.uniform(*(2, 6) if waiting else (15, 30)))
        if not waiting:
            referral.decided_at = referral.created_at + timedelta(days=rng.uniform(1, 4))
        referral.save(update_fields=["created_at", "decided_at"])
    return moved


def _later(at: datetime, hours: tuple[float, float], rng, *, before: datetime) -> datetime:
    """Some hours after `at`, but before `before` (the next milestone, or now)."""
    return min(at + timedelta(hours=rng.uniform(*hours)), before - timedelta(minutes=30))


def _date_application(application: Application, dates: dict, rng, now: datetime) -> None:
    path = list(dates)

    def next_after(step: str) -> datetime:
        index = path.index(step) + 1
        return dates[path[index]] if index < len(path) else now

    applied = dates["applied"]
    application.created_at = applied
    application.stage_changed_at = dates[ENTERED[Stage(application.stage)]]
    application.save(update_fields=["created_at", "stage_changed_at"])
    type(application.candidate).objects.filter(pk=application.candidate_id).update(
        created_at=applied
    )
    events = [_event(application, "created", f"Added to {application.role.title}", applied)]
    for step, before, after, reason in MOVES:
        if step in dates:
            message = f"{before.label} → {after.label}: {reason}"
            events.append(_event(application, "stage", message, dates[step]))
    for invitation in application.passion_test_invitations.all():
        invitation.created_at = invitation.last_sent_at = dates["test_sent"]
        invitation.expires_at = dates["test_sent"] + timedelta(days=10)
        invitation.save(update_fields=["created_at", "last_sent_at", "expires_at"])
        message = f"Passion Test sent, link valid until {invitation.expires_at:%d %b %Y}"
        events.append(_event(application, "email", message, dates["test_sent"]))
    for response in application.passion_test_responses.all():
        if response.submitted_at is None:  # still taking it: opened since the link came
            response.started_at = _later(dates["test_sent"], (2, 30), rng, before=now)
        else:
            took = response.submitted_at - response.started_at
            response.submitted_at = dates["test_submitted"]
            response.started_at = response.submitted_at - took
            response.scored_at = response.submitted_at + timedelta(minutes=1)
            if response.reviewed_at:
                response.reviewed_at = _later(
                    response.submitted_at, (2, 8), rng, before=next_after("test_submitted")
                )
        response.save(update_fields=["started_at", "submitted_at", "scored_at", "reviewed_at"])
    for decision in application.decisions.all():
        decision.decided_at = dates[DECIDED[decision.kind]]
        decision.save(update_fields=["decided_at"])
        change = f"{Stage(decision.from_stage).label} → {Stage(decision.to_stage).label}"
        message = f"{DECISION_VERBS[decision.kind]} ({change}). Reason: {decision.reason}"
        events.append(
            _event(application, "decision", message, decision.decided_at, decision.decided_by)
        )
    for referral in application.referrals.all():
        referral.created_at = applied - timedelta(days=rng.uniform(1, 3))
        referral.decided_at = applied
        referral.save(update_fields=["created_at", "decided_at"])
    for interview in application.interviews.all():
        _date_interview(interview, dates, next_after, rng, now)
    ApplicationEvent.objects.bulk_create(events)
    for event in events:
        event.created_at = event.when
    ApplicationEvent.objects.bulk_update(events, ["created_at"])


def _event(application, kind: str, message: str, when: datetime, actor=None):
    event = ApplicationEvent(
        application=application,
        kind=kind,
        message=message[:500],
        actor=actor or application.added_by,
    )
    event.when = when  # bulk_create stamps created_at with now; the caller puts this back
    return event


def _date_interview(interview: Interview, dates: dict, next_after, rng, now: datetime) -> None:
    """A recorded interview moves to its milestone, its records a few hours after it; one
    nobody recorded yet (the demo employee's) keeps its time and was only set up earlier."""
    offered = dates[SCHEDULED_FROM[interview.kind]] + timedelta(hours=rng.uniform(1, 4))
    interview.created_at = offered
    records = [*interview.scorecards.all(), *interview.observations.all()]
    if records:
        held = dates[HELD[interview.kind]]
        shift = held - interview.starts_at
        for slot in interview.slots.all():
            slot.starts_at += shift
            slot.save(update_fields=["starts_at"])
        for booking in interview.bookings.all():
            booking.starts_at += shift
            booking.ends_at += shift
            booking.save(update_fields=["starts_at", "ends_at"])
        interview.starts_at = held
        interview.link_expires_at = offered + timedelta(days=7)
    if interview.scheduled_at is not None:  # the candidate picked a slot a day later
        interview.scheduled_at = min(offered + timedelta(days=1), interview.starts_at, now)
    interview.save(update_fields=["created_at", "scheduled_at", "starts_at", "link_expires_at"])
    if not records:
        return
    ends = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    for record in records:
        record.submitted_at = _later(ends, (1, 20), rng, before=next_after(HELD[interview.kind]))
        record.save(update_fields=["submitted_at"])
        person = getattr(record, "interviewer_id", None) or record.observer_id
        what = "scorecard" if hasattr(record, "interviewer_id") else "observations"
        ApplicationEvent.objects.filter(
            application_id=interview.application_id,
            kind=ApplicationEvent.Kind.NOTE,
            actor_id=person,
            message__contains=what,
        ).update(created_at=record.submitted_at)
        Notification.objects.filter(key__startswith=f"interview-{interview.pk}:").filter(
            key__endswith=f":{person}"
        ).update(created_at=record.submitted_at)
