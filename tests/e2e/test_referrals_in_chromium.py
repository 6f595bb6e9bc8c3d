"""Referrals end to end in real Chromium: an employee refers, a recruiter accepts, the employee
sees the new stage and has the status email."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from candidates.models import Referral
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_employee_refers_recruiter_accepts_employee_follows(
    live_server,
    watched_page: Page,
    browser,
    screenshot,
    settings,
    role,
    recruiter,
    employee,
    questionnaire,
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SITE_URL": live_server.url}
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "emma")
    page.get_by_role("link", name="Refer someone").first.click()
    page.locator("select[name=role]").select_option(label=str(role))
    page.locator("input[name=name]").fill("Ada Lovelace")
    page.locator("input[name=email]").fill("ada@example.com")
    page.locator("select[name=relationship]").select_option("worked_together")
    page.locator("select[name=known_for]").select_option("3_5")
    page.locator("textarea[name=example_commitment]").fill(
        "When a courier lost a customer's parcel she drove it over herself: it was a gift."
    )
    page.locator("input[name=consent_confirmed]").check()
    screenshot("referral-form")
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_text("Thank you! Ada Lovelace is referred")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Ada Lovelace"))).to_contain_text(
        "Waiting for review"
    )

    # The recruiter accepts it from the inbox, in a separate browser session.
    recruiter_context = browser.new_context(viewport={"width": 1366, "height": 900})
    rita = recruiter_context.new_page()
    log_in(rita, live_server, "rita")
    rita.get_by_role("link", name="Referrals", exact=True).click()
    expect(rita.get_by_role("heading", name=re.compile("Ada Lovelace"))).to_be_visible()
    expect(rita.get_by_text("drove it over herself")).to_be_visible()
    rita.get_by_role("button", name="Accept Ada Lovelace").click()
    expect(rita.get_by_text("Ada Lovelace is in the pipeline")).to_be_visible()
    recruiter_context.close()

    # Emma sees the new stage, and has the emails telling her so: a receipt, then the move.
    page.reload()
    expect(page.get_by_role("row", name=re.compile("Ada Lovelace"))).to_contain_text(
        "Taking the Passion Test"
    )
    updates = [m for m in mail.outbox if m.to == [employee.email]]
    assert [m.subject for m in updates] == [
        "Your referral of Ada Lovelace: waiting for review",
        "Your referral of Ada Lovelace: taking the passion test",
    ]
    assert f"{live_server.url}{Referral.objects.get().get_absolute_url()}" in updates[1].body

    page.get_by_role("link", name="Leaderboard").click()
    expect(page.get_by_role("row", name=re.compile("Emma Employee"))).to_contain_text("1")
    screenshot("referral-leaderboard")
