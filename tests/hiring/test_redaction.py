"""Redaction in the read path: what a viewer may not know cannot be read back from any page,
filter, sort, count, export or comparison.

The walks below request every view of a role's shortlist as one viewer, change the values that
viewer may not see, request everything again, and expect the same bytes. Each leak the issue
"One house, no leaks" names fails here without the redaction in hiring/selectors.
"""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import Application, Candidate, Evidence
from hiring.selectors import shortlist as selectors
from hiring.selectors.profile import candidate_profile
from hiring.viewer import Viewer, viewer_for_application, viewer_for_role
from passionhire.traits import Trait
from tests.factories import EmployeeFactory, held_interview
from tests.pages import without_tokens
from tests.shortlist.conftest import ADA, ALAN, GRACE, scored


def _walk(client, role, ada, grace) -> dict[str, str]:
    """Every read of the role's shortlist that could depend on a score: default order, each
    sort, each kind of score filter, flags, stages, search, CSV of each, compare, profile."""
    shortlist = reverse("hiring:shortlist", args=[role.pk])
    csv = reverse("hiring:shortlist_csv", args=[role.pk])
    queries = [
        {},
        {"stage": "all"},
        {"min_composite": "50"},
        {"min_composite": "0"},
        {"flag": "warnings"},
        {"flag": "none"},
        {"flag": "any"},
        {"sort": "rank"},
        {"sort": "composite"},
        {"sort": "confidence"},
        {"sort": "recent"},
        {"q": "a"},
        *({"sort": t.value} for t in Trait),
        *({f"min_{t.value}": "60"} for t in Trait),
    ]
    seen = {}
    for query in queries:
        for name, url in (("page", shortlist), ("csv", csv)):
            response = client.get(url, query)
            body = b"".join(response) if response.streaming else response.content
            seen[f"{name} {query}"] = without_tokens(body)
    compare = reverse("hiring:compare", args=[role.pk])
    page = client.get(compare, {"a": [ada.pk, grace.pk]}).content.decode()
    seen["compare"] = without_tokens(page)
    profile = client.get(reverse("hiring:application_profile", args=[ada.pk])).content.decode()
    seen["profile"] = without_tokens(profile)
    return seen


def _rescore(application, value: float, weight: float) -> None:
    Evidence.objects.filter(application=application).update(value=value, weight=weight)
    services.applications_rescore(role=application.role, application_ids=[application.pk])


@pytest.fixture
def interviewing_manager(role, recruiter, hiring_manager):
    """The role's hiring manager sits on Ada's interview and has not recorded it."""
    return hiring_manager


@pytest.fixture
def cast(role):
    ada = scored(role, "Ada Lovelace", ADA, stage="interviews")
    grace = scored(role, "Grace Hopper", GRACE, stage="team_meet")
    alan = scored(role, "Alan Turing", ALAN, stage="passion_test")
    return ada, grace, alan


def test_an_interviewer_reads_nothing_of_scores_they_may_not_see(
    client, role, recruiter, hiring_manager, cast
):
    ada, grace, _ = cast
    held_interview(application=ada, interviewers=[hiring_manager], created_by=recruiter)
    client.force_login(hiring_manager)

    _rescore(ada, value=5, weight=1.0)
    low = _walk(client, role, ada, grace)
    # Ada's hidden values swing from the bottom to the top, with other flags.
    _rescore(ada, value=99, weight=0.1)
    Evidence.objects.create(
        application=ada, trait="courage", source="team_meet", value=1, weight=1, origin="t:x"
    )
    services.applications_rescore(role=role, application_ids=[ada.pk])
    high = _walk(client, role, ada, grace)

    changed = [key for key in low if low[key] != high[key]]
    assert changed == []
    # ...and the walk did show her, apart and unranked, so the test is not vacuous.
    assert "1 not ranked for you yet" in low["page {}"]
    assert "Ada Lovelace" in low["page {}"]
    assert "hidden until you record your interview" in low["csv {}"]


def test_the_same_walk_as_someone_not_on_the_interview_does_change(client, role, recruiter, cast):
    """The control: a recruiter who is on no interview sees Ada's scores move."""
    ada, grace, _ = cast
    client.force_login(recruiter)
    _rescore(ada, value=5, weight=1.0)
    low = _walk(client, role, ada, grace)
    _rescore(ada, value=99, weight=1.0)
    high = _walk(client, role, ada, grace)
    assert low["page {}"] != high["page {}"]
    assert low["csv {'min_composite': '50'}"] != high["csv {'min_composite': '50'}"]


def test_blind_review_hides_identities_whatever_they_are(client, role, recruiter, cast):
    ada, grace, _ = cast
    role.blind_review = True
    role.save()
    client.force_login(role.hiring_manager)
    before = _walk(client, role, ada, grace)
    Candidate.objects.filter(pk=ada.candidate_id).update(
        name="Augusta King", email="augusta@example.org"
    )
    after = _walk(client, role, ada, grace)
    assert [key for key in before if before[key] != after[key]] == []
    assert "Ada Lovelace" not in "".join(before.values())
    assert f"Candidate #{ada.pk}" in before["page {}"]


# --- Selectors, for each kind of viewer ------------------------------------------------------


def test_held_back_candidates_are_outside_every_score_filter_and_unranked(
    role, recruiter, hiring_manager, cast
):
    ada, grace, alan = cast
    held_interview(application=ada, interviewers=[hiring_manager], created_by=recruiter)
    viewer = viewer_for_role(hiring_manager, role)
    assert viewer.anchored == {ada.pk}

    plain = selectors.shortlist_for_role(viewer=viewer, role=role, ask=selectors.ShortlistQuery())
    assert ada not in list(plain.ranked)
    assert list(plain.held_back) == [ada]
    rows = selectors.held_back_rows(viewer, role, plain.held_back)
    assert rows[0].rank is None
    assert rows[0].application.composite_score is None
    assert rows[0].flags == []
    assert rows[0].referrers == []

    filtered = selectors.shortlist_for_role(
        viewer=viewer, role=role, ask=selectors.ShortlistQuery(min_composite=0)
    )
    assert ada not in list(filtered.ranked)
    assert list(filtered.held_back) == []


def test_the_profile_of_a_held_back_candidate_is_handed_over_without_scores(
    role, recruiter, hiring_manager, cast
):
    ada, *_ = cast
    held_interview(application=ada, interviewers=[hiring_manager], created_by=recruiter)
    profile = candidate_profile(
        viewer=viewer_for_application(hiring_manager, ada.pk), application_id=ada.pk
    )
    assert profile.scores_hidden
    assert profile.application.composite_score is None
    assert all(t.score is None for t in profile.explanation.traits)
    assert profile.flags == []
    assert [e for t in profile.results.traits for e in t.evidence] == []
    assert profile.referrers == []
    # A recruiter on no interview gets the full profile.
    full = candidate_profile(
        viewer=viewer_for_application(recruiter, ada.pk), application_id=ada.pk
    )
    assert full.application.composite_score == Application.objects.get(pk=ada.pk).composite_score


def test_compare_hands_over_held_back_rows_without_values(role, recruiter, hiring_manager, cast):
    ada, grace, _ = cast
    held_interview(application=ada, interviewers=[hiring_manager], created_by=recruiter)
    rows = selectors.applications_to_compare(
        viewer=viewer_for_role(hiring_manager, role), role=role, ids=[ada.pk, grace.pk]
    )
    assert [r.hidden for r in rows] == [True, False]
    assert all(v is None for _, v in rows[0].traits)
    assert rows[1].application.composite_score is not None


# --- Who may switch blind review -------------------------------------------------------------


def test_a_hiring_manager_may_turn_blind_review_on_but_never_off(client, role, hiring_manager):
    client.force_login(hiring_manager)
    url = reverse("hiring:role_blind", args=[role.pk])
    assert client.post(url, {"blind": "on"}).status_code == 302
    role.refresh_from_db()
    assert role.blind_review
    assert client.post(url, {"blind": "off"}).status_code == 403
    role.refresh_from_db()
    assert role.blind_review
    page = client.get(reverse("hiring:shortlist", args=[role.pk])).content.decode()
    assert 'name="blind" value="off"' not in page


def test_a_recruiter_may_turn_blind_review_off(client, role, recruiter):
    role.blind_review = True
    role.save()
    client.force_login(recruiter)
    client.post(reverse("hiring:role_blind", args=[role.pk]), {"blind": "off"})
    role.refresh_from_db()
    assert not role.blind_review


def test_the_service_refuses_a_hiring_manager_turning_blind_review_off(role, hiring_manager):
    from django.core.exceptions import PermissionDenied

    role.blind_review = True
    role.save()
    with pytest.raises(PermissionDenied):
        services.role_set_blind(role=role, blind=False, changed_by=hiring_manager)


def test_an_employee_cannot_switch_blind_review(role):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.role_set_blind(role=role, blind=True, changed_by=EmployeeFactory())


def test_a_viewer_without_anchoring_hides_nothing(role, recruiter, cast):
    viewer = Viewer(user=recruiter, is_recruiter=True)
    shortlist = selectors.shortlist_for_role(
        viewer=viewer, role=role, ask=selectors.ShortlistQuery()
    )
    assert len(list(shortlist.ranked)) == 3
    assert list(shortlist.held_back) == []


# --- Blind review on the interview pages -----------------------------------------------------


def test_interview_pages_follow_blind_review_for_everyone_but_recruiters(
    client, role, recruiter, hiring_manager, cast
):
    ada, *_ = cast
    ivan = EmployeeFactory(username="ivan-blind")
    interview = held_interview(application=ada, interviewers=[ivan], created_by=recruiter)
    scorecard = reverse("interviews:scorecard", args=[interview.pk])
    pages = [
        reverse("interviews:detail", args=[interview.pk]),
        scorecard,
        reverse("interviews:mine"),
        reverse("hiring:dashboard"),
    ]
    role.blind_review = True
    role.save()
    client.force_login(ivan)
    for url in pages:
        page = client.get(url).content.decode()
        assert "Lovelace" not in page, url
        assert "ada.lovelace@example.com" not in page, url
    assert f"Candidate #{ada.pk}" in client.get(pages[0]).content.decode()
    client.force_login(hiring_manager)
    assert "Lovelace" not in client.get(pages[0]).content.decode()
    client.force_login(recruiter)  # recruiters schedule and write to candidates: names stay
    assert "Ada Lovelace" in client.get(pages[0]).content.decode()
    # Once the candidate reaches the decision stage, the name is shown.
    Application.objects.filter(pk=ada.pk).update(revealed=True)
    client.force_login(ivan)
    assert "Ada Lovelace" in client.get(pages[0]).content.decode()


def test_scorecards_on_a_blind_interview_page_hide_the_name_in_their_words(
    client, role, recruiter, hiring_manager, cast
):
    from interviews import services as interview_services

    ada, *_ = cast
    ivan = EmployeeFactory(username="ivan-words")
    interview = held_interview(application=ada, interviewers=[ivan], created_by=recruiter)
    interview_services.scorecard_submit(
        interview=interview,
        interviewer=ivan,
        ratings={t: (4, "Ada Lovelace stayed calm and asked why.") for t in interview.traits},
        recommendation="yes",
        summary="Ada was kind to the customer.",
    )
    role.blind_review = True
    role.save()
    client.force_login(hiring_manager)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "[hidden] stayed calm" in page
    assert "[hidden] was kind" in page
    assert "Lovelace" not in page


def test_the_role_page_shows_no_score_of_a_candidate_the_viewer_must_interview_first(
    client, role, recruiter, hiring_manager, cast
):
    ada, grace, _ = cast
    held_interview(application=ada, interviewers=[hiring_manager], created_by=recruiter)
    Application.objects.filter(pk=ada.pk).update(composite_score=71.3)
    Application.objects.filter(pk=grace.pk).update(composite_score=64.8)
    client.force_login(hiring_manager)
    page = client.get(reverse("hiring:role_detail", args=[role.pk])).content.decode()
    assert "Ada Lovelace" in page
    assert ">71<" not in page
    assert ">65<" in page  # Grace's, which the manager may see
    client.force_login(recruiter)
    assert ">71<" in client.get(reverse("hiring:role_detail", args=[role.pk])).content.decode()
