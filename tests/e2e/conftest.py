"""Browser-test helpers: a page that fails on console errors and broken requests, and log-in."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD


@pytest.fixture
def expected_errors() -> list[str]:
    """Regexes of errors a test provokes on purpose (a form sent back with 422), which
    `watched_page` then lets through."""
    return []


@pytest.fixture
def watched_page(page: Page, expected_errors):
    """The page, failing the test on any console error, any failed request for our assets and
    any Content-Security-Policy violation (reported by the browser's own event, on every page
    the test visits)."""
    problems = []
    page.expose_function("__cspViolation", lambda text: problems.append(f"CSP: {text}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`));"
    )
    page.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    page.on(
        "response",
        lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"),
    )
    yield page
    assert [p for p in problems if not any(re.search(e, p) for e in expected_errors)] == []


def log_in(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def axe_problems_at(browser, page: Page) -> list[dict]:
    """axe's serious and critical violations on the page `page` shows now, read again in a
    context of its own with the same cookies (axe injects a script the page's CSP rightly
    refuses) at the same viewport."""
    from tests.e2e.test_candidate_pages_accessibility_in_chromium import axe_problems

    checker = browser.new_context(bypass_csp=True, viewport=page.viewport_size)
    try:
        checker.add_cookies(page.context.cookies())
        other = checker.new_page()
        other.goto(page.url)
        return axe_problems(other)
    finally:
        checker.close()
