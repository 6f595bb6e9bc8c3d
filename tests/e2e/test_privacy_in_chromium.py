"""A recruiter exports a candidate's data and erases them, in Chromium."""

import json
import re

import pytest
from playwright.sync_api import expect

from candidates import services
from candidates.models import Candidate
from tests.e2e.conftest import log_in
from tests.pages import without_tokens

pytestmark = pytest.mark.browser


@pytest.fixture
def expected_errors():
    return [r"422"]  # the wrong address, sent back on purpose


def test_recruiter_exports_then_erases_a_candidate(
    watched_page, live_server, recruiter, role, screenshot
):
    application = services.candidate_add_to_role(
        added_by=recruiter,
        role=role,
        name="Ada Lovelace",
        email="ada@example.com",
        phone="+44 20 7946 0000",
        consent_to_contact=True,
    ).application
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    card = page.get_by_role("region", name="Candidate data")
    expect(card).to_contain_text("Agreed to email on")
    expect(card).to_contain_text("Recorded by Rita Recruiter when adding them to")
    screenshot("privacy-card")
    with page.expect_download() as download:
        card.get_by_role("link", name="Export (JSON)").click()
    data = json.loads(open(download.value.path()).read())  # noqa: SIM115
    assert data["candidate"]["email"] == "ada@example.com"

    card.get_by_role("link", name="Erase…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erase Ada Lovelace's personal data")
    field = page.get_by_label("Type the candidate's email address to confirm")
    field.fill("someone-else@example.com")
    page.get_by_role("button", name="Erase personal data").click()
    expect(page.get_by_text("That is not this candidate's email address")).to_be_visible()
    assert Candidate.objects.get(pk=application.candidate_id).erased_at is None
    screenshot("privacy-erase")
    page.get_by_label("Type the candidate's email address to confirm").fill("ada@example.com")
    page.get_by_role("button", name="Erase personal data").click()
    expect(page.get_by_text(re.compile("personal data is erased"))).to_be_visible()
    assert Candidate.objects.get(pk=application.candidate_id).name == "[erased]"
    gone = without_tokens(page.content())
    for word in ("Ada", "Lovelace", "ada@example.com", "7946 0000"):
        assert word not in gone
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
