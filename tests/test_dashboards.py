"""Signing in and landing on the dashboard that fits the role."""

import pytest
from django.urls import reverse

from candidates.models import Stage
from passionhire.traits import GUIDES, Trait
from tests.factories import PASSWORD, ApplicationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_wrong_password_gives_one_message_that_does_not_say_which_part(client, recruiter):
    for username in ("rita", "nobody"):
        response = client.post(reverse("login"), {"username": username, "password": "wrong"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "Please enter a correct username and password" in page
    assert "_auth_user_id" not in client.session


def test_login_starts_a_new_session_and_lands_on_the_dashboard(client, recruiter):
    client.get(reverse("login"))
    before = client.session.session_key
    response = client.post(reverse("login"), {"username": "rita", "password": PASSWORD})
    assert response.url == reverse("hiring:dashboard")
    assert client.session.session_key != before


def test_logout_ends_the_session(client, recruiter):
    client.force_login(recruiter)
    client.post(reverse("logout"))
    assert client.get(reverse("hiring:dashboard")).status_code == 302


def test_recruiter_dashboard_counts_the_pipeline_per_stage(
    client, recruiter, role, django_assert_max_num_queries
):
    for stage, count in ((Stage.APPLIED, 3), (Stage.INTERVIEWS, 2), (Stage.HIRED, 1)):
        ApplicationFactory.create_batch(count, role=role, stage=stage)
    RoleFactory(title="Old role", status="closed")
    client.force_login(recruiter)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("hiring:dashboard"))
    roles = response.context["roles"]
    assert [r.title for r in roles] == ["Customer Success Manager"]  # open roles only
    counts = {item.stage: item.count for item in roles[0].pipeline}
    assert counts[Stage.APPLIED] == 3
    assert counts[Stage.INTERVIEWS] == 2
    assert counts[Stage.HIRED] == 1
    assert roles[0].active_count == 5
    page = response.content.decode()
    assert "Open a role" in page
    assert "Add a candidate" in page


def test_recruiter_dashboard_query_count_does_not_grow_with_roles(
    client, recruiter, django_assert_max_num_queries
):
    for _ in range(15):
        ApplicationFactory.create_batch(3, role=RoleFactory())
    client.force_login(recruiter)
    with django_assert_max_num_queries(8):
        client.get(reverse("hiring:dashboard"))


def test_hiring_manager_sees_only_the_roles_they_own(
    client, hiring_manager, other_hiring_manager, role
):
    RoleFactory(title="Someone else's role", hiring_manager=other_hiring_manager)
    ApplicationFactory.create_batch(2, role=role, stage=Stage.DECISION)
    client.force_login(hiring_manager)
    response = client.get(reverse("hiring:dashboard"))
    page = response.content.decode()
    assert "Customer Success Manager" in page
    assert "Someone else&#x27;s role" not in page
    assert response.context["roles"][0].active_count == 2


def test_employee_sees_a_welcome_with_empty_referrals_and_interviews(client, employee):
    client.force_login(employee)
    page = client.get(reverse("hiring:dashboard")).content.decode()
    assert "Welcome, Emma" in page
    assert "You haven't referred anyone yet" in page
    assert "no upcoming interviews" in page


def test_a_user_without_a_role_is_told_to_ask_for_one(client):
    client.force_login(UserFactory(username="norole"))
    response = client.get(reverse("hiring:dashboard"))
    assert response.status_code == 403
    assert "no PassionHire role yet" in response.content.decode()


def test_traits_vocabulary_has_six_traits_each_with_a_full_rubric():
    assert list(GUIDES) == list(Trait)
    for guide in GUIDES.values():
        assert guide.definition
        assert sorted(guide.rubric) == [1, 2, 3, 4, 5]
        assert all(len(text) > 20 for text in guide.rubric.values())


def test_traits_page_shows_every_trait_and_rubric_to_every_role(
    client, recruiter, hiring_manager, employee
):
    for user in (recruiter, hiring_manager, employee):
        client.force_login(user)
        page = client.get(reverse("hiring:traits")).content.decode()
        for guide in GUIDES.values():
            assert guide.label in page
            assert guide.rubric[5].split(";")[0].replace("'", "&#x27;") in page
