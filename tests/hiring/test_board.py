"""A role's board: who sees it, what each viewer may read on its cards, and what it costs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from candidates import selectors as candidate_selectors
from candidates.models import Application, Candidate, Stage
from hiring.selectors import board as board_selectors
from tests.factories import ApplicationFactory, held_interview
from tests.pages import without_tokens


def board_url(role) -> str:
    return reverse("hiring:role_board", args=[role.pk])


@pytest.fixture
def ada(role):
    return ApplicationFactory(
        role=role,
        candidate__name="Ada Lovelace",
        candidate__email="ada@example.com",
        composite_score=72.4,
        confidence=0.61,
    )


@pytest.fixture
def grace(role):
    return ApplicationFactory(
        role=role,
        stage=Stage.INTERVIEWS,
        candidate__name="Grace Hopper",
        candidate__email="grace@example.com",
        composite_score=58.0,
        confidence=0.33,
    )


def test_recruiters_and_the_roles_hiring_manager_open_the_board_nobody_else(
    client, role, ada, recruiter, hiring_manager, other_hiring_manager, employee
):
    for user, status in (
        (recruiter, 200),
        (hiring_manager, 200),
        (other_hiring_manager, 403),
        (employee, 403),
    ):
        client.force_login(user)
        assert client.get(board_url(role)).status_code == status, user


def test_the_board_has_a_column_per_stage_with_name_source_composite_and_confidence(
    client, role, ada, grace, recruiter
):
    client.force_login(recruiter)
    page = client.get(board_url(role)).content.decode()
    for stage in Stage:
        assert f'id="col-{stage.value}"' in page
    assert 'id="count-applied">1<' in page
    assert 'id="count-interviews">1<' in page
    assert "Ada Lovelace" in page
    assert "Grace Hopper" in page
    assert "Added by a recruiter" in page  # the source
    assert "Composite <strong>72</strong>" in page
    assert "conf. 0.61" in page
    # The closed stages are collapsed: a drop zone and the count, the cards behind "Show".
    assert page.count("ph-board-col--closed") == 3


def test_the_role_page_and_the_shortlist_link_to_the_board(client, role, recruiter):
    client.force_login(recruiter)
    for name in ("hiring:role_detail", "hiring:shortlist"):
        assert board_url(role) in client.get(reverse(name, args=[role.pk])).content.decode()


def test_a_blind_reviews_hiring_manager_reads_aliases_and_a_recruiter_reads_names(
    client, role, ada, grace, recruiter, hiring_manager
):
    role.blind_review = True
    role.save()
    Application.objects.filter(pk=grace.pk).update(stage=Stage.DECISION, revealed=True)
    client.force_login(hiring_manager)
    page = client.get(board_url(role)).content.decode()
    assert "Ada Lovelace" not in page
    assert "ada@example.com" not in page
    assert f"Candidate #{ada.pk}" in page
    assert "Grace Hopper" in page  # revealed at the decision stage
    client.force_login(recruiter)
    assert "Ada Lovelace" in client.get(board_url(role)).content.decode()


def test_a_hiring_manager_who_has_not_recorded_their_interview_sees_no_composite(
    client, role, ada, grace, recruiter, hiring_manager
):
    held_interview(application=ada, interviewers=[hiring_manager], created_by=recruiter)
    client.force_login(hiring_manager)
    page = client.get(board_url(role)).content.decode()
    assert "Scores once your interview is recorded" in page
    card = page.split(f'id="card-{ada.pk}"')[1].split("</li>")[0]
    # Her score nowhere on her card (its CSRF token is random: it may hold "72" by chance).
    assert "72" not in without_tokens(card)
    assert "conf. 0.61" not in page
    assert "Composite <strong>58</strong>" in page  # Grace's interview is not theirs
    client.force_login(recruiter)
    assert "Composite <strong>72</strong>" in client.get(board_url(role)).content.decode()


def test_knocked_out_applications_stay_off_the_board(client, role, ada, recruiter):
    out = ApplicationFactory(
        role=role, candidate__name="Knocked Out", knocked_out_at=timezone.now()
    )
    client.force_login(recruiter)
    page = client.get(board_url(role)).content.decode()
    assert "Knocked Out" not in page
    assert f'id="card-{out.pk}"' not in page
    assert 'id="count-applied">1<' in page
    assert "1 knocked-out application waits apart" in page


def test_a_column_shows_its_newest_cards_and_links_to_the_rest(
    client, role, recruiter, hiring_manager, monkeypatch
):
    monkeypatch.setattr(board_selectors, "CARDS_PER_COLUMN", 3)
    applications = [ApplicationFactory(role=role) for _ in range(5)]
    client.force_login(recruiter)
    page = client.get(board_url(role)).content.decode()
    shown = [a.pk for a in applications if f'id="card-{a.pk}"' in page]
    assert shown == [a.pk for a in applications[2:]]  # the newest three
    more = f"{reverse('hiring:role_detail', args=[role.pk])}?stage=applied"
    assert f'href="{more}">2 more in Applied</a>' in page
    # A blind review's hiring manager is sent to the shortlist, which never names anyone.
    role.blind_review = True
    role.save()
    client.force_login(hiring_manager)
    page = client.get(board_url(role)).content.decode()
    assert f"{reverse('hiring:shortlist', args=[role.pk])}?stage=applied" in page


def _fill(role, n: int) -> None:
    """n applications of `role` spread over every stage, inserted in bulk."""
    start = Candidate.objects.count()
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Person {start + i}", email=f"p{start + i}@example.com") for i in range(n)
    )
    stages = list(Stage)
    Application.objects.bulk_create(
        Application(
            role=role,
            candidate=candidate,
            stage=stages[i % len(stages)],
            composite_score=(i * 7) % 100,
            confidence=0.5,
        )
        for i, candidate in enumerate(candidates)
    )


# The session, its user and the user's groups; the role with its stage counts; the viewer's
# interviews on the role (for anchoring); the capped cards; their referral links.
BOARD_QUERIES = 7


@pytest.mark.parametrize("n", [10, 10_000])
def test_the_board_runs_the_same_queries_for_10_and_10000_applications(
    client, role, recruiter, hiring_manager, n, django_assert_num_queries
):
    _fill(role, n)
    # A recruiter's board has the bulk bar, which offers the role's tags and the email
    # wordings (two queries more).
    for user, queries in ((recruiter, BOARD_QUERIES + 2), (hiring_manager, BOARD_QUERIES)):
        client.force_login(user)
        with django_assert_num_queries(queries):
            response = client.get(board_url(role))
        assert response.status_code == 200
    expected = min(n // len(Stage) + 1, board_selectors.CARDS_PER_COLUMN) * len(Stage)
    assert response.content.decode().count('class="card ph-card') <= expected


@pytest.mark.parametrize("n", [10, 10_000])
def test_the_role_pipeline_runs_the_same_queries_for_10_and_10000_applications(
    client, role, recruiter, n, django_assert_num_queries
):
    """The list the board sits beside: same pin as tests/hiring/test_tags.py (13 for a
    recruiter, with the bulk bar), whatever the role's size."""
    _fill(role, n)
    client.force_login(recruiter)
    with django_assert_num_queries(13):
        response = client.get(reverse("hiring:role_detail", args=[role.pk]))
    assert f"Apply to all {n} matching" in response.content.decode()


def test_the_stage_counts_are_grouped_by_the_role_alone(role):
    """The count of tests waiting for a review is a subquery per role. Once it sat in the
    GROUP BY (Django groups by a wrapped expression), and PostgreSQL ran it for every
    application of the role: minutes for the board and role pages at 100,000 (bench/scale.py)."""
    _fill(role, 20)
    with CaptureQueriesContext(connection) as captured:
        counted = candidate_selectors.role_with_pipeline(role_id=role.pk)
    (query,) = captured.captured_queries
    grouped_by = [item.strip() for item in query["sql"].rsplit("GROUP BY", 1)[1].split(",")]
    assert all(item.startswith('"') for item in grouped_by), grouped_by  # columns only
    assert counted.test_review_count == 0
    assert counted.total_count == 20
