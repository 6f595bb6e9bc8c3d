"""Notes on an application: who reads and writes them, @mentions (refused with why when the
colleague may not see the candidate), redaction, and bad input."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from candidates.models import Role
from hiring.notes.models import Note
from hiring.notes.services import mentioned_usernames, note_add
from hiring.services import privacy
from passionhire.models import Notification
from tests.factories import ApplicationFactory, CandidateFactory, held_interview
from tests.pages import without_tokens


@pytest.fixture
def application(role):
    return ApplicationFactory(
        role=role, candidate=CandidateFactory(name="Zoe Quill", email="zoe.quill@example.com")
    )


def test_mentions_are_read_as_usernames_and_an_email_address_is_not_one():
    text = "@hugo and @Rita. Ask zoe@example.com, then @hugo again"
    assert mentioned_usernames(text) == ["hugo", "Rita"]


def test_a_recruiter_mentions_the_hiring_manager_who_is_notified(
    application, recruiter, hiring_manager
):
    note = note_add(application=application, author=recruiter, text="@hugo strong call today")
    assert list(note.mentioned.all()) == [hiring_manager]
    notification = Notification.objects.get(recipient=hiring_manager)
    assert notification.kind == "mention"
    assert notification.url == reverse("hiring:application_detail", args=[application.pk]) + (
        "#notes"
    )
    # The sentence names the candidate by alias only: it outlives an erasure, it may reach a
    # blind review.
    assert "Zoe" not in notification.text
    assert application.alias in notification.text
    hiring_manager.refresh_from_db()
    assert hiring_manager.unread_notifications == 1
    # Nobody is told of their own mention.
    note_add(application=application, author=recruiter, text="@rita reminder to self")
    assert not Notification.objects.filter(recipient=recruiter).exists()


@pytest.mark.parametrize(
    ("who", "why"),
    [
        ("emma", "Emma Employee can't see this candidate: only recruiters and the role's hiring"),
        ("olga", "Olga Other can't see this candidate: only recruiters and the role's hiring"),
        ("nobody_here", "Nobody here has the username @nobody_here."),
    ],
)
def test_a_mention_of_someone_who_may_not_see_the_candidate_is_refused_with_why(
    application, recruiter, employee, other_hiring_manager, who, why
):
    with pytest.raises(ValidationError) as refused:
        note_add(application=application, author=recruiter, text=f"What do you think, @{who}?")
    assert any(why in m for m in refused.value.message_dict["text"])
    assert not Note.objects.exists()
    assert not Notification.objects.exists()


def test_an_interviewer_who_has_not_recorded_cannot_be_mentioned_nor_read_notes(
    client, application, recruiter, hiring_manager
):
    held_interview(application=application, interviewers=[hiring_manager], created_by=recruiter)
    with pytest.raises(ValidationError, match="until they record their interview"):
        note_add(application=application, author=recruiter, text="@hugo see my note")
    note_add(application=application, author=recruiter, text="Sharp on the refund case")
    client.force_login(hiring_manager)
    page = client.get(reverse("hiring:application_detail", args=[application.pk]))
    assert page.status_code == 200
    assert "Sharp on the refund case" not in page.content.decode()
    assert "notes stay hidden until you record" in page.content.decode()
    with pytest.raises(PermissionDenied):
        note_add(application=application, author=hiring_manager, text="My view")


def test_the_form_refuses_an_empty_note_and_a_bad_mention_keeping_the_text(
    client, application, recruiter, employee
):
    client.force_login(recruiter)
    url = reverse("hiring:application_note_add", args=[application.pk])
    empty = client.post(url, {"text": "   "})
    assert empty.status_code == 422
    assert "an empty note says nothing" in empty.content.decode()
    bad = client.post(url, {"text": "Loop in @emma <b>now</b>"})
    assert bad.status_code == 422
    body = bad.content.decode()
    assert "Emma Employee can&#x27;t see this candidate" in body
    assert "Loop in @emma &lt;b&gt;now&lt;/b&gt;" in body  # kept, escaped
    assert not Note.objects.exists()


def test_a_note_is_shown_escaped_with_its_author(client, application, recruiter):
    client.force_login(recruiter)
    url = reverse("hiring:application_note_add", args=[application.pk])
    response = client.post(url, {"text": "<script>alert(1)</script> great"})
    assert response.status_code == 302
    assert response.url.endswith("#notes")
    page = client.get(reverse("hiring:application_detail", args=[application.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; great" in page
    assert "<script>alert(1)" not in page
    assert "Rita Recruiter" in page


def test_other_roles_hiring_manager_can_neither_read_nor_write(
    client, application, other_hiring_manager
):
    client.force_login(other_hiring_manager)
    url = reverse("hiring:application_note_add", args=[application.pk])
    assert client.post(url, {"text": "hello"}).status_code == 403
    assert not Note.objects.exists()


def test_a_blind_reviews_hiring_manager_reads_notes_without_the_candidates_name(
    client, application, recruiter, hiring_manager
):
    Role.objects.filter(pk=application.role_id).update(blind_review=True)
    note_add(application=application, author=recruiter, text="Zoe Quill was warm; @hugo agree?")
    client.force_login(hiring_manager)
    page = client.get(reverse("hiring:application_profile", args=[application.pk]))
    body = without_tokens(page)
    assert "[hidden] was warm" in body
    assert "Zoe" not in body
    assert "Quill" not in body
    assert "Rita Recruiter" in body  # the author's name stays
    # A refused note from the profile comes back on the profile, still blind.
    refused = client.post(
        reverse("hiring:application_note_add", args=[application.pk]), {"text": "@nobody"}
    )
    assert refused.status_code == 422
    assert "Zoe" not in without_tokens(refused)


def test_no_note_on_an_erased_candidate(client, application, recruiter):
    note_add(application=application, author=recruiter, text="Zoe Quill impressed us")
    privacy.candidate_erase(candidate=application.candidate, erased_by=recruiter)
    assert Note.objects.get().text == "[erased]"
    with pytest.raises(ValidationError, match="erased"):
        note_add(application=application, author=recruiter, text="One more thing")
    client.force_login(recruiter)
    url = reverse("hiring:application_note_add", args=[application.pk])
    response = client.post(url, {"text": "One more thing"})
    assert response.status_code == 422
    assert Note.objects.count() == 1


def test_notes_are_in_the_candidates_export(application, recruiter):
    note_add(application=application, author=recruiter, text="Zoe Quill impressed us")
    data = privacy.candidate_export(candidate=application.candidate)
    assert data["applications"][0]["notes"][0]["text"] == "Zoe Quill impressed us"
    assert data["applications"][0]["notes"][0]["by"] == "Rita Recruiter"
