"""Webhooks in real Chromium: a recruiter registers an endpoint (a real receiver on this
machine), copies the signing secret shown once, a candidate is added, and the delivery log shows
it delivered — the receiver verified its signature with the secret from the page. At desktop
and phone width, with no serious accessibility problem and nothing against the CSP."""

import pytest
from playwright.sync_api import Page, expect

from candidates import services
from tests.e2e.conftest import axe_problems_at, log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_a_recruiter_registers_an_endpoint_and_sees_a_signed_delivery(
    live_server, watched_page: Page, browser, screenshot, recruiter, role, receiver, width
):
    page = watched_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, recruiter.username)
    page.goto(f"{live_server.url}/settings/")
    screenshot(f"settings-links-{width}", of=page)
    page.get_by_role("link", name="Webhooks").first.click()
    screenshot(f"webhooks-list-empty-{width}", of=page)
    page.get_by_role("link", name="Register an endpoint").click()
    page.get_by_label("Endpoint URL").fill(receiver.url)
    page.get_by_label("Description").fill("HR system")
    page.get_by_label("Application created").check()
    screenshot(f"webhook-new-{width}", of=page)
    assert axe_problems_at(browser, page) == []
    page.get_by_role("button", name="Register").click()
    receiver.secret = page.get_by_label("Signing secret").input_value()
    assert receiver.secret.startswith("whsec_")
    screenshot(f"webhook-secret-{width}", of=page)

    added = services.candidate_add_to_role(
        added_by=recruiter, role=role, name="Ada Lovelace", email="ada@example.com"
    )
    page.get_by_role("link", name="Done").click()
    expect(page.get_by_text("Delivered")).to_be_visible()
    screenshot(f"webhook-deliveries-{width}", of=page)
    page.get_by_role("link", name="Webhooks").first.click()
    screenshot(f"webhooks-list-{width}", of=page)
    page.go_back()
    assert axe_problems_at(browser, page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    [got] = receiver.received
    assert got.verified
    assert got.payload["type"] == "application.created"
    assert got.payload["data"]["application_id"] == added.application.pk
    assert "Ada" not in str(got.payload)
