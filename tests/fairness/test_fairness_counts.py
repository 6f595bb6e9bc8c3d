"""The report's aggregates, checked against the same numbers worked out in Python from the
rows: each Passion Test statement's keyed answer and rest score per group, and the score sums
per trait and source. Declined answers, unsubmitted tests and erased answers count nowhere."""

import random
from collections import Counter, defaultdict
from datetime import timedelta
from importlib import import_module

from django.apps import apps as django_apps
from django.utils import timezone

from candidates.models import (
    Answer,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Questionnaire,
)
from candidates.passion_test.scoring import passion_test_score
from hiring.fairness import counts
from hiring.fairness.models import DECLINED, SelfIdAnswer, SelfIdQuestion
from tests.factories import ApplicationFactory


def took_test(application, questionnaire, rng, *, submitted=True):
    now = timezone.now()
    invitation = PassionTestInvitation.objects.create(
        application=application, expires_at=now + timedelta(days=7)
    )
    response = PassionTestResponse.objects.create(
        invitation=invitation,
        application=application,
        questionnaire=questionnaire,
        started_at=now,
        submitted_at=now if submitted else None,
    )
    likert = questionnaire.questions.filter(kind=Question.Kind.LIKERT)
    Answer.objects.bulk_create(
        Answer(response=response, question=q, likert=rng.randint(1, 5)) for q in likert
    )
    if submitted:  # scoring writes the keyed answers the report reads
        passion_test_score(response_id=response.pk)
    return response


def answered(application, group):
    SelfIdAnswer.objects.create(
        candidate=application.candidate,
        question=SelfIdQuestion.objects.get(key="gender"),
        answer=group,
    )


def expected_statement_counts(responses_by_group) -> dict:
    out = defaultdict(lambda: defaultdict(Counter))
    for group, responses in responses_by_group.items():
        for response in responses:
            keyed = {}
            for answer in response.answers.select_related("question"):
                q = answer.question
                keyed[q.key] = (
                    q.traits[0],
                    6 - answer.likert if q.reverse_keyed else answer.likert,
                )
            totals = Counter()
            for trait, k in keyed.values():
                totals[trait] += k
            for item, (trait, k) in keyed.items():
                out[("gender", item)][group][(totals[trait] - k, k >= 4)] += 1
    return out


def test_statement_counts_are_keyed_answers_by_rest_score_per_group(role):
    rng = random.Random(7)
    questionnaire = Questionnaire.objects.order_by("-version").first()
    responses = {"Man": [], "Woman": []}
    for group in ("Man", "Woman", "Man", "Woman", "Man"):
        application = ApplicationFactory(role=role)
        answered(application, group)
        responses[group].append(took_test(application, questionnaire, rng))
    declined = ApplicationFactory(role=role)
    answered(declined, DECLINED)
    took_test(declined, questionnaire, rng)
    unfinished = ApplicationFactory(role=role)
    answered(unfinished, "Woman")
    took_test(unfinished, questionnaire, rng, submitted=False)
    got = counts.statement_counts(counts.Scope())
    want = expected_statement_counts(responses)
    assert {k: {g: dict(c) for g, c in v.items()} for k, v in got.items()} == {
        k: {g: dict(c) for g, c in v.items()} for k, v in want.items()
    }
    assert len(got) == questionnaire.questions.filter(kind="likert").count() == 48


def test_score_sums_are_counts_sums_and_squares_per_group_trait_and_source(role):
    values = {"Man": [60.0, 70.0, 80.0], "Woman": [50.0, 55.0]}
    for group, scores in values.items():
        for value in scores:
            application = ApplicationFactory(role=role)
            answered(application, group)
            Evidence.objects.create(
                application=application,
                trait="empathy",
                source="passion_test",
                value=value,
                origin=f"passion_test:response:{application.pk}",
            )
            for rater, rating in enumerate((value, value - 10)):  # two interviewers each
                Evidence.objects.create(
                    application=application,
                    trait="empathy",
                    source="interview",
                    value=rating,
                    origin=f"interview:{application.pk}:{rater}",
                )
            # A why answer's rating is not the test's score: left out.
            Evidence.objects.create(
                application=application,
                trait="empathy",
                source="passion_test",
                value=0,
                origin=f"passion_test:why:{application.pk}",
            )
    sums = counts.score_sums(counts.Scope())
    test = sums[("gender", "passion_test", "empathy")]
    assert test["Man"] == (3, 210.0, 60.0**2 + 70.0**2 + 80.0**2, 3)
    assert test["Woman"] == (2, 105.0, 50.0**2 + 55.0**2, 2)
    interview = sums[("gender", "interview", "empathy")]
    assert interview["Woman"] == (4, 190.0, 50.0**2 + 40.0**2 + 55.0**2 + 45.0**2, 2)


def test_tests_scored_before_the_upgrade_get_their_keyed_answers_from_the_migration(role):
    fill = import_module("candidates.migrations.0023_response_keyed_statements")
    rng = random.Random(3)
    questionnaire = Questionnaire.objects.order_by("-version").first()
    scored = took_test(ApplicationFactory(role=role), questionnaire, rng)
    written = PassionTestResponse.objects.get(pk=scored.pk).keyed_statements
    unscored = took_test(ApplicationFactory(role=role), questionnaire, rng, submitted=False)
    PassionTestResponse.objects.update(keyed_statements="")  # as before the field existed
    fill.fill_keyed_statements(django_apps, None)
    scored.refresh_from_db()
    unscored.refresh_from_db()
    assert scored.keyed_statements == written
    assert len(written) == 48
    assert "0" not in written
    assert unscored.keyed_statements == ""
