"""Fixtures for the shortlist: applications with evidence, scored the way the app scores them."""

import pytest

from candidates import services
from candidates.models import Evidence
from tests.factories import ApplicationFactory


def scored(role, name: str, evidence: dict[str, list[tuple[str, float, float]]], **fields):
    """An application of `role` for `name` whose evidence is {trait: [(source, value,
    weight), ...]}, its stored scores computed by the scoring service."""
    application = ApplicationFactory(
        role=role,
        candidate__name=name,
        candidate__email=f"{name.lower().replace(' ', '.')}@example.com",
        **fields,
    )
    rows = [
        Evidence(
            application=application,
            trait=trait,
            source=source,
            value=value,
            weight=weight,
            # A Passion Test row is the test's own: its weight is the test's reliability.
            origin=f"passion_test:response:{i}"
            if source == "passion_test"
            else f"test:{source}:{i}",
            summary=f"{source} on {trait}",
        )
        for trait, pieces in evidence.items()
        for i, (source, value, weight) in enumerate(pieces)
    ]
    Evidence.objects.bulk_create(rows)
    services.applications_rescore(role=role, application_ids=[application.pk])
    application.refresh_from_db()
    return application


# High on empathy from the test, low from two interviews: the sources disagree.
ADA = {
    "empathy": [("passion_test", 90, 1.0), ("interview", 40, 1.0), ("interview", 50, 1.0)],
    "commitment": [("interview", 75, 1.0)],
}
GRACE = {
    "empathy": [("interview", 75, 1.0), ("team_meet", 85, 0.5)],
    "courage": [("interview", 100, 1.0)],
    "curiosity": [("passion_test", 70, 0.9)],
}
# Only a low Passion Test, and an unreliable one: it is pulled toward the centre.
ALAN = {"empathy": [("passion_test", 30, 0.2)]}


@pytest.fixture
def hm_client(client, hiring_manager):
    client.force_login(hiring_manager)
    return client


@pytest.fixture
def ada(role):
    return scored(role, "Ada Lovelace", ADA, stage="interviews")


@pytest.fixture
def grace(role):
    return scored(role, "Grace Hopper", GRACE, stage="team_meet")


@pytest.fixture
def alan(role):
    return scored(role, "Alan Turing", ALAN, stage="passion_test")
