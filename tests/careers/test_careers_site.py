"""The public careers site: only published open roles, safe Markdown, valid JobPosting data."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Role
from passionhire.models import AuditEntry
from tests.factories import RoleFactory

pytestmark = pytest.mark.django_db


def published(**fields) -> Role:
    return RoleFactory(published_at=timezone.now(), **fields)


def test_the_careers_page_lists_only_published_open_roles(client):
    shown = published(title="Support Hero", location="Lisbon")
    RoleFactory(title="Not published yet")
    published(title="Closed already", status=Role.Status.CLOSED)
    page = client.get(reverse("careers:list")).content.decode()
    assert "Support Hero" in page
    assert "Not published yet" not in page
    assert "Closed already" not in page
    assert "1 open role" in page
    assert client.get(reverse("careers:role", args=[shown.pk])).status_code == 200
    for hidden in Role.objects.exclude(pk=shown.pk):
        assert client.get(reverse("careers:role", args=[hidden.pk])).status_code == 404


def test_roles_filter_by_location_and_type(client):
    published(title="Lisbon full-time", location="Lisbon")
    published(title="Porto part-time", location="Porto", employment_type="PART_TIME")
    page = client.get(reverse("careers:list"), {"location": "Porto"}).content.decode()
    assert "Porto part-time" in page and "Lisbon full-time" not in page  # noqa: PT018
    page = client.get(reverse("careers:list"), {"type": "FULL_TIME"}).content.decode()
    assert "Lisbon full-time" in page and "Porto part-time" not in page  # noqa: PT018
    # Nonsense filters are ignored or match nothing; never an error.
    assert (
        client.get(reverse("careers:list"), {"type": "<x>", "location": "z" * 500}).status_code
        == 200
    )


def test_the_careers_page_costs_the_same_queries_for_one_role_or_many(
    client, django_assert_num_queries
):
    published()
    with django_assert_num_queries(2) as one:  # the roles, their locations
        client.get(reverse("careers:list"))
    for _ in range(6):
        published()
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(reverse("careers:list"))


def test_the_description_is_markdown_rendered_safely(client):
    role = published(
        description="# About\n\nWe **care**.\n\n<script>alert(1)</script>\n\n"
        "[click](javascript:alert(1)) [site](https://example.com)"
    )
    page = client.get(reverse("careers:role", args=[role.pk])).content.decode()
    body = page.split('class="ph-role-description">', 1)[1].split("</div>", 1)[0]
    assert "<h2>About</h2>" in body
    assert "<strong>care</strong>" in body
    assert "<script>" not in body
    assert "&lt;script&gt;" in body  # shown as text, never run
    assert 'href="javascript:' not in body
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">site</a>' in body


def test_the_job_posting_json_ld_is_valid_and_cannot_close_its_script(client):
    role = published(
        title='</script><script>alert("x")</script>',
        location="Lisbon",
        pay_min=30000,
        pay_max=36000,
        pay_currency="EUR",
    )
    page = client.get(reverse("careers:role", args=[role.pk])).content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["title"] == role.title  # the same text, escaped only for the script element
    assert data["@type"] == "JobPosting"
    for required in ("datePosted", "description", "hiringOrganization", "jobLocation"):
        assert data[required]
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "YEAR",
        "minValue": 30000,
        "maxValue": 36000,
    }
    assert '<script>alert("x")' not in page


def test_the_public_page_shows_nothing_private(client, hiring_manager):
    role = published(hiring_manager=hiring_manager)
    page = client.get(reverse("careers:role", args=[role.pk])).content.decode()
    assert hiring_manager.get_display_name() not in page
    assert "weight" not in page.lower()


def test_the_sitemap_lists_the_published_roles(client):
    shown, hidden = published(), RoleFactory()
    response = client.get(reverse("careers:sitemap"))
    assert response["Content-Type"] == "application/xml"
    text = response.content.decode()
    assert reverse("careers:role", args=[shown.pk]) in text
    assert reverse("careers:role", args=[hidden.pk]) not in text


def test_recruiters_publish_and_unpublish_and_a_closed_role_cannot_be_published(
    client, recruiter, role
):
    client.force_login(recruiter)
    url = reverse("candidates:role_publish", args=[role.pk])
    page = client.post(url, {}, follow=True).content.decode()  # neither: nothing changes
    assert "nothing changed" in page
    role.refresh_from_db()
    assert role.published_at is None
    client.post(url, {"publish": "1"})
    role.refresh_from_db()
    assert role.is_published
    assert AuditEntry.objects.filter(action="role.publish", target=f"role:{role.pk}").exists()
    client.post(url, {"publish": "0"})
    role.refresh_from_db()
    assert not role.is_published
    services.role_set_status(role=role, status="closed", changed_by=recruiter)
    page = client.post(url, {"publish": "1"}, follow=True).content.decode()
    assert "Reopen the role before publishing it." in page
    role.refresh_from_db()
    assert role.published_at is None


def test_a_pay_range_upside_down_is_refused_on_the_role_form(client, recruiter, role):
    client.force_login(recruiter)
    data = {
        "title": role.title,
        "team": role.team,
        "description": "",
        "hiring_manager": role.hiring_manager_id,
        "workplace": "remote",
        "employment_type": "FULL_TIME",
        "pay_min": "50000",
        "pay_max": "40000",
        "pay_currency": "EUR",
        "pay_period": "YEAR",
        **{f"weight_{t}": "5" for t in ("empathy", "commitment", "curiosity")},
        **{f"weight_{t}": "5" for t in ("attention_to_detail", "connection", "courage")},
    }
    response = client.post(reverse("candidates:role_edit", args=[role.pk]), data)
    assert response.status_code == 200
    assert "The top of the pay range is below its bottom." in response.content.decode()
    role.refresh_from_db()
    assert role.pay_min is None


def test_a_role_page_and_its_apply_form_cost_the_same_queries_however_many_applicants(
    client, django_assert_num_queries
):
    from tests.factories import ApplicationFactory

    role = published(title="Support Hero")
    role.knockout_questions.create(text="Can you work weekends?", disqualifying_answer="no")
    pages = [reverse("careers:role", args=[role.pk]), reverse("careers:apply", args=[role.pk])]
    with django_assert_num_queries(1):  # the role
        client.get(pages[0])
    with django_assert_num_queries(2):  # the role, its questions
        client.get(pages[1])
    for _ in range(5):
        published()
        ApplicationFactory(role=role)
    with django_assert_num_queries(1):
        assert client.get(pages[0]).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(pages[1]).status_code == 200
