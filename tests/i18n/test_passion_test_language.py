"""The Passion Test's pages in the candidate's language: the application's own on a browser
that has not chosen one, the switch's choice after that (kept on the application, answers
kept), and a tampered switch refused with nothing changed."""

import pytest
from django.conf import settings
from django.urls import reverse

from candidates import services
from candidates.models import Answer, Application, PassionTestResponse
from candidates.passion_test import paging
from passionhire.models import AuditEntry
from tests.factories import (
    ApplicationFactory,
    answers_for,
    page_form_data,
    questionnaire_with_blocks,
    translate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(role, recruiter):
    translate(questionnaire_with_blocks(), "es")
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace", language="es")
    return services.passion_test_invite(application=application, invited_by=recruiter)


@pytest.fixture
def token(invitation):
    return services.invitation_token(invitation)


def test_the_link_opens_in_the_language_the_candidate_applied_in(client, token):
    page = client.get(reverse("passion_test:take", args=[token]), follow=True)
    assert PassionTestResponse.objects.get().language == "es"  # taken in Spanish
    text = page.content.decode()
    assert "Hola, Ada Lovelace: te damos la bienvenida al Passion Test" in text
    # The statements, the block's statements and the scenario's options are the translation's.
    assert "<bdi>[es] Statement 1.</bdi>" in text
    assert "<bdi>[es] I ask why until I understand.</bdi>" in text
    assert "<bdi>[es] Quote the policy.</bdi>" in text
    assert "<bdi>Statement 1.</bdi>" not in text
    assert "Página 1 de 3" in text
    assert "Totalmente de acuerdo" in text
    assert '<html lang="es"' in text
    # A phone whose browser asks for English still gets the language she applied in...
    english_phone = client.get(
        reverse("passion_test:page", args=[token, 1]), headers={"accept-language": "en"}
    )
    assert "Página 1 de 3" in english_phone.content.decode()
    # ...until she chooses another with the switch: her choice wins.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    chosen = client.get(reverse("passion_test:page", args=[token, 1]))
    assert "Page 1 of 3" in chosen.content.decode()


def test_the_switch_on_a_test_page_posts_to_the_links_own_switch(client, token):
    page = client.get(reverse("passion_test:page", args=[token, 1])).content.decode()
    assert f'action="{reverse("passion_test:language", args=[token])}"' in page


def test_switching_halfway_keeps_the_answers_and_remembers_the_language(client, token, invitation):
    client.get(reverse("passion_test:take", args=[token]), follow=True)
    response = PassionTestResponse.objects.get()
    pages = paging.response_pages(response)
    answers = answers_for([q for p in pages for q in p])
    page_1 = reverse("passion_test:page", args=[token, 1])
    data = page_form_data(response, pages[0], answers) | {"go": "next"}
    assert client.post(page_1, data).status_code == 302
    saved = set(Answer.objects.values_list("question_id", "likert", "option_id"))
    switch = client.post(
        reverse("passion_test:language", args=[token]), {"language": "en", "next": page_1}
    )
    assert switch.status_code == 302
    assert switch["Location"] == page_1
    assert Application.objects.get().language == "en"
    entry = AuditEntry.objects.get(action="application.language")
    assert (entry.before, entry.after) == (
        {"language": "es"},
        {"language": "en", "by": "candidate"},
    )
    again = client.get(page_1).content.decode()
    assert "Page 1 of 3" in again
    assert "<bdi>Statement 1.</bdi>" in again  # the same items, now in English
    assert "[es]" not in again
    assert set(Answer.objects.values_list("question_id", "likert", "option_id")) == saved
    # The same questions, with the answers given in Spanish still checked.
    first = pages[0][0]
    assert f'id="q{first.pk}-{answers[str(first.pk)]}" value="{answers[str(first.pk)]}"' in again
    assert f'value="{answers[str(first.pk)]}" autocomplete="off" checked' in again
    # The test is now being taken in English: its consistency will count it there.
    taken = PassionTestResponse.objects.get()
    assert (taken.language, taken.translation) == ("en", None)
    # And back to Spanish: the Spanish items again, with the same answers checked.
    client.post(reverse("passion_test:language", args=[token]), {"language": "es"})
    taken.refresh_from_db()
    assert (taken.language, taken.translation.language) == ("es", "es")
    back = client.get(page_1).content.decode()
    assert "<bdi>[es] Statement 1.</bdi>" in back
    assert f'value="{answers[str(first.pk)]}" autocomplete="off" checked' in back
    client.post(reverse("passion_test:language", args=[token]), {"language": "en"})
    # Switching to the language it already has changes nothing more.
    client.post(reverse("passion_test:language", args=[token]), {"language": "en"})
    assert AuditEntry.objects.filter(action="application.language").count() == 3


@pytest.mark.parametrize("value", ["xx", "", "es-ES", "<b>es</b>"])
def test_a_tampered_language_on_the_test_is_refused_and_changes_nothing(client, token, value):
    response = client.post(reverse("passion_test:language", args=[token]), {"language": value})
    assert response.status_code == 400
    assert Application.objects.get().language == "es"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert not AuditEntry.objects.filter(action="application.language").exists()


def test_a_broken_link_switches_the_browser_only(client, token):
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    response = client.post(
        reverse("passion_test:language", args=[tampered]), {"language": "en", "next": "/x/"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert Application.objects.get().language == "es"
    assert not AuditEntry.objects.filter(action="application.language").exists()
    error = client.get(reverse("passion_test:take", args=[tampered]))
    assert error.status_code == 404
    assert "This link does not work" in error.content.decode()


def test_a_link_error_is_in_the_browsers_language(client, token):
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    error = client.get(
        reverse("passion_test:take", args=[tampered]), headers={"accept-language": "es"}
    )
    assert error.status_code == 404
    assert "Este enlace no funciona" in error.content.decode()


def test_the_thank_you_page_dates_follow_the_language(client, token, invitation):
    from django.utils import timezone

    client.get(reverse("passion_test:take", args=[token]), follow=True)
    when = timezone.make_aware(timezone.datetime(2026, 11, 3, 14, 30))
    PassionTestResponse.objects.update(submitted_at=when)
    spanish = client.get(reverse("passion_test:take", args=[token])).content.decode()
    assert "Enviaste tu Passion Test el 3 de noviembre de 2026 a las 14:30." in spanish
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("passion_test:take", args=[token])).content.decode()
    assert "Your Passion Test was submitted on 3 November 2026, 14:30." in english


def test_the_recruiter_sees_the_language_the_candidate_applied_and_answered_in(
    client, token, invitation, recruiter, django_capture_on_commit_callbacks
):
    client.get(reverse("passion_test:take", args=[token]), follow=True)
    response = PassionTestResponse.objects.get()
    questions = [q for p in paging.response_pages(response) for q in p]
    with django_capture_on_commit_callbacks(execute=True):  # scoring runs after commit
        result = services.passion_test_submit(
            response=response, questions=questions, answers=answers_for(questions)
        )
    assert result.submitted
    client.cookies.clear()
    client.force_login(recruiter)
    application = invitation.application
    page = client.get(reverse("hiring:application_detail", args=[application.pk])).content.decode()
    assert "Applied in Spanish: the candidate's pages and emails are in it." in page
    assert '<span id="test-language">in Spanish</span>' in page
    assert ">Dashboard</a>" in page  # the recruiter's own pages stay in English
    profile = client.get(reverse("hiring:application_profile", args=[application.pk]))
    assert '<span id="test-language">in Spanish</span>' in profile.content.decode()


def test_without_a_published_translation_the_items_are_the_english_ones(role, recruiter, client):
    """A version not (yet) published in Spanish is taken in English by a Spanish applicant:
    the page around it is in Spanish, the instrument, and so its language, is English."""
    questionnaire = questionnaire_with_blocks()
    translate(questionnaire, "es", publish=False)  # a draft is never served
    application = ApplicationFactory(role=role, language="es")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    token = services.invitation_token(invitation)
    page = client.get(reverse("passion_test:take", args=[token]), follow=True).content.decode()
    assert "Página 1 de 3" in page
    assert "<bdi>Statement 1.</bdi>" in page
    assert "[es]" not in page
    taken = PassionTestResponse.objects.get()
    assert (taken.language, taken.translation) == ("en", None)


def test_a_submitted_test_keeps_its_language_when_the_candidate_switches(client, token):
    client.get(reverse("passion_test:take", args=[token]), follow=True)
    response = PassionTestResponse.objects.get()
    questions = [q for p in paging.response_pages(response) for q in p]
    services.passion_test_submit(
        response=response, questions=questions, answers=answers_for(questions)
    )
    status_switch = reverse("status:language", args=[services.status_token(response.application)])
    assert client.post(status_switch, {"language": "en"}).status_code == 302
    assert Application.objects.get().language == "en"  # later emails in English...
    response.refresh_from_db()  # ...and the test stays the instrument it was taken as
    assert (response.language, response.translation.language) == ("es", "es")
