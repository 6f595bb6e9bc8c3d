"""Layouts that hold: one 150-character name and email without a space do not push the
pipeline's or the shortlist's columns off a desktop or phone screen."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser

LONG = "Maximiliana" * 13 + "Maxi"  # 147 letters, no space anywhere


@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_unbroken_name_wraps_inside_its_cell(
    browser, live_server, role, recruiter, screenshot, width
):
    ApplicationFactory(role=role, candidate__name=LONG, candidate__email=f"{LONG[:60]}@example.com")
    ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server, recruiter.username)
    for path in (f"/roles/{role.pk}/", f"/roles/{role.pk}/shortlist/"):
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_text("Ada Lovelace").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        if width >= 1200:  # every column fits its card: no sideways scrolling in a table
            overflowing = page.evaluate(
                "[...document.querySelectorAll('.table-responsive')]"
                ".filter(t => t.scrollWidth > t.clientWidth + 1).length"
            )
            assert overflowing == 0, path
        # The name is all there, for reading and hovering.
        assert page.locator(f"[title='{LONG}']").count() >= 1
    screenshot(f"long-name-shortlist-{width}", of=page)
    context.close()
