"""Saved views: "Save this view" keeps the filter on screen (validated) under a name, for that
person only; it shows as a quick link on every role's page, and only its owner can delete it."""

import pytest
from django.urls import reverse

from hiring.models import SavedView
from passionhire.models import AuditEntry
from tests.factories import HiringManagerFactory, RecruiterFactory, RoleFactory


def save(client, role, page, filters, name):
    return client.post(
        reverse("hiring:saved_view_create", args=[role.pk]),
        {"page": page, "filters": filters, "name": name},
        follow=True,
    )


def test_a_saved_view_of_the_shortlist_comes_back_as_a_quick_link(client, recruiter, role):
    client.force_login(recruiter)
    filters = "stage=interviews&min_empathy=60&tag=speaks+Welsh&page=3&sort=rank"
    page = save(client, role, "shortlist", filters, "  Welsh  empathy ")
    html = page.content.decode()
    assert "Saved “Welsh empathy”" in html
    view = SavedView.objects.get()
    # Only the filters, as the page's form read them; the page number is not a filter.
    assert view.params == {
        "min_empathy": "60",
        "sort": "rank",
        "stage": "interviews",
        "tag": "speaks Welsh",
    }
    assert page.redirect_chain[-1][0].endswith(f"?{view.querystring}")
    # The link is marked as the view on screen, and it is offered on another role too.
    assert 'aria-current="true">Welsh empathy</a>' in html
    other = client.get(reverse("hiring:shortlist", args=[RoleFactory().pk])).content.decode()
    assert f'href="?{view.querystring.replace("&", "&amp;")}"' in other
    assert AuditEntry.objects.filter(action="saved_view.save", actor=recruiter).exists()


def test_the_pipeline_saves_its_stage_and_tag(client, recruiter, role):
    client.force_login(recruiter)
    save(client, role, "pipeline", "stage=test_review&tag=silver", "To review")
    html = client.get(reverse("hiring:role_detail", args=[role.pk])).content.decode()
    assert 'href="?stage=test_review&amp;tag=silver"' in html
    assert "To review" in html


def test_saving_again_under_the_same_name_replaces_the_filter(client, recruiter, role):
    client.force_login(recruiter)
    save(client, role, "pipeline", "stage=offer", "Mine")
    save(client, role, "pipeline", "stage=hired", "MINE")
    assert list(SavedView.objects.values_list("name", "params")) == [("MINE", {"stage": "hired"})]


@pytest.mark.parametrize(
    ("where", "filters", "name", "error"),
    [
        ("shortlist", "stage=interviews", "", "Give the view a name"),
        ("shortlist", "stage=interviews", "x" * 61, "Keep the name to 60 characters"),
        ("shortlist", "", "Nothing", "Choose a filter first"),
        ("shortlist", "page=2", "Only a page", "Choose a filter first"),
        ("shortlist", "min_composite=500", "Too high", "Nothing saved: fix the filters first"),
        ("shortlist", "stage=nowhere", "Bad stage", "Nothing saved"),
        ("pipeline", "tag=%3Cb%3E", "Markup", "Nothing saved"),
        ("pipeline", "stage=explode", "Bad", "Nothing saved"),
        ("elsewhere", "stage=offer", "Where", "Views are saved from the role pipeline"),
    ],
)
def test_a_view_that_cannot_be_saved_is_refused_with_why(
    client, recruiter, role, where, filters, name, error
):
    # Not "page": that name is Playwright's browser page, which would make this a browser test.
    client.force_login(recruiter)
    response = save(client, role, where, filters, name)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not SavedView.objects.exists()


def test_another_person_never_sees_nor_deletes_my_view(client, recruiter, hiring_manager, role):
    client.force_login(hiring_manager)
    save(client, role, "pipeline", "stage=offer", "Hugo's offers")
    mine = SavedView.objects.get()
    colleague = RecruiterFactory()
    client.force_login(colleague)
    page = client.get(reverse("hiring:role_detail", args=[role.pk])).content.decode()
    assert "Hugo&#x27;s offers" not in page
    assert "Hugo's offers" not in page
    delete = reverse("hiring:saved_view_remove", args=[mine.pk])
    assert client.post(delete, {"role": role.pk}).status_code == 404
    client.force_login(HiringManagerFactory())
    assert client.post(delete).status_code == 404
    assert SavedView.objects.filter(pk=mine.pk).exists()
    client.force_login(hiring_manager)
    gone = client.post(delete, {"role": role.pk}, follow=True)
    assert "Deleted your view “Hugo&#x27;s offers”" in gone.content.decode()
    assert gone.redirect_chain[-1][0] == reverse("hiring:role_detail", args=[role.pk])
    assert not SavedView.objects.exists()
    assert client.post(delete, {"role": role.pk}).status_code == 404  # once


def test_a_hiring_manager_cannot_save_a_view_on_a_role_that_is_not_theirs(
    client, other_hiring_manager, role
):
    client.force_login(other_hiring_manager)
    response = client.post(
        reverse("hiring:saved_view_create", args=[role.pk]),
        {"page": "pipeline", "filters": "stage=offer", "name": "Peek"},
    )
    assert response.status_code == 403
    assert not SavedView.objects.exists()


def test_deleting_with_a_tampered_role_lands_on_the_dashboard(
    client, hiring_manager, other_hiring_manager, role
):
    theirs = RoleFactory(hiring_manager=other_hiring_manager)
    view = SavedView.objects.create(
        owner=hiring_manager, page="pipeline", name="x", params={"stage": "offer"}
    )
    client.force_login(hiring_manager)
    response = client.post(reverse("hiring:saved_view_remove", args=[view.pk]), {"role": theirs.pk})
    assert response.url == reverse("hiring:dashboard")
