"""The Passion Test end to end in real Chromium: a recruiter sends it, the candidate answers on
a phone from the emailed link (half, reload, the rest), submits, and the recruiter reads the
radar chart and the quality flags."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from candidates import services
from candidates.models import Answer, PassionTestResponse, Stage
from candidates.passion_test import paging
from candidates.passion_test.pages import option_token
from tests.e2e.conftest import log_in
from tests.factories import ApplicationFactory, CandidateFactory, answers_for

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def answer(page: Page, question, value, response) -> None:
    """Answer like a person: click the Likert button, check the option, pick most and least
    (options are named by the response's tokens), or type."""
    if question.kind in ("likert", "virtue"):
        page.locator(f"label[for='q{question.pk}-{value}']").click()
    elif question.kind == "scenario":
        page.locator(f"#q{question.pk}-{option_token(response.pk, int(value))}").check()
    elif question.kind == "block":
        most, least = (option_token(response.pk, int(v)) for v in value)
        page.locator(f"#q{question.pk}-most-{most}").check()
        page.locator(f"#q{question.pk}-least-{least}").check()
    else:
        page.locator(f"textarea[name='q{question.pk}']").fill(value)


def answer_page(page: Page, questions, values, response) -> None:
    for question in questions:
        answer(page, question, values[str(question.pk)], response)


def test_recruiter_sends_candidate_answers_on_a_phone_recruiter_reads_results(
    live_server, watched_page: Page, browser, screenshot, settings, role, recruiter, questionnaire
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SITE_URL": live_server.url}
    candidate = CandidateFactory(name="Ada Lovelace", email="ada@example.com")
    application = ApplicationFactory(role=role, candidate=candidate)
    ApplicationFactory(role=role)  # someone else on the role, not selected

    # The recruiter selects Ada on the role page and sends the test.
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}{role.get_absolute_url()}")
    page.get_by_label("Select Ada Lovelace").check()
    page.get_by_role("button", name="Send the Passion Test to selected").click()
    expect(page.get_by_text("Passion Test sent to 1 candidate.")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["ada@example.com"]]
    link = re.search(r"http://\S+/t/\S+/", mail.outbox[0].body).group(0)

    # Ada opens the link on her phone: no account, a progress bar, answers saved as she goes.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    ada = phone.new_page()
    problems = []
    ada.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    ada.goto(link)
    expect(ada.get_by_role("heading", name="Hello Ada Lovelace")).to_be_visible()
    response = PassionTestResponse.objects.get()
    pages = paging.response_pages(response)
    questions = [q for p in pages for q in p]
    values = answers_for(questions, why="I stayed late because she was scared of losing data.")
    expect(ada.get_by_text(f"Page 1 of {len(pages)}")).to_be_visible()
    for page_questions in pages[:3]:
        answer_page(ada, page_questions, values, response)
        ada.get_by_role("button", name="Next page").click()
    expect(ada.get_by_text(f"Page 4 of {len(pages)}")).to_be_visible()
    done = sum(len(p) for p in pages[:3])
    half = len(pages[3]) // 2
    answer_page(ada, pages[3][:half], values, response)
    status = ada.locator("#save-status")
    expect(status).to_contain_text(f"{done + half} of {len(questions)} answered")
    expect(ada.locator("#save-state")).to_have_text("Saved")
    screenshot("passion-test-phone", full_page=False, of=ada)
    screenshot("passion-test-phone-full", of=ada)

    # Reloading (or opening the link again) lands on the same page with its answers.
    ada.goto(link)
    expect(ada.get_by_text(f"Page 4 of {len(pages)}")).to_be_visible()
    expect(status).to_contain_text(f"{done + half} of {len(questions)} answered")
    # One checked radio per answered question; a block has two (most and least like me).
    checked = sum(2 if q.kind == "block" else 1 for q in pages[3][:half])
    assert ada.locator("input[type=radio]:checked").count() == checked
    assert Answer.objects.filter(response__application=application).count() == done + half

    answer_page(ada, pages[3][half:], values, response)
    ada.get_by_role("button", name="Next page").click()
    for number, page_questions in enumerate(pages[4:], start=5):
        expect(ada.get_by_text(f"Page {number} of {len(pages)}")).to_be_visible()
        answer_page(ada, page_questions, values, response)
        if number < len(pages):
            ada.get_by_role("button", name="Next page").click()
    ada.get_by_role("button", name="Submit my answers").click()
    expect(ada.get_by_role("heading", name="Thank you, Ada Lovelace")).to_be_visible()
    screenshot("passion-test-done", of=ada)
    ada.goto(link)
    expect(ada.get_by_text("already been submitted")).to_be_visible()
    phone.close()
    assert problems == [], sorted(set(problems))[:5]

    response = PassionTestResponse.objects.get()
    assert response.scored_at is not None
    application.refresh_from_db()
    # Speeding lowers the reliability: the test waits for a recruiter's review.
    assert application.stage == Stage.PASSION_TEST
    assert response.review == PassionTestResponse.Review.PENDING

    # The recruiter opens the results: radar chart, scores, and the speeding flag (Ada's
    # browser answered 78 questions in seconds).
    page.goto(f"{live_server.url}{role.get_absolute_url()}")
    expect(
        page.get_by_role("row", name=re.compile("Ada Lovelace")).get_by_text("Review the test")
    ).to_be_visible()
    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page.locator("#test-heading")).to_be_visible()
    radar = page.locator("#trait-radar")
    expect(radar).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart('trait-radar') !== undefined")
    assert radar.bounding_box()["width"] > 200
    legend = page.evaluate(
        "() => Chart.getChart('trait-radar').data.datasets.map(set => set.label)"
    )
    assert legend[0] == "Passion Test"  # named from the page, in its language
    expect(page.get_by_text("Pages answered faster than they can be read").first).to_be_visible()
    expect(
        page.get_by_text("I stayed late because she was scared of losing data.").first
    ).to_be_visible()
    screenshot("passion-test-results")


def test_recruiter_edits_the_test_and_reads_item_consistency(
    live_server, watched_page: Page, screenshot, role, recruiter, questionnaire
):
    # Someone has started v2 (the default's current version), so an edit must create v3.
    invitation = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    services.passion_test_open(invitation=invitation)
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "rita")
    page.get_by_role("link", name="Passion Test").click()
    expect(page.get_by_role("heading", name=re.compile("The Passion Test"))).to_contain_text("v2")
    expect(page.get_by_text("your next change creates version 3")).to_be_visible()
    screenshot("questionnaire", full_page=False)
    page.get_by_role("link", name=re.compile("Edit “Tell us about a relationship")).click()
    page.locator("textarea[name=text]").fill("Tell us about a customer who came back to you. Why?")
    screenshot("question-form")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("created version 3")).to_be_visible()
    expect(page.get_by_text("Tell us about a customer who came back to you. Why?")).to_be_visible()
    page.get_by_role("link", name="Item consistency").click()
    expect(page.get_by_text("Not enough responses yet")).to_be_visible()
    screenshot("consistency-empty")
