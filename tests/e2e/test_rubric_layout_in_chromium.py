"""Rubric texts on the scorecard never break inside a word, on a phone, a small laptop and a
desktop, and nothing spills out of its rating button; a saved scorecard says so beside the
scorecards it joins, not only at the top of a page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from interviews import services
from interviews.models import Booking, Interview
from passionhire.traits import Trait
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import axe_problems
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser

# Words (no hyphen or slash, where a break is allowed) whose letters sit on two lines.
SPLIT_WORDS = """sel => {
  const split = [];
  for (const el of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\\s\\-\\/\\u2013\\u2014]+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(m[0]);
      }
    }
  }
  return split;
}"""
SPILLED = """sel => [...document.querySelectorAll(sel)]
  .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.textContent.trim())"""


@pytest.fixture
def held_interview(role, recruiter, question_bank):
    """A values interview with Rita on it that took place an hour ago."""
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    soon = timezone.now().replace(microsecond=0) + timedelta(days=2)
    interview = services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[recruiter],
        slots=[soon],
        duration_minutes=45,
        location="Room Ada",
        time_zone="Europe/Berlin",
        created_by=recruiter,
    )
    services.interview_pick_slot(interview=interview, slot_id=interview.slots.get().pk)
    past = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    Interview.objects.filter(pk=interview.pk).update(starts_at=past)
    Booking.objects.filter(interview=interview).update(
        starts_at=past, ends_at=past + timedelta(minutes=45)
    )
    return interview


@pytest.mark.parametrize("width", [390, 1024, 1280])
def test_rubric_texts_never_break_inside_a_word(
    live_server, browser, screenshot, held_interview, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/interviews/{held_interview.pk}/scorecard/")
    expect(page.locator(".ph-rubric-text").first).to_be_visible()
    screenshot(f"scorecard-{width}", of=page)
    assert page.evaluate(SPLIT_WORDS, ".ph-rubric-text") == []
    assert page.evaluate(SPILLED, ".ph-rating-choice label") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert axe_problems(page) == []
    page.goto(f"{live_server.url}/traits/")
    assert page.evaluate(SPLIT_WORDS, ".ph-rubric li") == []
    context.close()


def test_a_submitted_scorecard_is_confirmed_beside_the_scorecards(
    live_server, page: Page, screenshot, held_interview
):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/interviews/{held_interview.pk}/scorecard/")
    for trait in held_interview.traits:
        page.locator(f"label[for='id_rating_{trait}_4']").click()
        page.locator(f"#id_evidence_{trait}").fill(f"{Trait(trait).label}: she called back.")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Submit scorecard").click()
    said = page.locator("#scorecards [role=status]", has_text="Scorecard submitted")
    expect(said).to_be_in_viewport()
    screenshot("scorecard-submitted-phone", full_page=False)
    expect(page.locator(".ph-messages", has_text="Scorecard submitted")).to_have_count(0)
