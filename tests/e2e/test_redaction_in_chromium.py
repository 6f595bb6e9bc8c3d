"""What each viewer may know, in real Chromium: a hiring manager on an interview sees that
candidate apart and unranked; under blind review they read no name on the shortlist or the
interview page and cannot switch it off; a recruiter reads the role's history."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in
from tests.factories import held_interview
from tests.shortlist.conftest import ADA, ALAN, GRACE, scored

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(role):
    return (
        scored(role, "Ada Lovelace", ADA, stage="interviews"),
        scored(role, "Grace Hopper", GRACE, stage="team_meet"),
        scored(role, "Alan Turing", ALAN, stage="passion_test"),
    )


def test_a_hiring_manager_on_an_interview_sees_that_candidate_apart_and_unranked(
    live_server, watched_page: Page, screenshot, role, recruiter, hiring_manager, cast
):
    ada, *_ = cast
    interview = held_interview(application=ada, interviewers=[hiring_manager], created_by=recruiter)
    page = watched_page
    page.set_viewport_size({"width": 1440, "height": 1000})
    log_in(page, live_server, "hugo")
    page.goto(f"{live_server.url}/roles/{role.pk}/shortlist/")
    expect(page.get_by_text("2 candidates in the pipeline")).to_be_visible()
    held = page.get_by_role("region", name="1 not ranked for you yet")
    expect(held.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    ranked = page.locator("table.ph-shortlist")
    expect(ranked.get_by_role("link", name="Ada Lovelace")).to_have_count(0)
    screenshot("redaction-held-back")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("redaction-held-back-phone")

    # Blind review: the hiring manager turns it on, and cannot turn it off again.
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.get_by_role("button", name="Blind review off").click()
    expect(page.get_by_text("Blind review is on")).to_be_visible()
    expect(page.get_by_role("button", name="Blind review on")).to_have_count(0)
    expect(page.get_by_text("Ada Lovelace")).to_have_count(0)
    screenshot("redaction-blind-manager")
    page.goto(f"{live_server.url}/interviews/{interview.pk}/")
    expect(page.get_by_role("heading", name=f"with Candidate #{ada.pk}")).to_be_visible()
    expect(page.get_by_text("Lovelace")).to_have_count(0)
    screenshot("redaction-blind-interview")


def test_a_recruiter_reads_a_roles_history(
    live_server, watched_page: Page, screenshot, role, recruiter, cast
):
    page = watched_page
    page.set_viewport_size({"width": 1440, "height": 1000})
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/roles/{role.pk}/weights/")
    page.get_by_label("Empathy").fill("9")
    page.get_by_role("button", name="Save").click()
    page.goto(f"{live_server.url}/roles/{role.pk}/history/")
    expect(page.get_by_text("role.weights").or_(page.get_by_text("Weights"))).not_to_have_count(0)
    expect(page.get_by_text("9")).not_to_have_count(0)
    screenshot("redaction-role-history")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("redaction-role-history-phone")


@pytest.mark.parametrize("width", [1366, 1440, 1536])
def test_the_recruiters_menu_fits_without_a_horizontal_scroll(
    live_server, watched_page: Page, role, recruiter, width
):
    page = watched_page
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "rita")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
