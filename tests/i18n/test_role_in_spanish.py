"""A role's careers page in another language: a recruiter writes its title, description and
knock-out questions in Spanish; candidates reading Spanish see them (the English where a text
is left empty); an edit to the English clears its translation."""

import pytest
from django.urls import reverse

from candidates import services
from candidates.models import KnockoutQuestion, Role
from passionhire.models import AuditEntry

pytestmark = pytest.mark.django_db


def url(role, language="es"):
    return reverse("applying:role_translation", args=[role.pk, language])


def spanish(open_role) -> dict:
    weekends, visa = open_role.knockout_questions.order_by("position")
    return {
        "title": "Héroe de atención al cliente",
        "description": "Ayudas a **personas** cada día.",
        f"knockout_{weekends.pk}": "¿Puedes trabajar los fines de semana?",
        f"knockout_{visa.pk}": "",  # left in English
    }


def test_candidates_reading_spanish_see_the_roles_spanish_texts(client, recruiter, open_role):
    client.force_login(recruiter)
    detail = client.get(reverse("hiring:role_detail", args=[open_role.pk])).content.decode()
    assert f'href="{url(open_role)}"' in detail  # the role's page links its Spanish texts
    assert client.get(url(open_role)).status_code == 200
    saved = client.post(url(open_role), spanish(open_role))
    assert saved.status_code == 302
    assert AuditEntry.objects.filter(action="role.translation").count() == 1
    client.logout()
    es = {"accept-language": "es"}
    listing = client.get(reverse("careers:list"), headers=es).content.decode()
    assert "Héroe de atención al cliente" in listing
    page = client.get(reverse("careers:role", args=[open_role.pk]), headers=es).content.decode()
    assert "Ayudas a <strong>personas</strong> cada día." in page
    form = client.get(reverse("careers:apply", args=[open_role.pk]), headers=es).content.decode()
    assert "¿Puedes trabajar los fines de semana?" in form
    assert "Do you need a visa sponsor?" in form  # no Spanish written: the English
    english = client.get(
        reverse("careers:role", args=[open_role.pk]), headers={"accept-language": "en"}
    )
    assert "Customer Hero" in english.content.decode()
    assert "Héroe" not in english.content.decode()


def test_editing_the_english_title_clears_its_translation_only(client, recruiter, open_role):
    client.force_login(recruiter)
    client.post(url(open_role), spanish(open_role))
    services.role_update(role=open_role, updated_by=recruiter, title="Customer Champion")
    role = Role.objects.get(pk=open_role.pk)
    assert role.translations == {"es": {"description": "Ayudas a **personas** cada día."}}


@pytest.mark.parametrize("language", ["en", "xx", "fr"])
def test_a_language_we_do_not_offer_is_a_404(client, recruiter, open_role, language):
    client.force_login(recruiter)
    assert client.post(url(open_role, language), spanish(open_role)).status_code == 404
    assert Role.objects.get(pk=open_role.pk).translations == {}


def test_a_title_on_two_lines_is_a_form_error_and_saves_nothing(client, recruiter, open_role):
    client.force_login(recruiter)
    data = spanish(open_role) | {"title": "Héroe\nde atención"}
    response = client.post(url(open_role), data)
    assert response.status_code == 422
    assert "Use a single line" in response.content.decode()
    assert Role.objects.get(pk=open_role.pk).translations == {}
    assert not KnockoutQuestion.objects.exclude(translations={}).exists()
