"""A language's name inside a sentence is written as the reader's language writes it: Spanish
says "Candidatura en inglés", English "Applied in Spanish"; menus keep Django's capitals."""

import pytest
from django.urls import reverse
from django.utils import translation

from passionhire.language_names import in_sentence, language_in_sentence
from tests.factories import ApplicationFactory


@pytest.mark.parametrize(
    ("reader", "code", "expected"),
    [
        ("es", "en", "inglés"),
        ("es", "ar", "árabe"),
        ("en", "es", "Spanish"),
        ("ar", "es", "الإسبانيّة"),
    ],
)
def test_a_language_is_named_mid_sentence_the_readers_way(reader, code, expected):
    with translation.override(reader):
        assert language_in_sentence(code) == expected


def test_an_empty_name_stays_empty():
    with translation.override("es"):
        assert in_sentence("") == ""


def test_a_spanish_recruiter_reads_which_language_a_candidate_applied_in(client, recruiter, role):
    application = ApplicationFactory(role=role, language="en")
    recruiter.language = "es"
    recruiter.save()
    client.force_login(recruiter)
    page = client.get(reverse("hiring:application_detail", args=[application.pk])).content
    assert "Candidatura en inglés:" in page.decode()
    assert "en Inglés" not in page.decode()


def test_the_spanish_bank_page_offers_its_translations_in_lower_case(client, recruiter):
    recruiter.language = "es"
    recruiter.save()
    client.force_login(recruiter)
    page = client.get(reverse("interviews:bank")).content.decode()
    assert "En árabe" in page
    assert "En Árabe" not in page
