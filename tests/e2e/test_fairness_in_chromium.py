"""Fairness in real Chromium. A candidate answers the voluntary questions from their status
page on a phone (axe-core clean, before and with an error); a compliance user opens the
adverse-impact report on the demo's past intake, sees the planted disparity flagged at its
step and the planted statement marked for review, and downloads the CSV and the PDF, in
which the tiny group is never counted."""

import csv
import io

import pytest
from django.apps import apps
from playwright.sync_api import expect
from pypdf import PdfReader

from candidates import services
from candidates.models import Stage
from hiring.demo_fairness import seed_fairness_history
from hiring.fairness.defaults import install_default_questions
from hiring.fairness.models import SelfIdAnswer
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _default_questions(db):
    """The data migration's questions (a live-server test flushes the tables)."""
    install_default_questions(apps.get_model)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_candidate_answers_the_voluntary_questions_from_their_status_page(
    live_server, browser, role, size, screenshot
):
    application = ApplicationFactory(
        role=role, candidate__name="Ada Lovelace", stage=Stage.INTERVIEWS
    )
    token = services.status_token(application)
    context = browser.new_context(bypass_csp=True, **SIZES[size])
    page = context.new_page()
    page.goto(f"{live_server.url}/s/{token}/")
    page.get_by_role("link", name="Answer or decline").click()
    expect(page.get_by_role("heading", name="About you")).to_be_visible()
    assert axe_problems(page) == []
    page.get_by_role("button", name="Save my answers").click()  # nothing chosen
    expect(page.get_by_text("Choose an answer, or decline every question")).to_be_visible()
    assert axe_problems(page) == []
    page.get_by_role("group", name="What is your gender?").get_by_label("Woman").check()
    page.get_by_role("group", name="How old are you?").get_by_label("I prefer not to say").check()
    screenshot(f"fairness-self-id-{size}", of=page)
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Your answers are kept apart from your application")).to_be_visible()
    expect(page.get_by_role("link", name="Change my answers")).to_be_visible()
    given = SelfIdAnswer.objects.filter(candidate=application.candidate)
    assert dict(given.values_list("question__key", "answer")) == {"gender": "Woman", "age_band": ""}
    context.close()


def test_compliance_sees_the_planted_disparity_and_downloads_the_csv_and_pdf(
    live_server, page, compliance, hiring_manager, recruiter, questionnaire, screenshot
):
    seed_fairness_history(hiring_manager=hiring_manager, recruiter=recruiter)
    log_in(page, live_server, compliance.username)
    expect(page.get_by_role("heading", name="Adverse impact")).to_be_visible()  # its landing
    age = page.locator("section", has=page.get_by_role("heading", name="How old are you?"))
    expect(age.get_by_role("status")).to_contain_text("Interviews → Team meet (40 or over)")
    expect(age.locator("tr.table-warning")).to_contain_text("Adverse impact")
    expect(age.get_by_text("review this statement")).to_be_visible()
    screenshot("fairness-report-desktop")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text())))
    tiny = [row for row in rows if row[3] == "I describe myself another way"]
    assert tiny
    assert all("fewer than 5" in row for row in tiny)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == "adverse-impact.pdf"
    reader = PdfReader(download.value.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Interviews → Team meet: 40 or over at" in text
    mentions = text.split("I describe myself another way")[1:]
    assert mentions
    assert all(after.lstrip().startswith("fewer than 5") for after in mentions)
    phone = page.context.browser.new_context(**SIZES["phone"])
    small = phone.new_page()
    small.context.add_cookies(page.context.cookies())
    small.goto(f"{live_server.url}/fairness/")
    expect(small.get_by_role("heading", name="Adverse impact")).to_be_visible()
    screenshot("fairness-report-phone", of=small)
    phone.close()
