"""“Share a role” in real Chromium on a phone: the employee copies their personal link (the
clipboard holds exactly it), the QR code loads, the share button appears only where the
browser has a share sheet, and nothing breaks the Content-Security-Policy."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from candidates.referrals.share import share_url
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import axe_problems

pytestmark = pytest.mark.browser


def test_an_employee_copies_their_link_and_sees_its_qr_code(
    live_server, watched_page: Page, browser, screenshot, settings, role, employee
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SITE_URL": live_server.url}
    role.published_at = timezone.now()
    role.save(update_fields=["published_at"])
    page = watched_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "emma")
    page.get_by_role("button", name="Toggle navigation").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Share a role").click()
    expect(page.get_by_role("heading", name="Share a role")).to_be_visible()

    link = page.get_by_label(f"Your link to “{role.title}”")
    expected = share_url(user=employee, role=role)
    expect(link).to_have_value(expected)
    qr = page.get_by_role("img", name=re.compile("QR code of your link"))
    qr.scroll_into_view_if_needed()
    expect(qr).to_be_visible()
    # Visible comes before loaded: wait (up to 5 s) for the image itself to have arrived.
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=qr.element_handle(), timeout=5000
    )

    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Copied. Paste it wherever you like.")).to_be_visible()
    assert page.evaluate("() => navigator.clipboard.readText()") == expected
    has_share_sheet = page.evaluate("() => typeof navigator.share === 'function'")
    share = page.locator("[data-ph-share]")
    expect(share).to_be_visible() if has_share_sheet else expect(share).to_be_hidden()
    screenshot("share-a-role-phone")

    # The role's careers page offers the same link.
    page.goto(f"{live_server.url}/careers/{role.pk}/")
    expect(page.get_by_role("heading", name="Share this role")).to_be_visible()
    expect(page.get_by_label(f"Your link to “{role.title}”")).to_have_value(expected)

    # axe is injected, so it runs in a context that bypasses the CSP (checked above).
    context = browser.new_context(
        bypass_csp=True, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    axe_page = context.new_page()
    log_in(axe_page, live_server, "emma")
    for url in ("/referrals/share/", f"/careers/{role.pk}/"):
        axe_page.goto(live_server.url + url)
        assert axe_problems(axe_page) == [], url
    context.close()
