"""Funnel and speed in real Chromium, on the demo's past intake: a recruiter reaches the page
from the navigation and sees every figure drawn as a chart with its table (axe-core clean),
at desktop and phone width; a hiring manager sees only their roles, narrows the page to one,
and downloads the CSV."""

import csv
import io

import pytest
from django.apps import apps
from playwright.sync_api import expect

from hiring.demo_analytics import seed_analytics_demo
from hiring.demo_fairness import INTAKE_TITLE, seed_fairness_history
from hiring.fairness.defaults import install_default_questions
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import RoleFactory

pytestmark = pytest.mark.browser

FIGURES = (
    "Applicants by source",
    "Pass-through rate per stage",
    "Time in each stage",
    "Time to hire",
    "Offer acceptance",
    "Passion Test completion and drop-off per page",
)


@pytest.fixture
def intake(db, hiring_manager, recruiter, questionnaire):
    install_default_questions(apps.get_model)  # a live-server test flushes the tables
    seed_fairness_history(hiring_manager=hiring_manager, recruiter=recruiter)
    seed_analytics_demo()
    RoleFactory(title="Someone Else's Role")  # another manager's


def _charts_drawn(page) -> int:
    return page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".filter(c => Chart.getChart(c) && c.height > 0).length"
    )


def _elsewhere(page, live_server, path: str, size: str = "phone"):
    """The same session in another context: a phone, or one where axe-core may run (its
    script is inline, which the site's Content-Security-Policy refuses)."""
    phone = page.context.browser.new_context(bypass_csp=True, **SIZES[size])
    small = phone.new_page()
    small.context.add_cookies(page.context.cookies())
    small.goto(f"{live_server.url}{path}")
    return phone, small


def test_a_recruiter_opens_the_funnel_from_the_navigation(
    live_server, page, recruiter, intake, screenshot
):
    log_in(page, live_server, recruiter.username)
    page.get_by_role("link", name="Analytics").click()
    expect(page.get_by_role("heading", name="Funnel and speed")).to_be_visible()
    for title in FIGURES:
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
        expect(page.get_by_role("table", name=title)).to_be_visible()
    assert _charts_drawn(page) == len(FIGURES)
    source = page.get_by_role("table", name="Applicants by source")
    expect(source).to_contain_text("Careers page: spring-linkedin")
    screenshot("analytics-recruiter-desktop")
    for width in (1200, 1280, 1440, 1600, 1920):  # the recruiter's ten menu items fit
        page.set_viewport_size({"width": width, "height": 900})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
    desktop, checked = _elsewhere(page, live_server, "/analytics/", "desktop")
    assert axe_problems(checked) == []
    desktop.close()
    phone, small = _elsewhere(page, live_server, "/analytics/")
    expect(small.get_by_role("heading", name="Time to hire")).to_be_visible()
    assert _charts_drawn(small) == len(FIGURES)
    assert small.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways
    assert axe_problems(small) == []
    screenshot("analytics-recruiter-phone", of=small)
    phone.close()


def test_a_hiring_manager_sees_their_roles_narrows_to_one_and_downloads_the_csv(
    live_server, page, hiring_manager, intake, screenshot
):
    log_in(page, live_server, hiring_manager.username)
    page.get_by_role("link", name="Analytics").click()
    role = page.get_by_label("Role")
    expect(role).to_contain_text("All my roles")
    expect(role).not_to_contain_text("Someone Else's Role")
    role.select_option(label=f"{INTAKE_TITLE} (Customer Support)")
    page.get_by_label("Applied from").fill("2020-01-01")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("table", name="Time to hire")).to_contain_text(INTAKE_TITLE)
    assert _charts_drawn(page) == len(FIGURES)
    screenshot("analytics-manager-desktop")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    assert rows[0] == ["Figure", "Row", "Measure", "Value"]
    assert any(row[:3] == ["Time to hire", INTAKE_TITLE, "Median"] for row in rows)
    phone, small = _elsewhere(page, live_server, page.url.removeprefix(live_server.url))
    expect(small.get_by_role("heading", name="Offer acceptance")).to_be_visible()
    screenshot("analytics-manager-phone", of=small)
    phone.close()


def test_a_reversed_range_is_explained_on_the_page(live_server, page, recruiter, intake):
    log_in(page, live_server, recruiter.username)
    query = "?date_from=2026-06-01&date_to=2026-01-01"
    context, checked = _elsewhere(page, live_server, f"/analytics/{query}", "desktop")
    expect(checked.get_by_role("alert")).to_contain_text("The range ends before it starts")
    assert axe_problems(checked) == []
    context.close()
