"""A recruiter who chose Spanish in Settings, in real Chromium: the staff pages are in Spanish,
and none scrolls sideways from a phone to a wide screen (the menu's Spanish words are longer:
it was 91 px wider than the window at 1200 px before it learnt to fit)."""

import pytest
from playwright.sync_api import expect

from candidates.careers.role_languages import role_translation_save
from tests.e2e.conftest import log_in
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser

WIDTHS = (390, 1200, 1280, 1366, 1440, 1920)


def test_a_spanish_recruiters_pages_fit_every_width(
    live_server, page, recruiter, role, questionnaire, question_bank, screenshot
):
    recruiter.language = "es"
    recruiter.save()
    ApplicationFactory(role=role, candidate__name="Lucía Fernández")
    role_translation_save(
        role=role,
        language="es",
        title="Responsable de éxito del cliente",
        description="Ayuda a nuestros clientes.",
        knockouts={},
        saved_by=recruiter,
    )
    log_in(page, live_server, recruiter.username)
    pages = {
        "dashboard": "/",
        "role": f"/roles/{role.pk}/",
        "shortlist": f"/roles/{role.pk}/shortlist/",
        "board": f"/roles/{role.pk}/board/",
        "test-in-spanish": f"/passion-test/v{questionnaire.version}/translations/es/",
        "role-in-spanish": f"/roles/{role.pk}/in/es/",
        "emails": "/emails/",
        "bank": "/interview-questions/",
        "questionnaire": "/passion-test/",
    }
    wide = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            page.goto(f"{live_server.url}{path}")
            expect(page.locator("html")).to_have_attribute("lang", "es")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wide[f"{name} at {width}"] = scroll
            if width in (390, 1280):
                screenshot(f"i18n-staff-{name}-es-{width}")
    assert wide == {}
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Candidatos")).to_be_visible()
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()  # its icon, named
