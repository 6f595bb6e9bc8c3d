"""In real Chromium: a recruiter mentions the role's hiring manager in a note; the hiring
manager sees the bell's count, opens the candidate from it and reads the note. axe-core finds
no serious or critical problem on the candidate's page with notes and on the notifications
page, at desktop size and on a 390 px phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import ApplicationFactory, CandidateFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def expected_errors():
    # The refused mention comes back as the form with its error (422), and the browser logs it.
    return [r"422", r"Unprocessable"]


def test_a_mention_reaches_the_hiring_manager_through_the_bell(
    live_server, watched_page: Page, browser, screenshot, role, recruiter, hiring_manager
):
    candidate = CandidateFactory(name="Zoe Quill", email="zoe.quill@example.com")
    application = ApplicationFactory(role=role, candidate=candidate)
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    # A mention of someone who may not see the candidate is refused, the text kept.
    note = page.get_by_label("Add a note")
    note.fill("@nobody_here thoughts?")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Nobody here has the username @nobody_here.")).to_be_visible()
    expect(page.get_by_label("Add a note")).to_have_value("@nobody_here thoughts?")
    page.get_by_label("Add a note").fill("@hugo warm and precise on the refund story")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Your note is saved.")).to_be_visible()
    expect(page.locator("#notes").get_by_text("warm and precise")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    log_in(page, live_server, "hugo")
    bell = page.locator("#notification-bell")
    expect(bell.locator("#notification-count")).to_have_text("1")
    expect(bell).to_have_accessible_name("Notifications, 1 unread")
    bell.click()
    expect(page.get_by_role("heading", name="Notifications", exact=True)).to_be_visible()
    page.get_by_role("link", name="mentioned you in a note").click()
    expect(page).to_have_url(f"{live_server.url}/applications/{application.pk}/#notes")
    expect(page.locator("#notes").get_by_text("warm and precise")).to_be_visible()
    expect(page.locator("#notes").get_by_text("Rita Recruiter")).to_be_visible()
    expect(page.locator("#notification-count")).to_have_count(0)

    for size in ("desktop", "phone"):
        context = browser.new_context(bypass_csp=True, **SIZES[size])
        checked = context.new_page()
        log_in(checked, live_server, "hugo")
        found = {}
        checked.goto(f"{live_server.url}/applications/{application.pk}/")
        screenshot(f"notes-application-{size}", of=checked)
        found["application with notes"] = axe_problems(checked)
        checked.goto(f"{live_server.url}/notifications/")
        screenshot(f"notifications-{size}", of=checked)
        found["notifications"] = axe_problems(checked)
        checked.goto(f"{live_server.url}/")
        screenshot(f"dashboard-todos-{size}", of=checked)
        found["dashboard with to-dos"] = axe_problems(checked)
        context.close()
        assert found == {name: [] for name in found}, size
