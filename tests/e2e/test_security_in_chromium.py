"""The Content-Security-Policy holds in a real browser, and the lockout page reads well."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def expected_errors():
    # The script this test plants on purpose, refused by the policy (console and CSP event),
    # and the 429 of the locked log-in.
    return [r"inline script", r"script-src(-elem)? blocked inline", r"429"]


def test_an_injected_inline_script_is_refused_by_the_policy(watched_page, live_server, recruiter):
    page = watched_page
    log_in(page, live_server, "rita")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    response = page.request.get(f"{live_server.url}/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    with page.expect_event("console", lambda m: "inline script" in m.text):
        page.evaluate(
            "() => { const s = document.createElement('script');"
            " s.textContent = 'window.pwned = true'; document.body.appendChild(s); }"
        )
    assert page.evaluate("() => window.pwned === undefined")


def test_a_locked_account_gets_a_clear_page(
    watched_page, live_server, recruiter, settings, screenshot
):
    settings.LOGIN_FAILURE_LIMIT = 2
    page = watched_page
    page.goto(f"{live_server.url}/accounts/login/")
    for _ in range(2):
        page.get_by_label("Username").fill("rita")
        page.get_by_label("Password").fill("not-her-password")
        page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Too many failed log-ins")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Try again in 15 minutes"))).to_be_visible()
    screenshot("locked-out")
