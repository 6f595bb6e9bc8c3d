"""What the candidate's status page may show, decided here: plain words per stage, the
Passion Test's state, interviews in the candidate's terms, an open erasure request. Never a
score, a flag, a note, an interviewer's view or a rank: the page gets plain values only, not
the application object."""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy

from candidates.models import (
    Application,
    ErasureRequest,
    PassionTestInvitation,
    Stage,
)
from candidates.services import invitation_token, status_link_closes_at
from interviews.models import Interview
from interviews.services import slot_link_token
from passionhire.phones import phone_display

# (heading, what it means) per stage, in the candidate's words. {team} is the role's team.
STAGE_WORDS = {
    Stage.APPLIED: (
        gettext_lazy("We have your application"),
        gettext_lazy(
            "Thank you for applying. Someone from the {team} team reads every application."
        ),
    ),
    Stage.PASSION_TEST: (
        gettext_lazy("The Passion Test"),
        gettext_lazy(
            "The next step is the Passion Test: questions about how you like to work with "
            "people and customers. There are no right or wrong answers."
        ),
    ),
    Stage.INTERVIEWS: (
        gettext_lazy("Interviews"),
        gettext_lazy(
            "We would like to talk with you about what matters to you when you help a customer."
        ),
    ),
    Stage.TEAM_MEET: (
        gettext_lazy("Meeting the team"),
        gettext_lazy(
            "You are meeting some of the people you would work with, to see how you get on."
        ),
    ),
    Stage.DECISION: (
        gettext_lazy("We are deciding"),
        gettext_lazy("We have what we need, and the team is making its decision."),
    ),
    Stage.OFFER: (
        gettext_lazy("An offer"),
        gettext_lazy("We would like you to join us, and we are preparing an offer for you."),
    ),
    Stage.HIRED: (
        gettext_lazy("Welcome aboard"),
        gettext_lazy("You accepted our offer. We are glad you are joining."),
    ),
    Stage.REJECTED: (
        gettext_lazy("Not taken forward"),
        gettext_lazy(
            "Thank you for your time and your interest. We decided not to take your application "
            "further this time."
        ),
    ),
    Stage.WITHDRAWN: (
        gettext_lazy("You withdrew your application"),
        gettext_lazy(
            "You withdrew your application on {closed_on}. Nothing more will happen with it."
        ),
    ),
}
# The next step when nothing on the page asks for the candidate's action.
NEXT_STEP = {
    Stage.APPLIED: gettext_lazy(
        "We will email you about the next step, usually a short Passion Test."
    ),
    Stage.PASSION_TEST: gettext_lazy("We will email you a link to the Passion Test."),
    Stage.INTERVIEWS: gettext_lazy("We will email you times to choose from for your interview."),
    Stage.TEAM_MEET: gettext_lazy("We will email you times to choose from to meet the team."),
    Stage.DECISION: gettext_lazy("We will email you as soon as we have decided."),
    Stage.OFFER: gettext_lazy("We will be in touch about the offer very soon."),
    Stage.HIRED: gettext_lazy("Your new team will be in touch about your first day."),
    Stage.REJECTED: gettext_lazy("You are welcome to apply for other roles on our careers page."),
    Stage.WITHDRAWN: gettext_lazy("If you change your mind, you are welcome to apply again."),
}
TEST_NEXT = {
    "take": gettext_lazy("Take your Passion Test when you have about 20 quiet minutes."),
    "continue": gettext_lazy("Finish your Passion Test: your answers so far are saved."),
    "in": gettext_lazy("We are reading your answers and will email you about the next step."),
    "expired": gettext_lazy(
        "Your Passion Test link has expired. Reply to our email and we will send a new one."
    ),
}
# The candidate's view of the pipeline, in order (the three ways out are not steps).
STEPS = [
    (Stage.APPLIED, gettext_lazy("Applied")),
    (Stage.PASSION_TEST, gettext_lazy("Passion Test")),
    (Stage.INTERVIEWS, gettext_lazy("Interviews")),
    (Stage.TEAM_MEET, gettext_lazy("Meeting the team")),
    (Stage.DECISION, gettext_lazy("Decision")),
]
STEP_OF_STAGE = {Stage.OFFER: Stage.DECISION}


@dataclass(frozen=True)
class Step:
    label: str
    state: str  # done, current or todo


@dataclass(frozen=True)
class TestState:
    state: str  # take, continue, in, expired or none
    url: str = ""
    expires_at: datetime | None = None


@dataclass(frozen=True)
class InterviewItem:
    kind: str
    state: str  # pick, pick_expired, booked or held
    url: str
    starts_at: datetime | None
    duration_minutes: int
    location: str
    time_zone: str

    @property
    def tz_name(self) -> str:
        return self.time_zone.replace("_", " ")


@dataclass
class StatusPage:
    organisation: str
    name: str
    phone: str
    role_title: str
    team: str
    stage: str
    is_active: bool
    heading: str
    explanation: str
    next_steps: list[str]
    steps: list[Step]
    passion_test: TestState
    interviews: list[InterviewItem]
    erasure_request: ErasureRequest | None
    link_closes_at: datetime | None
    applied_on: date


def _steps(stage: str) -> list[Step]:
    current = STEP_OF_STAGE.get(stage, stage)
    order = [s for s, _ in STEPS]
    if current not in order:
        return []
    at = order.index(current)
    return [
        Step(label, "done" if i < at else "current" if i == at else "todo")
        for i, (_, label) in enumerate(STEPS)
    ]


def _passion_test(application: Application, now) -> TestState:
    invitations = list(
        PassionTestInvitation.objects.filter(application=application).select_related("response")
    )
    submitted = any((r := i.response_or_none) is not None and r.submitted_at for i in invitations)
    live = next((i for i in invitations if not i.is_revoked), None)
    response = live.response_or_none if live else None
    if application.is_active and live and not (response and response.submitted_at):
        if live.expires_at > now:
            url = reverse("passion_test:take", args=[invitation_token(live)])
            return TestState("continue" if response else "take", url, live.expires_at)
        if not submitted:
            return TestState("expired")
    if submitted:
        return TestState("in")
    return TestState("none")


def _interviews(application: Application, now) -> list[InterviewItem]:
    items = []
    interviews = (
        Interview.objects.filter(application=application)
        .exclude(status=Interview.Status.CANCELLED)
        .order_by(F("starts_at").asc(nulls_last=True), "pk")
    )
    for interview in interviews:
        if interview.status == Interview.Status.OFFERED:
            usable = application.is_active and interview.link_expires_at > now
            state = "pick" if usable else "pick_expired"
            url = reverse("slots:pick", args=[slot_link_token(interview)]) if usable else ""
        else:
            state = "booked" if interview.starts_at > now else "held"
            url = ""
        if not application.is_active and state in ("pick", "pick_expired"):
            continue  # nothing to pick any more on a closed application
        items.append(
            InterviewItem(
                kind=interview.get_kind_display(),
                state=state,
                url=url,
                starts_at=interview.starts_at,
                duration_minutes=interview.duration_minutes,
                location=interview.location,
                time_zone=interview.time_zone,
            )
        )
    return items


def open_erasure_request(candidate_id: int) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(
        candidate_id=candidate_id, resolved_at__isnull=True
    ).first()


def status_page(application: Application) -> StatusPage:
    """Everything the candidate's page shows, in plain values (4 queries)."""
    now = timezone.now()
    role = application.role
    test = _passion_test(application, now)
    interviews = _interviews(application, now)
    closed_on = timezone.localdate(application.stage_changed_at)
    heading, explanation = STAGE_WORDS[Stage(application.stage)]
    explanation = explanation.format(
        team=role.team, closed_on=date_format(closed_on, "DATE_FORMAT")
    )
    next_steps = []
    if application.is_active:
        if test.state in TEST_NEXT:
            next_steps.append(TEST_NEXT[test.state])
        if any(i.state == "pick" for i in interviews):
            next_steps.append(gettext("Pick a time for your interview below."))
        if any(i.state == "booked" for i in interviews):
            next_steps.append(
                gettext("Come to your interview at the time below; we will remind you.")
            )
    if not next_steps:
        next_steps.append(NEXT_STEP[Stage(application.stage)])
    return StatusPage(
        organisation=settings.PASSIONHIRE["ORGANISATION_NAME"],
        name=application.candidate.name,
        phone=phone_display(application.candidate.phone),
        role_title=role.title,
        team=role.team,
        stage=application.stage,
        is_active=application.is_active,
        heading=heading,
        explanation=explanation,
        next_steps=next_steps,
        steps=_steps(application.stage) if application.is_active else [],
        passion_test=test,
        interviews=interviews,
        erasure_request=open_erasure_request(application.candidate_id),
        link_closes_at=status_link_closes_at(application),
        applied_on=timezone.localdate(application.created_at),
    )


def open_erasure_requests():
    """Open erasure requests, the soonest due first (the recruiter dashboard's list)."""
    return ErasureRequest.objects.filter(resolved_at__isnull=True).select_related(
        "candidate", "application__role"
    )
