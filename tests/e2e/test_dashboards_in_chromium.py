"""Real headless Chromium through Django's live server: sign in as each role and work."""

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from candidates.models import Application, Stage
from tests.e2e.conftest import log_in
from tests.factories import ApplicationFactory, RoleFactory

pytestmark = pytest.mark.browser


def weight_field(page: Page, trait_label: str):
    name = "weight_" + trait_label.lower().replace(" ", "_")
    return page.locator(f"input[name={name}]")


@pytest.fixture
def pipeline(role, recruiter, employee):
    ApplicationFactory.create_batch(4, role=role, stage=Stage.APPLIED)
    ApplicationFactory.create_batch(3, role=role, stage=Stage.PASSION_TEST)
    ApplicationFactory.create_batch(2, role=role, stage=Stage.INTERVIEWS)
    ApplicationFactory(role=role, stage=Stage.DECISION)
    other = RoleFactory(title="Support Specialist", hiring_manager=role.hiring_manager)
    ApplicationFactory.create_batch(5, role=other, stage=Stage.APPLIED)
    ApplicationFactory.create_batch(2, role=other, stage=Stage.TEAM_MEET)
    return role


def test_each_role_lands_on_its_own_dashboard(
    live_server, watched_page: Page, screenshot, pipeline, hiring_manager
):
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})

    log_in(page, live_server, "rita")
    expect(page.get_by_role("heading", name="Open roles")).to_be_visible()
    expect(page.get_by_role("link", name="Customer Success Manager", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Add a candidate")).to_be_visible()
    # Bootstrap really loaded from our static files (not a CDN): the navbar is styled.
    assert page.locator("nav.navbar").evaluate("e => getComputedStyle(e).display") == "flex"
    screenshot("dashboard-recruiter")
    page.get_by_role("button", name="Log out").click()

    log_in(page, live_server, "hugo")
    expect(page.get_by_text("Your roles, and where every candidate stands.")).to_be_visible()
    expect(page.get_by_role("heading", name="Support Specialist")).to_be_visible()
    screenshot("dashboard-hiring-manager")
    page.get_by_role("button", name="Log out").click()

    log_in(page, live_server, "emma")
    expect(page.get_by_role("heading", name="Welcome, Emma")).to_be_visible()
    expect(page.get_by_role("heading", name="My referrals")).to_be_visible()
    screenshot("dashboard-employee")
    page.get_by_role("link", name="Traits").click()
    expect(page.get_by_role("heading", name="Attention to detail")).to_be_visible()
    screenshot("traits")


def test_wrong_password_in_the_browser(live_server, watched_page: Page, recruiter, screenshot):
    page = watched_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("rita")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    screenshot("login-error")


def test_recruiter_opens_a_role_and_adds_a_candidate(
    live_server, watched_page: Page, screenshot, recruiter, hiring_manager
):
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "rita")
    page.get_by_role("link", name="Open a role").first.click()
    page.get_by_label("Title").fill("Community Manager")
    page.get_by_label("Team").fill("Customer Success")
    page.get_by_label("Hiring manager").select_option(label="Hugo Manager")
    for trait in ("Empathy", "Commitment", "Curiosity", "Attention to detail", "Connection"):
        weight_field(page, trait).fill("0")
    weight_field(page, "Courage").fill("0")
    page.get_by_role("button", name="Open role").click()
    expect(page.get_by_text("At least one trait needs a weight above zero.")).to_be_visible()
    screenshot("role-form-error")
    weight_field(page, "Connection").fill("8")
    weight_field(page, "Empathy").fill("6")
    page.get_by_role("button", name="Open role").click()
    expect(page.get_by_text("“Community Manager” is open")).to_be_visible()

    page.get_by_role("link", name="Add a candidate").click()
    page.locator("input[name=name]").fill("Grace Hopper")
    page.locator("input[name=email]").fill("grace@example.com")
    page.get_by_label("The candidate agreed to be contacted by email").check()
    page.get_by_role("button", name="Add to pipeline").click()
    expect(page.get_by_text("Grace Hopper added to “Community Manager”.")).to_be_visible()
    expect(page.get_by_role("link", name="Grace Hopper")).to_be_visible()
    screenshot("role-detail")
    assert Application.objects.get().candidate.email == "grace@example.com"
    assert [m.to for m in mail.outbox] == [["grace@example.com"]]


def test_dashboard_on_a_phone(live_server, watched_page: Page, screenshot, pipeline):
    page = watched_page
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "rita")
    expect(page.get_by_role("heading", name="Open roles")).to_be_visible()
    screenshot("dashboard-recruiter-phone")
    # No sideways scrolling of the page itself on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
