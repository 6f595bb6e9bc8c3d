"""Review the test in real Chromium: a careless Passion Test waits on the recruiter's
dashboard; the recruiter reads the flags and what they do not prove, and accepts it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from candidates import services
from candidates.models import Application, PassionTestResponse, Stage
from tests.e2e.conftest import log_in
from tests.factories import ApplicationFactory, CandidateFactory, answers_for

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def careless_test(application, recruiter) -> PassionTestResponse:
    """Every statement answered 5, in a minute: scored, and flagged."""
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    response = services.passion_test_open(invitation=invitation)
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(minutes=1)
    )
    response.refresh_from_db()
    questions = services.active_questions(response.questionnaire)
    answers = answers_for(questions) | {str(q.pk): "5" for q in questions if q.kind == "likert"}
    services.passion_test_submit(response=response, questions=questions, answers=answers)
    response.refresh_from_db()
    if response.scored_at is None:  # scored by the outbox after commit, or here
        services.passion_test_score(response_id=response.pk)
        response.refresh_from_db()
    # A flag of the coming scorer: what it does not prove, and that it lowers nothing.
    PassionTestResponse.objects.filter(pk=response.pk).update(
        flags=[
            *response.flags,
            {
                "code": "unlikely_virtues",
                "label": "Many unlikely virtues",
                "detail": "Agreed with 5 of the 6 statements few people can truthfully agree with.",
                "caveat": "It does not prove the candidate lied: some people answer ideals.",
                "lowers_reliability": False,
            },
        ]
    )
    response.refresh_from_db()
    return response


def test_a_recruiter_reads_the_flags_and_accepts_a_flagged_test(
    live_server, watched_page: Page, browser, screenshot, role, recruiter, questionnaire
):
    candidate = CandidateFactory(name="Ada Lovelace", email="ada@example.com")
    application = ApplicationFactory(role=role, candidate=candidate)
    response = careless_test(application, recruiter)
    assert response.review == PassionTestResponse.Review.PENDING
    assert Application.objects.get(pk=application.pk).stage == Stage.PASSION_TEST

    page = watched_page
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "rita")
    # The dashboard counts it and leads to the role's "Review the test" list.
    expect(page.locator("#test-reviews")).to_have_text("1")
    page.get_by_role("link", name="Review the test: 1").click()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    page.get_by_role("link", name="Ada Lovelace").click()

    panel = page.locator("#test-review")
    expect(panel.get_by_role("heading", name="Review the test")).to_be_visible()
    expect(panel.get_by_text("has not moved on to Interviews")).to_be_visible()
    for flag in response.flags:
        expect(panel.get_by_text(flag["label"], exact=True)).to_be_visible()
    expect(panel.get_by_text("It does not prove the candidate lied")).to_be_visible()
    expect(panel.get_by_text("it does not lower the reliability")).to_be_visible()
    screenshot("test-review-1280", full_page=False, of=None)
    panel.screenshot(path="/tmp/shots-b/review-panel-1280.png")

    panel.get_by_role("button", name="Accept the test").click()
    expect(page.get_by_text("Test accepted: its scores count")).to_be_visible()
    expect(page.locator("#test-review")).to_have_count(0)
    assert Application.objects.get(pk=application.pk).stage == Stage.INTERVIEWS
    response.refresh_from_db()
    assert response.review == PassionTestResponse.Review.ACCEPTED

    # On a phone the panel's three answers stack and nothing overflows.
    other = ApplicationFactory(role=role, candidate=CandidateFactory(name="Grace Hopper"))
    careless_test(other, recruiter)
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    small = phone.new_page()
    log_in(small, live_server, "rita")
    small.goto(f"{live_server.url}/applications/{other.pk}/")
    expect(small.locator("#test-review")).to_be_visible()
    width = small.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    small.screenshot(path="/tmp/shots-b/application-review-390.png", full_page=True)
    small.locator("#test-review").screenshot(path="/tmp/shots-b/review-panel-390.png")
    phone.close()
