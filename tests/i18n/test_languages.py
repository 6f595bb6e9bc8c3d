"""The language a page is in: the browser's Accept-Language for a candidate on first visit,
the switch's choice after that, the staff member's own choice in Settings; the application
remembers the language it was made in. Bad headers and tampered switches fall back safely."""

import pytest
from django.conf import settings
from django.urls import reverse

from candidates.models import Application
from passionhire.models import AuditEntry

pytestmark = pytest.mark.django_db

SPANISH_HERO = "Trabaja con gente a la que le importa"
ENGLISH_HERO = "Work with people who care"


def careers(client, **headers):
    return client.get(reverse("careers:list"), headers=headers)


def test_a_first_visit_is_in_the_language_the_browser_asks_for(client):
    response = careers(client, accept_language="es-ES,es;q=0.9,en;q=0.5")
    page = response.content.decode()
    assert SPANISH_HERO in page
    assert '<html lang="es" dir="ltr"' in page
    assert response["Content-Language"] == "es"
    assert "Accept-Language" in response["Vary"]
    assert "Mostrar puestos" in page  # the filter's button
    assert "Cambiar" in page  # the switch, itself in Spanish


@pytest.mark.parametrize(
    "header",
    [
        "fr-FR,fr;q=0.9",  # a language we don't ship
        "%%%;;q=zz,\x7f",  # garbage
        "xx-" + "a" * 10_000,  # huge
        ",".join(["de"] * 3000) + ",es",  # huge, our language past Django's 500-character cut
        "",
    ],
)
def test_any_other_accept_language_gets_english_and_never_an_error(client, header):
    response = careers(client, accept_language=header)
    assert response.status_code == 200
    page = response.content.decode()
    assert ENGLISH_HERO in page
    assert '<html lang="en" dir="ltr"' in page


def test_the_switch_keeps_the_choice_over_the_browsers(client):
    response = client.post(reverse("language"), {"language": "es", "next": "/careers/?type=x"})
    assert response.status_code == 302
    assert response["Location"] == "/careers/?type=x"
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "es"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert SPANISH_HERO in careers(client, accept_language="en-GB").content.decode()
    client.post(reverse("language"), {"language": "en", "next": "/careers/"})
    assert ENGLISH_HERO in careers(client, accept_language="es").content.decode()


@pytest.mark.parametrize("value", ["xx", "es-ES", "", "ES", "en<script>", "es" * 200])
def test_a_tampered_language_is_refused_and_changes_nothing(client, value):
    response = client.post(reverse("language"), {"language": value, "next": "/careers/"})
    assert response.status_code == 400
    assert "not one we offer" in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert ENGLISH_HERO in careers(client).content.decode()


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_a_next_off_this_site_goes_back_to_the_careers_site(client, next_url):
    response = client.post(reverse("language"), {"language": "es", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("careers:list")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_the_switch_takes_only_a_post(client):
    assert client.get(reverse("language"), {"language": "es"}).status_code == 405


def test_the_switch_checks_the_csrf_token(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("language"), {"language": "es", "next": "/careers/"})
    assert response.status_code == 403


def test_the_switch_is_on_candidate_pages_not_for_signed_in_staff(client, recruiter):
    assert 'id="language-switch"' in careers(client).content.decode()
    client.force_login(recruiter)
    assert 'id="language-switch"' not in careers(client).content.decode()


def test_an_application_remembers_the_language_it_was_made_in(client, open_role, application_form):
    response = client.post(
        reverse("careers:apply", args=[open_role.pk]),
        application_form(),
        headers={"accept-language": "es"},
    )
    assert response.status_code == 302
    assert Application.objects.get().language == "es"


def test_an_application_in_english_by_default(client, open_role, application_form):
    client.post(reverse("careers:apply", args=[open_role.pk]), application_form())
    assert Application.objects.get().language == "en"


def test_apply_form_errors_are_in_the_candidates_language_and_nothing_is_saved(
    client, open_role, application_form
):
    response = client.post(
        reverse("careers:apply", args=[open_role.pk]),
        application_form(name="", phone="12", consent=""),
        headers={"accept-language": "es"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Dinos tu nombre." in page
    assert "No parece un número al que podamos llamar." in page
    assert "Marca la casilla para aceptar" in page
    assert "Revisa 3 cosas más abajo" in page
    assert not Application.objects.exists()


def test_a_staff_member_chooses_their_language_in_settings(client, recruiter):
    client.force_login(recruiter)
    response = client.post(
        reverse("hiring:settings"), {"time_zone": "UTC", "language": "es"}, follow=True
    )
    recruiter.refresh_from_db()
    assert recruiter.language == "es"
    page = response.content.decode()
    assert "Guardado. Las horas se muestran en UTC." in page
    assert '<html lang="es"' in page
    entry = AuditEntry.objects.get(action="user.language")
    assert (entry.before, entry.after) == ({"language": ""}, {"language": "es"})
    # Their choice wins over the browser's, on every page.
    dashboard = client.get(reverse("hiring:dashboard"), headers={"accept-language": "en"})
    assert ">Panel</a>" in dashboard.content.decode()
    # Back to following the browser.
    client.post(reverse("hiring:settings"), {"time_zone": "UTC", "language": ""})
    english = client.get(reverse("hiring:dashboard"), headers={"accept-language": "en"})
    assert ">Dashboard</a>" in english.content.decode()


def test_settings_refuse_a_language_we_dont_ship(client, recruiter):
    client.force_login(recruiter)
    response = client.post(reverse("hiring:settings"), {"time_zone": "UTC", "language": "xx"})
    assert response.status_code == 200
    assert "Choose a language from the list." in response.content.decode()
    recruiter.refresh_from_db()
    assert recruiter.language == ""
    assert not AuditEntry.objects.filter(action="user.language").exists()


def test_the_scripts_words_come_in_the_language_the_url_names(client):
    spanish = client.get(
        reverse("javascript_catalog", args=["es"]), headers={"accept-language": "en"}
    )
    assert spanish.status_code == 200
    assert spanish["Content-Type"].startswith("text/javascript")
    assert "Guardando" in spanish.content.decode()
    english = client.get(
        reverse("javascript_catalog", args=["en"]), headers={"accept-language": "es"}
    )
    assert "Guardando" not in english.content.decode()
    for unshipped in ["fr", "xx", "es-ES", "../es"]:
        assert client.get(f"/jsi18n/{unshipped}/").status_code == 404


def test_the_test_page_loads_the_catalog_of_its_own_language(client, open_role, recruiter):
    from candidates import services
    from tests.factories import ApplicationFactory, questionnaire_with_blocks

    questionnaire_with_blocks()
    application = ApplicationFactory(role=open_role, language="es")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    url = reverse("passion_test:take", args=[services.invitation_token(invitation)])
    page = client.get(url, follow=True, headers={"accept-language": "en"}).content.decode()
    assert f'src="{reverse("javascript_catalog", args=["es"])}"' in page


def test_the_sign_in_page_follows_the_browser_and_has_the_switch(client):
    page = client.get(reverse("login"), headers={"accept-language": "es"}).content.decode()
    assert "Hola de nuevo" in page
    assert "Iniciar sesión" in page
    assert 'id="language-switch"' in page
    assert "Contraseña" in page  # Django's own catalog translates its form's labels


def test_settings_in_spanish_for_a_staff_member_who_chose_it(client, recruiter):
    recruiter.language = "es"
    recruiter.save()
    client.force_login(recruiter)
    page = client.get(reverse("hiring:settings")).content.decode()
    assert "Tus ajustes" in page
    assert "Tu zona horaria" in page
    assert "El que pida mi navegador" in page
    assert 'value="Guardar"' in page
    refused = client.post(
        reverse("hiring:settings"), {"time_zone": "Mars/Olympus", "language": "es"}
    )
    assert "Elige una zona horaria de la lista." in refused.content.decode()
