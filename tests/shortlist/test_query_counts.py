"""The shortlist, profile and compare pages run the same few queries at 10, 1,000 and 10,000
applications: ranking, filtering and paging happen in the database."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application, Candidate, Evidence
from passionhire.traits import Trait

# Shortlist: session, user, staff roles, role, running re-rank, interviews the viewer has not
# recorded, count, page, the page's referrals, the page's candidates' tags, the tags the
# filter offers, the viewer's saved views.
SHORTLIST_QUERIES = 12
# Profile: session, user, roles, application, test invitation, evidence, events (once: the
# timeline's), referrals, scorecards, observations, decisions, anchoring.
PROFILE_QUERIES = 13  # with its notes (one query)
# Compare: session, user, roles, role, the 2-4 applications, interviews not recorded.
COMPARE_QUERIES = 6


def fill(role, n: int) -> list[Application]:
    rng = random.Random(n)
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Person {i}", email=f"p{i}@load.example") for i in range(n)
    )
    applications = []
    for candidate in candidates:
        scores = {f"score_{t.value}": rng.choice([None, rng.uniform(0, 100)]) for t in Trait}
        present = [v for v in scores.values() if v is not None]
        applications.append(
            Application(
                role=role,
                candidate=candidate,
                stage=rng.choice(["applied", "interviews", "team_meet", "rejected"]),
                composite_score=sum(present) / len(present) if present else None,
                confidence=rng.random() if present else None,
                flags=rng.choice([0, 1, 2, 12]),
                **scores,
            )
        )
    applications = Application.objects.bulk_create(applications, batch_size=2000)
    Evidence.objects.bulk_create(
        Evidence(
            application=applications[0],
            trait=t.value,
            source=source,
            value=60,
            origin=f"load:{source}",
        )
        for t in Trait
        for source in ("passion_test", "interview")
    )
    return applications


@pytest.mark.parametrize("n", [10, 1_000, 10_000])
def test_query_counts_do_not_grow_with_the_applications(
    hm_client, role, n, django_assert_num_queries
):
    applications = fill(role, n)
    with django_assert_num_queries(SHORTLIST_QUERIES):
        response = hm_client.get(reverse("hiring:shortlist", args=[role.pk]))
    assert response.status_code == 200
    with django_assert_num_queries(SHORTLIST_QUERIES):
        filtered = hm_client.get(
            reverse("hiring:shortlist", args=[role.pk]),
            {"min_empathy": "40", "flag": "warnings", "sort": "courage", "page": "2"},
        )
    assert filtered.status_code == 200
    with django_assert_num_queries(PROFILE_QUERIES):
        profile = hm_client.get(reverse("hiring:application_profile", args=[applications[0].pk]))
    assert "Why each score is what it is" in profile.content.decode()
    with django_assert_num_queries(COMPARE_QUERIES):
        compare = hm_client.get(
            reverse("hiring:compare", args=[role.pk]),
            {"a": [a.pk for a in applications[:4]]},
        )
    assert all(f"Person {i}<" in compare.content.decode() for i in range(4))


def test_the_ranking_indexes_exist_after_migrate(db):
    """They live in SQL (candidates/rank_indexes.py); a table rebuild must not lose them."""
    from django.db import connection

    from candidates.rank_indexes import rank_indexes

    with connection.cursor() as cursor:
        existing = connection.introspection.get_constraints(cursor, "candidates_application")
    for name, _ in rank_indexes(connection.vendor):
        assert name in existing, name


# The viewer sits on unrecorded interviews: one more query finds which applications they are
# (anchoring), one reads the held-back list; the count does not grow with how many.
SHORTLIST_QUERIES_ANCHORED = SHORTLIST_QUERIES + 2


@pytest.mark.parametrize("held_back", [1, 3])
def test_the_shortlist_of_a_viewer_on_interviews_runs_a_fixed_number_of_queries(
    hm_client, role, recruiter, hiring_manager, held_back, django_assert_num_queries
):
    from tests.factories import held_interview

    applications = fill(role, 40)
    active = [a for a in applications if a.stage != "rejected"][:held_back]
    Candidate.objects.filter(pk__in=[a.candidate_id for a in active]).update(
        consent_to_contact=True
    )
    active = Application.objects.filter(pk__in=[a.pk for a in active]).select_related("candidate")
    for i, application in enumerate(active):
        held_interview(
            application=application,
            interviewers=[hiring_manager],
            created_by=recruiter,
            started=timezone.now().replace(microsecond=0) - timedelta(hours=2 * i + 1),
        )
    with django_assert_num_queries(SHORTLIST_QUERIES_ANCHORED):
        page = hm_client.get(reverse("hiring:shortlist", args=[role.pk])).content.decode()
    assert f"{held_back} not ranked for you yet" in page
