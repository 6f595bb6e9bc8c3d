"""A confirmation appears where the user is looking: beside the form that was sent (the page
comes back at that form's anchor), not in the banner at the top of the page."""

import pytest
from django.urls import reverse

from candidates.models import KnockoutQuestion
from interviews.models import GuideQuestion
from tests.factories import ApplicationFactory

BANNER = 'class="ph-messages '


def said_beside(page: str, anchor: str, text: str) -> bool:
    """`text` is shown inside the element with id `anchor` (it opens before the text, and the
    text comes before the next section), and the top banner is not on the page."""
    start = page.find(f'id="{anchor}"')
    return BANNER not in page and -1 < start < page.find(text, start)


def test_a_knockout_question_added_is_confirmed_beside_the_add_form(client, recruiter, role):
    client.force_login(recruiter)
    url = reverse("applying:knockout_questions", args=[role.pk])
    response = client.post(url, {"text": "Can you work weekends?", "disqualifying_answer": "no"})
    assert response.status_code == 302
    assert response.url == f"{url}#knockout-add"
    page = client.get(response.url).content.decode()
    assert said_beside(page, "knockout-add", "Question added")


def test_a_knockout_question_removed_is_confirmed_beside_the_list(client, recruiter, role):
    question = KnockoutQuestion.objects.create(
        role=role, text="Can you work weekends?", disqualifying_answer="no"
    )
    client.force_login(recruiter)
    response = client.post(reverse("applying:knockout_question_delete", args=[question.pk]))
    assert response.url.endswith("#knockout-list")
    page = client.get(response.url).content.decode()
    assert said_beside(page, "knockout-list", "Question removed")


def test_a_saved_note_is_confirmed_in_the_notes_card(client, recruiter, role):
    application = ApplicationFactory(role=role)
    client.force_login(recruiter)
    response = client.post(
        reverse("hiring:application_note_add", args=[application.pk]), {"text": "Called her."}
    )
    assert response.url.endswith("#notes")
    page = client.get(response.url).content.decode()
    assert said_beside(page, "notes", "Your note is saved.")


def test_a_question_added_to_the_guide_is_confirmed_beside_the_add_form(
    client, recruiter, role, question_bank
):
    client.force_login(recruiter)
    client.get(reverse("interviews:guide", args=[role.pk]))  # the guide is made on first view
    spare = question_bank.exclude(pk__in=GuideQuestion.objects.values("question")).first()
    response = client.post(reverse("interviews:guide_add", args=[role.pk]), {"question": spare.pk})
    assert response.url.endswith("#guide-add")
    page = client.get(response.url).content.decode()
    assert said_beside(page, "guide-add", "Question added to the end of the guide.")


@pytest.mark.parametrize("level", ["success", "error"])
def test_a_message_without_a_place_still_shows_in_the_banner(client, recruiter, role, level):
    client.force_login(recruiter)
    status = "closed" if level == "success" else "not-a-status"
    url = reverse("candidates:role_status", args=[role.pk])
    page = client.post(url, {"status": status}, follow=True).content.decode()
    assert BANNER in page
    assert ("is closed" if level == "success" else "Unknown role status") in page
