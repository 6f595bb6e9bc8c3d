"""The organisation's email wordings per language: a Spanish version of a wording is what a
candidate who applied in Spanish gets; without one, PassionHire's own Spanish words; a picked
wording is followed into the candidate's language; English candidates are unaffected."""

import pytest
from django.urls import reverse

from hiring.services.email_templates import email_template_delete, email_template_save
from passionhire.mail_kinds import KINDS
from passionhire.mailtemplates import words_for
from passionhire.models import EmailTemplate

pytestmark = pytest.mark.django_db

SPANISH = "Hola {{ first_name }}:\n\nGracias por postularte a {{ role_title }}. Lo sentimos.\n"
ENGLISH = (
    "Hi {{ first_name }},\n\nThank you for applying for {{ role_title }}. We chose someone else.\n"
)


def url(kind="rejection", language="es", pk=None):
    name = "hiring:email_template_wording" if pk else "hiring:email_template_edit"
    args = [kind, pk] if pk else [kind]
    return f"{reverse(name, args=args)}?language={language}"


def test_a_spanish_version_of_the_default_goes_to_spanish_candidates_only(client, recruiter):
    rejection = KINDS["rejection"]
    builtin_spanish = words_for(rejection, None, "es")
    client.force_login(recruiter)
    page = client.get(url()).content.decode()
    assert "Not written in this language yet" in page
    assert builtin_spanish[0] in page  # PassionHire's own Spanish, to start from
    data = {"subject": "Tu candidatura a {{ role_title }}", "body": SPANISH, "action": "save"}
    assert client.post(url(), data).status_code == 302
    assert words_for(rejection, None, "es") == ("Tu candidatura a {{ role_title }}", SPANISH)
    assert words_for(rejection, None, "en") == rejection.default  # English untouched
    listing = client.get(reverse("hiring:email_templates")).content.decode()
    assert "Spanish</a> (your words)" in listing
    # Back to the built-in Spanish when the version goes.
    email_template_delete(template=EmailTemplate.objects.get(language="es"), actor=recruiter)
    assert words_for(rejection, None, "es") == builtin_spanish


def test_a_picked_wording_is_followed_into_the_candidates_language(client, recruiter):
    rejection = KINDS["rejection"]
    warm = email_template_save(
        kind="rejection",
        subject="After the interviews",
        body=ENGLISH,
        name="Warm",
        actor=recruiter,
    )
    standard_es = email_template_save(
        kind="rejection", subject="Tu candidatura", body=SPANISH, actor=recruiter, language="es"
    )
    # No Spanish "Warm" yet: a Spanish candidate gets the Spanish standard.
    assert words_for(rejection, warm.pk, "es") == (standard_es.subject, standard_es.body)
    client.force_login(recruiter)
    page = client.get(url(pk=warm.pk)).content.decode()
    assert "After the interviews" in page  # starts from the English version
    data = {"subject": "Después de las entrevistas", "body": SPANISH, "action": "save"}
    assert client.post(url(pk=warm.pk), data).status_code == 302
    version = EmailTemplate.objects.get(name="Warm", language="es")
    assert words_for(rejection, warm.pk, "es") == ("Después de las entrevistas", SPANISH)
    assert words_for(rejection, warm.pk, "en") == ("After the interviews", ENGLISH)
    # Pickers list each wording once, by its English name.
    from hiring.selectors.email_templates import bulk_wordings, wordings_of

    assert [name for _pk, name in wordings_of("rejection")] == ["Standard", "Warm"]
    assert [name for _pk, name in bulk_wordings()["rejection"]] == ["Standard", "Warm"]
    # Deleting the English wording deletes its versions.
    email_template_delete(template=warm, actor=recruiter)
    assert not EmailTemplate.objects.filter(pk=version.pk).exists()


@pytest.mark.parametrize("language", ["fr", "xx", ""])
def test_a_language_we_do_not_offer_is_a_404_and_saves_nothing(client, recruiter, language):
    client.force_login(recruiter)
    data = {"subject": "S", "body": SPANISH, "action": "save"}
    assert client.post(url(language=language), data).status_code == 404
    assert not EmailTemplate.objects.exists()


def test_a_spanish_version_keeps_to_the_kinds_placeholders(client, recruiter):
    client.force_login(recruiter)
    data = {"subject": "Tu candidatura", "body": "Hola {{ nombre }}:\n", "action": "save"}
    response = client.post(url(), data)
    assert response.status_code == 200
    assert "is not a placeholder of this email" in response.content.decode()
    assert not EmailTemplate.objects.exists()


def test_a_new_wording_starts_in_english(client, recruiter):
    client.force_login(recruiter)
    new = reverse("hiring:email_template_new", args=["rejection"])
    assert client.get(f"{new}?language=es").status_code == 404
