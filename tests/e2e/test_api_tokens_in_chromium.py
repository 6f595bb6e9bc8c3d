"""API tokens in real Chromium: a recruiter makes one on Settings, sees it once, an outside
system calls the API with it, the recruiter revokes it and the next call is refused. At desktop
and phone width, with no serious accessibility problem and nothing against the CSP."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import axe_problems_at, log_in
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_a_recruiter_makes_uses_and_revokes_a_token(
    live_server, watched_page: Page, browser, playwright, screenshot, recruiter, role, width
):
    ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    page = watched_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, recruiter.username)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", name="API tokens", exact=True)).to_be_visible()
    page.get_by_label("Name").fill("HR system sync")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Make token").click()
    secret = page.get_by_label("New token").input_value()
    assert secret.startswith("ph_")
    screenshot(f"api-token-made-{width}", of=page)
    assert axe_problems_at(browser, page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    outside = playwright.request.new_context(
        base_url=live_server.url, extra_http_headers={"Authorization": f"Bearer {secret}"}
    )
    listed = outside.get("/api/v1/applications/")
    assert listed.status == 200
    assert [a["candidate"]["name"] for a in listed.json()["results"]] == ["Ada Lovelace"]

    page.reload()
    assert secret not in page.content()  # shown once; the reload made no second token
    expect(page.get_by_role("button", name="Revoke HR system sync")).to_have_count(1)
    page.get_by_role("button", name="Revoke HR system sync").click()
    expect(page.get_by_text("Revoked “HR system sync”.")).to_be_visible()
    screenshot(f"api-token-revoked-{width}", of=page)
    refused = outside.get("/api/v1/applications/")
    assert refused.status == 401
    assert refused.json()["detail"] == "The token was revoked."
    outside.dispose()
