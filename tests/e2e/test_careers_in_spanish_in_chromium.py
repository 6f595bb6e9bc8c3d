"""The careers site in real Chromium with a Spanish browser (locale es-ES): the pages come in
Spanish, the application is made in Spanish and remembered so, the switch goes back to
English; axe-core finds no serious or critical problem in either language, on a phone and a
desktop."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import Application
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import RoleFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", list(SIZES))
def test_a_spanish_browser_applies_in_spanish_and_can_switch(
    live_server, browser, screenshot, size
):
    role = RoleFactory(
        title="Customer Success Manager",
        team="Customer Success",
        location="Madrid",
        workplace="hybrid",
        description="Ayuda a nuestros clientes.",
        pay_min=32000,
        pay_max=38000,
        pay_currency="EUR",
        published_at=timezone.now(),
    )
    role.knockout_questions.create(text="Can you work weekends?", disqualifying_answer="no")
    context = browser.new_context(bypass_csp=True, locale="es-ES", **SIZES[size])
    page = context.new_page()
    found = {}
    page.goto(f"{live_server.url}/careers/")
    hero = page.get_by_role("heading", name="Trabaja con gente a la que le importa")
    expect(hero).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_text("1 puesto abierto")).to_be_visible()
    screenshot(f"i18n-careers-es-{size}", of=page)
    found["careers"] = axe_problems(page)
    page.get_by_role("link", name="Customer Success Manager").click()
    expect(page.get_by_role("link", name="Postúlate ahora")).to_be_visible()
    expect(page.get_by_text("Híbrido")).to_be_visible()
    found["role"] = axe_problems(page)
    page.get_by_role("link", name="Postúlate ahora").click()
    expect(page.get_by_role("heading", name="Postúlate a Customer Success Manager")).to_be_visible()
    page.get_by_role("button", name="Postularme y empezar el Passion Test").click()
    expect(page.get_by_text("Dinos tu nombre.").first).to_be_visible()
    screenshot(f"i18n-apply-errors-es-{size}", of=page)
    found["apply with errors"] = axe_problems(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["viewport"]["width"]
    page.get_by_label("Tu nombre").fill("Ada Lovelace")
    page.get_by_label("Correo electrónico").fill("ada@example.com")
    page.get_by_label("Teléfono").fill("+34 612 345 678")
    page.locator("label", has_text="Sí").first.click()
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Postularme y empezar el Passion Test").click()
    expect(page.locator("h1")).to_be_visible()
    assert Application.objects.get().language == "es"
    # The switch, in the navigation bar: back to English, on the page it was used on.
    page.goto(f"{live_server.url}/careers/")
    page.get_by_label("Idioma").select_option("en")
    page.get_by_role("button", name="Cambiar").click()
    expect(page.get_by_role("heading", name="Work with people who care")).to_be_visible()
    assert page.url == f"{live_server.url}/careers/"
    screenshot(f"i18n-careers-switched-en-{size}", of=page)
    found["careers after the switch"] = axe_problems(page)
    context.close()
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_test_status_and_slot_pages_in_spanish(
    live_server, browser, screenshot, role, recruiter, questionnaire, size
):
    """A candidate who applied in Spanish opens her links on a browser set to English: the
    Passion Test, the status page and the slot picker are in Spanish; the switch on the test
    page changes the language and keeps her place."""

    from candidates import services
    from candidates.services import status_token
    from interviews import services as interview_services
    from tests.factories import (
        ApplicationFactory,
        questionnaire_with_blocks,
        values_interview_offered,
    )

    questionnaire_with_blocks()
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace", language="es")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    interview = values_interview_offered(application, recruiter)
    context = browser.new_context(bypass_csp=True, locale="en-GB", **SIZES[size])
    page = context.new_page()
    found = {}
    page.goto(f"{live_server.url}/t/{services.invitation_token(invitation)}/")
    expect(page.get_by_text("Página 1 de 3")).to_be_visible()
    expect(page.get_by_text("Totalmente de acuerdo").first).to_be_attached()
    expect(page.locator("#save-state")).to_have_text("Las respuestas se guardan sobre la marcha")
    screenshot(f"i18n-test-es-{size}", of=page)
    found["test page"] = axe_problems(page)
    page.get_by_role("button", name="Página siguiente").click()  # nothing answered
    expect(page.locator("#form-errors")).to_contain_text("aún les falta una respuesta")
    found["test page with errors"] = axe_problems(page)
    page.goto(f"{live_server.url}/s/{status_token(application)}/")
    expect(page.get_by_role("heading", name="Hola, Ada Lovelace")).to_be_visible()
    screenshot(f"i18n-status-es-{size}", of=page)
    found["status page"] = axe_problems(page)
    page.goto(f"{live_server.url}/i/{interview_services.slot_link_token(interview)}/")
    expect(page.get_by_role("button", name="Reservar este horario")).to_be_visible()
    expect(page.locator(".ph-tz-name")).to_contain_text("(tu zona horaria)")
    screenshot(f"i18n-slots-es-{size}", of=page)
    found["slot picker"] = axe_problems(page)
    # The switch on the slot picker: English, on the same page, remembered for her emails.
    page.get_by_label("Idioma").select_option("en")
    page.get_by_role("button", name="Cambiar").click()
    expect(page.get_by_role("button", name="Book this time")).to_be_visible()
    application.refresh_from_db()
    assert application.language == "en"
    context.close()
    assert {name: problems for name, problems in found.items() if problems} == {}
