"""The demo's fairness history: a closed intake of 600 applicants who answered (or declined)
the voluntary questions, went through the whole pipeline months ago and took the Passion Test,
so every fairness report shows something real. Two things are planted for the report to
find: applicants aged 40 or over were taken from interviews to the team meet at 0.6 times the
rate of younger ones, and one curiosity statement ("I enjoy learning how our product works
beyond what my job strictly requires") is agreed with less by applicants aged 40 or over who
are as curious as younger ones. Everything else treats the groups alike: at every step the
same share of each group moves on, the best by a noisy reading of their traits."""

import random
from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from candidates.models import (
    FUNNEL,
    Answer,
    Application,
    Candidate,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Questionnaire,
    Role,
    StageChange,
)
from candidates.passion_test import psychometrics
from candidates.passion_test.scoring import scoring_items
from passionhire.traits import Trait

from .demo_validity import seed_validity
from .fairness.defaults import install_default_questions
from .fairness.models import DECLINED, SelfIdAnswer, SelfIdQuestion

INTAKE_TITLE = "Support Specialist, spring intake"
APPLICANTS = 600
# Of those decided at each step (applied → test, …, offer → hired), the share moving on.
PASS_RATES = (0.7, 0.55, 0.5, 0.75, 0.6, 0.85)
PLANTED_STEP, PLANTED_RATIO = 2, 0.6  # interviews → team meet, for applicants 40 or over
PLANTED_STATEMENT, PLANTED_SHIFT = "cur-f2", 1.2  # on the latent scale, 40 or over
OLDER = "40 or over"
# (answer, share) per question; what is left declines. One group is tiny on purpose: the
# report must never show it.
SHARES = {
    "gender": (
        ("Woman", 0.46),
        ("Man", 0.44),
        ("Non-binary", 0.03),
        ("I describe myself another way", 0.006),
    ),
    "age_band": (("Under 40", 0.6), (OLDER, 0.32)),
    "ethnicity": (
        ("White", 0.55),
        ("Asian or Asian British", 0.14),
        ("Black, Black British, Caribbean or African", 0.12),
        ("Mixed or multiple ethnic groups", 0.06),
        ("Another ethnic group", 0.03),
    ),
    "disability": (("No", 0.8), ("Yes", 0.12)),
}


def _pick(rng: random.Random, shares) -> str:
    roll = rng.random()
    for answer, share in shares:
        if roll < share:
            return answer
        roll -= share
    return DECLINED


def seed_fairness_history(*, hiring_manager, recruiter, seed: int = 1) -> Role | None:
    """The closed intake with its applicants, once (None when it is there already)."""
    if Role.objects.filter(title=INTAKE_TITLE).exists():
        return None
    rng = random.Random(seed)
    now = timezone.now()
    install_default_questions(apps.get_model)  # gone if a test flushed the tables
    role = Role.objects.create(
        title=INTAKE_TITLE,
        team="Customer Support",
        description="Last spring's intake for the support team: closed.",
        hiring_manager=hiring_manager,
        created_by=recruiter,
        status=Role.Status.CLOSED,
        location="Porto",
    )
    candidates = Candidate.objects.bulk_create(
        Candidate(
            name=f"Past applicant {n + 1}",
            email=f"past-applicant-{n + 1}@example.com",
            consent_to_contact=False,
        )
        for n in range(APPLICANTS)
    )
    questions = {q.key: q for q in SelfIdQuestion.objects.filter(key__in=SHARES)}
    answers, older = [], set()
    for candidate in candidates:
        for key, shares in SHARES.items():
            answer = _pick(rng, shares)
            answers.append(
                SelfIdAnswer(candidate=candidate, question=questions[key], answer=answer)
            )
            if key == "age_band" and answer == OLDER:
                older.add(candidate.pk)
    SelfIdAnswer.objects.bulk_create(answers)
    traits = {c.pk: {t: rng.gauss(0, 1) for t in Trait} for c in candidates}
    reached = _run_pipeline(rng, [c.pk for c in candidates], traits, older)
    applications = Application.objects.bulk_create(
        Application(
            candidate=candidate,
            role=role,
            source=Application.Source.CAREERS,
            stage=stage,
            reached=index,
            revealed=index >= FUNNEL.index("decision"),
        )
        for candidate in candidates
        for index, stage in [reached[candidate.pk]]
    )
    _date(rng, applications, now)
    _take_tests(rng, applications, traits, older, now)
    seed_validity(
        role=role,
        applications=applications,
        traits=traits,
        hiring_manager=hiring_manager,
        seed=seed + 1,
    )
    return role


def _run_pipeline(rng, people: list[int], traits, older) -> dict[int, tuple[int, str]]:
    """{candidate: (furthest stage index, stage now)}: at each step the same share of every
    group moves on (the best by a noisy reading), except the planted step."""
    reached = {}
    waiting = list(people)
    for step, rate in enumerate(PASS_RATES):
        reading = {pk: sum(traits[pk].values()) + rng.gauss(0, 2) for pk in waiting}
        moving = []
        for group in (older, None):
            members = [pk for pk in waiting if (pk in older) == (group is older)]
            share = rate * (PLANTED_RATIO if step == PLANTED_STEP and group is older else 1)
            members.sort(key=reading.get, reverse=True)
            moving += members[: round(share * len(members))]
        for pk in set(waiting) - set(moving):
            reached[pk] = (step, "rejected")
        waiting = moving
    for pk in waiting:
        reached[pk] = (len(FUNNEL) - 1, "hired")
    return reached


def _date(rng, applications, now) -> None:
    """Applied 7 to 9 months ago; each step a few days to three weeks after the one before."""
    changes = []
    for application in applications:
        at = now - timedelta(days=rng.uniform(210, 270))
        application.created_at = application.stage_changed_at = at
        for index in range(application.reached + 1):
            leaving = FUNNEL[index]
            to = FUNNEL[index + 1] if index < application.reached else application.stage
            if to == leaving:
                break
            moved = at + timedelta(days=rng.uniform(2, 21))
            changes.append(
                StageChange(
                    application=application,
                    from_stage=leaving,
                    to_stage=to,
                    entered_at=at,
                    changed_at=moved,
                )
            )
            at = application.stage_changed_at = moved
    Application.objects.bulk_update(applications, ["created_at", "stage_changed_at"])
    StageChange.objects.bulk_create(changes)


def _likert(rng, level: float) -> int:
    return max(1, min(5, round(3 + 1.1 * level + rng.gauss(0, 0.8))))


def _take_tests(rng, applications, traits, older, now) -> None:
    """A submitted Passion Test for everyone decided at the test step or beyond."""
    questionnaire = Questionnaire.objects.order_by("-version").first()
    statements = list(questionnaire.questions.filter(kind=Question.Kind.LIKERT))
    took = [a for a in applications if a.reached >= 1]
    invitations = PassionTestInvitation.objects.bulk_create(
        PassionTestInvitation(application=a, expires_at=now - timedelta(days=150)) for a in took
    )
    responses = PassionTestResponse.objects.bulk_create(
        PassionTestResponse(
            invitation=invitation,
            application=invitation.application,
            questionnaire=questionnaire,
            started_at=now - timedelta(days=200),
            submitted_at=now - timedelta(days=200),
            scored_at=now - timedelta(days=200),
            reliability=0.8,
        )
        for invitation in invitations
    )
    items = scoring_items(questionnaire)
    answers, evidence = [], []
    for response in responses:
        candidate = response.application.candidate_id
        keyed_by_trait = {t: [] for t in Trait}
        likert = {}
        for q in statements:
            trait = Trait(q.traits[0])
            level = traits[candidate][trait]
            if q.key == PLANTED_STATEMENT and candidate in older:
                level -= PLANTED_SHIFT
            keyed = _likert(rng, level)
            keyed_by_trait[trait].append(keyed)
            likert[q.pk] = 6 - keyed if q.reverse_keyed else keyed
            answers.append(Answer(response=response, question=q, likert=likert[q.pk]))
        response.keyed_statements = psychometrics.keyed_statements(items, likert)
        for trait, keyed in keyed_by_trait.items():
            value = 100 * (sum(keyed) / len(keyed) - 1) / 4
            evidence.append(
                Evidence(
                    application=response.application,
                    trait=trait,
                    source=Evidence.Source.PASSION_TEST,
                    value=round(value, 1),
                    origin=f"passion_test:response:{response.pk}",
                    summary="Passion Test (last spring's intake)",
                )
            )
    Answer.objects.bulk_create(answers, batch_size=2000)
    PassionTestResponse.objects.bulk_update(responses, ["keyed_statements"], batch_size=2000)
    for application in applications:
        if application.reached >= 2:  # interviewed: two ratings per trait
            for rater in (1, 2):
                for trait in Trait:
                    level = traits[application.candidate_id][trait]
                    value = 50 + 15 * level + rng.gauss(0, 10)
                    evidence.append(
                        Evidence(
                            application=application,
                            trait=trait,
                            source=Evidence.Source.INTERVIEW,
                            value=round(max(0.0, min(100.0, value)), 1),
                            origin=f"interview:spring:{rater}",
                            summary="Values interview (last spring's intake)",
                        )
                    )
    Evidence.objects.bulk_create(evidence, batch_size=2000)
