"""The whole way in real Chromium with a Spanish phone (locale es-ES): the careers site and the
role in Spanish (the role's own Spanish texts), the application, the Passion Test in its
Spanish edition answered to the end, a slot picked; then the recruiter, in English, sees the
application and the answers with the language marked. axe-core on every candidate page."""

import re

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import expect

from candidates.careers.role_languages import role_translation_save
from candidates.models import Application, PassionTestResponse
from candidates.services import status_token
from hiring.fairness.defaults import install_default_questions
from interviews import services as interview_services
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import PASSWORD, RoleFactory, values_interview_offered

pytestmark = pytest.mark.browser

ANSWER_EVERYTHING = """() => {
  const form = document.querySelector('#passion-test');
  const names = new Set([...form.querySelectorAll('input[type=radio]')].map(i => i.name));
  for (const name of names) {
    const radios = [...form.querySelectorAll(`input[type=radio][name="${name}"]`)];
    const at = name.endsWith('-least') ? radios.length - 1 : name.endsWith('-most') ? 0 : 3;
    radios[Math.min(at, radios.length - 1)].checked = true;
  }
  for (const box of form.querySelectorAll('textarea')) {
    box.value = 'Porque el cliente estaba preocupado y quería que se sintiera escuchado.';
  }
}"""


def test_a_spanish_candidate_applies_takes_the_test_and_books_a_slot(
    live_server, browser, screenshot, questionnaire, recruiter, hiring_manager, employee
):
    role = RoleFactory(
        title="Customer Hero",
        team="Care",
        description="Help our customers.",
        hiring_manager=hiring_manager,
        published_at=timezone.now(),
    )
    role_translation_save(
        role=role,
        language="es",
        title="Héroe de atención al cliente",
        description="Ayuda a nuestros clientes cada día.",
        knockouts={},
        saved_by=recruiter,
    )
    phone = browser.new_context(bypass_csp=True, locale="es-ES", **SIZES["phone"])
    page = phone.new_page()
    found = {}
    page.goto(f"{live_server.url}/careers/")
    page.get_by_role("link", name="Héroe de atención al cliente").click()
    expect(page.get_by_text("Ayuda a nuestros clientes cada día.")).to_be_visible()
    found["role"] = axe_problems(page)
    page.get_by_role("link", name="Postúlate ahora").click()
    page.get_by_label("Tu nombre").fill("Lucía Fernández")
    page.get_by_label("Correo electrónico").fill("lucia@example.com")
    page.get_by_label("Teléfono").fill("+34 612 345 678")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Postularme y empezar el Passion Test").click()
    # Straight into the Passion Test, its Spanish edition.
    expect(page.get_by_text(re.compile(r"Página 1 de \d+"))).to_be_visible()
    response = PassionTestResponse.objects.get()
    assert (response.language, response.translation.language) == ("es", "es")
    first = response.questionnaire.questions.filter(is_retired=False).order_by("position").first()
    expect(page.get_by_text(response.translation.text_for(first))).to_be_visible()
    screenshot("i18n-journey-test-es-phone", of=page)
    found["test page 1"] = axe_problems(page)
    pages = 0
    while page.locator("button[name=go][value=next]").count():
        page.evaluate(ANSWER_EVERYTHING)
        page.locator("button[name=go][value=next]").click()
        pages += 1
        expect(page.get_by_text(f"Página {pages + 1} de")).to_be_visible()
    page.evaluate(ANSWER_EVERYTHING)
    screenshot("i18n-journey-test-last-es-phone", of=page)
    page.locator("button[name=go][value=submit]").click()
    expect(page.get_by_role("heading", name="Gracias")).to_be_visible()
    found["thank you"] = axe_problems(page)
    response.refresh_from_db()
    assert response.is_submitted
    assert response.scored_at is not None  # Celery runs eagerly here: scored on submit
    # The recruiter offers two times; she picks the second, in Spanish.
    application = Application.objects.get()
    interview = values_interview_offered(application, recruiter, interviewers=[employee])
    page.goto(f"{live_server.url}/i/{interview_services.slot_link_token(interview)}/")
    page.locator(".ph-slot label").nth(1).click()
    found["slot picker"] = axe_problems(page)
    page.get_by_role("button", name="Reservar este horario").click()
    expect(page.get_by_role("heading", name="Tienes tu cita, Lucía Fernández")).to_be_visible()
    screenshot("i18n-journey-booked-es-phone", of=page)
    found["booked"] = axe_problems(page)
    # The voluntary questions about her, in Spanish, from her status page.
    install_default_questions(apps.get_model)  # a live-server test flushes the tables
    page.goto(f"{live_server.url}/s/{status_token(application)}/")
    page.get_by_role("link", name="Responder o no responder").click()
    expect(page.get_by_role("group", name="¿Cuál es tu género?")).to_be_visible()
    found["about you"] = axe_problems(page)
    page.get_by_label("Prefiero no decirlo").first.check()
    page.get_by_role("button", name="Guardar mis respuestas").click()
    expect(page.get_by_text("Gracias.")).to_be_visible()
    zone = page.locator(".ph-tz-name").first.evaluate("el => el.textContent")
    assert zone == zone.strip()  # "(UTC)", not "(UTC )"
    screenshot("i18n-journey-about-you-es-phone", of=page)
    phone.close()
    assert {name: problems for name, problems in found.items() if problems} == {}

    # The recruiter, in English: the language is marked, the answers are there.
    desk = browser.new_context(bypass_csp=True, locale="en-GB", **SIZES["desktop"])
    staff = desk.new_page()
    staff.goto(f"{live_server.url}/accounts/login/")
    staff.locator("#id_username").fill(recruiter.username)
    staff.locator("#id_password").fill(PASSWORD)
    staff.locator("main button[type=submit]").click()
    staff.goto(f"{live_server.url}/applications/{application.pk}/")
    expect(staff.locator("#application-language")).to_contain_text("Applied in Spanish")
    expect(staff.locator("#test-language")).to_have_text("in Spanish")
    expect(staff.get_by_text("Porque el cliente estaba preocupado").first).to_be_visible()
    # What the candidate's Spanish pages recorded stays in English, like every record.
    expect(staff.get_by_text("Values interview booked for")).to_be_visible()
    screenshot("i18n-journey-recruiter-en-desktop", of=staff)
    desk.close()
