"""The adverse-impact report on a real database of 100,000 applications: seed it (numpy for
the answers, bulk inserts), then time the whole report as Compliance opens it and count its
queries. Used by bench/adverse_impact.py; needs Django set up (bench/_django.py)."""

import time

import numpy as np

GROUPS = {
    "gender": (("Woman", 0.45), ("Man", 0.45), ("Non-binary", 0.03)),
    "age_band": (("Under 40", 0.6), ("40 or over", 0.3)),
}
PASS = (0.6, 0.4, 0.5, 0.6, 0.7, 0.8)
PLANTED_STEP, BIAS = 1, 0.6  # the Passion Test step passes women at 0.6 times the rate
PLANTED_ITEM = "cur-f2"
BATCH = 20_000


def _answer(rng, shares, n):
    labels = [a for a, _ in shares] + [""]
    p = [s for _, s in shares]
    return rng.choice(labels, size=n, p=p + [1 - sum(p)])


def seed(n: int, rng: np.random.Generator) -> dict:
    """n applications on one role with gender and age answers, a pipeline run with the
    planted step, Passion Tests with the planted statement, and test and interview evidence."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from candidates.models import (
        Answer,
        Application,
        Candidate,
        Evidence,
        PassionTestInvitation,
        PassionTestResponse,
        Question,
        Questionnaire,
        Role,
    )
    from candidates.passion_test.psychometrics import keyed_statements
    from candidates.passion_test.scoring import scoring_items
    from hiring.fairness.models import SelfIdAnswer, SelfIdQuestion

    started = time.perf_counter()
    manager = get_user_model().objects.create(username="bench-fairness-hm")
    role = Role.objects.create(title="Bench intake", team="Bench", hiring_manager=manager)
    candidates = Candidate.objects.bulk_create(
        (Candidate(name=f"C{i}", email=f"c{i}@fair.example") for i in range(n)), batch_size=BATCH
    )
    questions = {q.key: q for q in SelfIdQuestion.objects.filter(key__in=GROUPS)}
    answers = {key: _answer(rng, shares, n) for key, shares in GROUPS.items()}
    SelfIdAnswer.objects.bulk_create(
        (
            SelfIdAnswer(candidate=c, question=questions[key], answer=str(answers[key][i]))
            for key in GROUPS
            for i, c in enumerate(candidates)
        ),
        batch_size=BATCH,
    )
    woman = answers["gender"] == "Woman"
    reached = np.zeros(n, dtype=int)
    alive = np.ones(n, dtype=bool)
    for step, rate in enumerate(PASS):
        p = np.where(woman & (step == PLANTED_STEP), rate * BIAS, rate)
        moves = alive & (rng.random(n) < p)
        reached[moves] = step + 1
        alive = moves
    stage = np.where(reached == len(PASS), "hired", "rejected")
    applications = Application.objects.bulk_create(
        (
            Application(candidate=c, role=role, stage=str(stage[i]), reached=int(reached[i]))
            for i, c in enumerate(candidates)
        ),
        batch_size=BATCH,
    )
    questionnaire = Questionnaire.objects.order_by("-version").first()
    statements = list(questionnaire.questions.filter(kind=Question.Kind.LIKERT))
    took = [a for a, r in zip(applications, reached, strict=True) if r >= 1]
    now = timezone.now()
    invitations = PassionTestInvitation.objects.bulk_create(
        (PassionTestInvitation(application=a, expires_at=now) for a in took), batch_size=BATCH
    )
    traits = sorted({q.traits[0] for q in statements})
    level = rng.standard_normal((len(took), len(traits)))
    index = {a.pk: i for i, a in enumerate(applications)}
    focal = np.array([woman[index[a.pk]] for a in took])
    keyed = np.empty((len(took), len(statements)), dtype=int)
    for j, q in enumerate(statements):
        latent = level[:, traits.index(q.traits[0])] + rng.logistic(size=len(took)) / 1.7
        if q.key == PLANTED_ITEM:
            latent = latent - 0.6 * focal
        keyed[:, j] = 1 + np.searchsorted([-1.5, -0.5, 0.5, 1.5], latent)
    # What scoring writes on each test: the keyed answers in statement-id order.
    by_id = np.argsort([q.pk for q in statements])
    digits = ["".join(map(str, row)) for row in keyed[:, by_id]]
    first = {
        q.pk: int(6 - keyed[0, j] if q.reverse_keyed else keyed[0, j])
        for j, q in enumerate(statements)
    }
    assert digits[0] == keyed_statements(scoring_items(questionnaire), first), "not as scored"
    responses = PassionTestResponse.objects.bulk_create(
        (
            PassionTestResponse(
                invitation=invitation,
                application=invitation.application,
                questionnaire=questionnaire,
                started_at=now,
                submitted_at=now,
                scored_at=now,
                keyed_statements=digits[i],
            )
            for i, invitation in enumerate(invitations)
        ),
        batch_size=BATCH,
    )
    Answer.objects.bulk_create(
        (
            Answer(
                response=r,
                question=q,
                likert=int(6 - keyed[i, j] if q.reverse_keyed else keyed[i, j]),
            )
            for j, q in enumerate(statements)
            for i, r in enumerate(responses)
        ),
        batch_size=BATCH,
    )
    Evidence.objects.bulk_create(
        (
            Evidence(
                application_id=r.application_id,
                trait=t,
                source="passion_test",
                value=float(np.clip(50 + 15 * level[i, k], 0, 100)),
                origin=f"passion_test:response:{r.pk}",
            )
            for i, r in enumerate(responses)
            for k, t in enumerate(traits)
        ),
        batch_size=BATCH,
    )
    # Everyone who got past the test: two interviewers rate all six traits.
    interviewed = [i for i, a in enumerate(took) if reached[index[a.pk]] >= 2]
    Evidence.objects.bulk_create(
        (
            Evidence(
                application_id=took[i].pk,
                trait=t,
                source="interview",
                value=float(np.clip(50 + 15 * level[i, k] + rng.normal(0, 10), 0, 100)),
                origin=f"interview:bench:{rater}",
            )
            for i in interviewed
            for rater in (1, 2)
            for k, t in enumerate(traits)
        ),
        batch_size=BATCH,
    )
    return {
        "seed_s": round(time.perf_counter() - started, 1),
        "answers": len(responses) * len(statements),
        "interview_ratings": len(interviewed) * 2 * len(traits),
    }


def time_report(repeats: int = 3) -> dict:
    """The whole report as the page builds it: median seconds, queries, and whether the
    planted step and statement are flagged."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hiring.fairness.counts import Scope
    from hiring.fairness.reports import adverse_impact_report

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    times = []
    for _ in range(repeats):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = adverse_impact_report(Scope())
            times.append(time.perf_counter() - started)
    gender = next(q for q in report if q.key == "gender")
    return {
        "report_s": round(sorted(times)[len(times) // 2], 2),
        "report_queries": len(queries),
        # What the report flags on gender: the planted step and statement, and anything else.
        "flagged_steps": [r.step.key for r in gender.flagged_steps],
        "flagged_statements": [s["item"] for s in gender.flagged_statements],
    }
