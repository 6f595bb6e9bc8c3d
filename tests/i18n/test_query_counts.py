"""Translation costs the candidate's pages no query: each page asks the database the same
number of times in English and in Spanish, and that number is pinned."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.services import status_token
from interviews import services as interview_services
from tests.factories import ApplicationFactory, questionnaire_with_blocks, translate

pytestmark = pytest.mark.django_db

# page: its queries, the same in every language.
PINNED = {
    "careers list": 2,
    "role page": 1,
    "apply form": 2,
    "test page": 7,
    "status page": 6,  # as tests/hiring/test_status_page.py pins it
    "slot picker": 4,
}


@pytest.fixture
def urls(open_role, role, recruiter):
    translate(questionnaire_with_blocks(), "es")
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    interview = interview_services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[recruiter],
        slots=[timezone.now() + timedelta(days=3)],
        duration_minutes=45,
        location="Sala Ada",
        time_zone="Europe/Madrid",
        created_by=recruiter,
    )
    return {
        "careers list": reverse("careers:list"),
        "role page": reverse("careers:role", args=[open_role.pk]),
        "apply form": reverse("careers:apply", args=[open_role.pk]),
        "test page": reverse("passion_test:page", args=[services.invitation_token(invitation), 1]),
        "status page": reverse("status:page", args=[status_token(application)]),
        "slot picker": reverse("slots:pick", args=[interview_services.slot_link_token(interview)]),
    }


def queries(client, url: str, language: str) -> int:
    client.get(url, headers={"accept-language": language})  # warm: the test's first showing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers={"accept-language": language})
    count = len(captured.captured_queries)
    assert response.status_code == 200, url
    return count


def test_each_candidate_page_costs_the_same_queries_in_every_language(client, urls):
    counts = {
        page: (queries(client, url, "en"), queries(client, url, "es")) for page, url in urls.items()
    }
    assert counts == {page: (n, n) for page, n in PINNED.items()}
