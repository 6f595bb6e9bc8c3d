"""The paged Passion Test in real Chromium: a candidate on a phone takes a break between pages
and resumes from the link, and the save indicator never says "Saved" before the latest change
is saved (a slow earlier save, a lost connection)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.db.models import F
from playwright.sync_api import Page, expect

from candidates import services
from candidates.models import Answer, PageVisit, PassionTestResponse
from candidates.passion_test import paging, scoring
from candidates.passion_test.pages import option_token
from tests.factories import ApplicationFactory, answers_for, questionnaire_with_blocks

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# Screenshots to look at by eye, besides the suite's artifacts/screenshots.
SHOTS = Path(os.environ.get("PASSION_TEST_SHOTS", "/tmp/shots-a"))


@pytest.fixture
def link(live_server, role, recruiter, questionnaire):
    questionnaire_with_blocks()
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    return f"{live_server.url}/t/{services.invitation_token(invitation)}/"


def answer_page(page: Page, questions, answers, response) -> None:
    for question in questions:
        value = answers[str(question.pk)]
        if question.kind in ("likert", "virtue"):
            page.locator(f"label[for='q{question.pk}-{value}']").click()
        elif question.kind == "scenario":
            page.locator(f"#q{question.pk}-{option_token(response.pk, int(value))}").check()
        elif question.kind == "block":
            most, least = (option_token(response.pk, int(v)) for v in value)
            page.locator(f"#q{question.pk}-most-{most}").check()
            page.locator(f"#q{question.pk}-least-{least}").check()
        else:
            page.locator(f"#q{question.pk}-text").fill(value)


def shoot(page: Page, name: str, **kwargs) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), **kwargs)


def test_a_candidate_on_a_phone_takes_a_break_between_pages_and_resumes_from_the_link(
    browser, link
):
    phone = browser.new_context(**PHONE)
    ada = phone.new_page()
    problems = []
    ada.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    ada.goto(link)
    expect(ada.get_by_text("Page 1 of 3")).to_be_visible()
    response = PassionTestResponse.objects.get()
    pages = paging.response_pages(response)
    answers = answers_for([q for p in pages for q in p], why="She was scared of losing data.")
    assert ada.evaluate("document.documentElement.scrollWidth") <= 390  # nothing spills over
    shoot(ada, "page-1-phone", full_page=True)

    answer_page(ada, pages[0], answers, response)
    expect(ada.locator("#save-state")).to_have_text("Saved")
    shoot(ada, "page-1-phone-answered", full_page=True)
    ada.get_by_role("button", name="Next page").click()
    expect(ada.get_by_text("Page 2 of 3")).to_be_visible()
    answer_page(ada, pages[1], answers, response)
    ada.get_by_role("button", name="Next page").click()
    expect(ada.get_by_text("Page 3 of 3")).to_be_visible()

    # Ada closes the phone's tab on the why page, and comes back two hours later: the
    # server's own records of her pages move two hours into the past.
    ada.close()
    PageVisit.objects.filter(response=response).update(
        shown_at=F("shown_at") - timedelta(hours=2), left_at=F("left_at") - timedelta(hours=2)
    )
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=F("started_at") - timedelta(hours=2)
    )
    ada = phone.new_page()
    ada.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    ada.goto(link)
    expect(ada.get_by_text("Page 3 of 3")).to_be_visible()  # where she left off
    shoot(ada, "page-3-why-phone", full_page=True)
    expect(ada.locator("#save-status")).to_contain_text("16 of 18 answered")
    ada.get_by_role("button", name="Back to page 2").click()
    expect(ada.get_by_text("Page 2 of 3")).to_be_visible()
    expect(ada.locator("input[type=radio]:checked")).to_have_count(6 + 1 + 2)  # kept
    ada.get_by_role("button", name="Next page").click()
    answer_page(ada, pages[2], answers, response)
    expect(ada.locator("#save-state")).to_have_text("Saved")  # typing in either box saves
    assert Answer.objects.filter(response=response).count() == 18
    ada.get_by_role("button", name="Submit my answers").click()
    expect(ada.get_by_role("heading", name="Thank you, Ada Lovelace")).to_be_visible()
    phone.close()
    assert problems == []

    response.refresh_from_db()
    assert response.submitted_at - response.started_at > timedelta(hours=2)
    times = paging.response_page_times(response, scoring.scoring_items(response.questionnaire))
    assert [len(t.item_ids) for t in times] == [8, 8, 2]
    assert all(0 < t.seconds < 120 for t in times), times  # the two hours count nowhere
    visits = PageVisit.objects.filter(response=response)
    assert [v.page for v in visits] == [1, 2, 3, 3, 2, 3]
    assert visits[2].left_at is None  # shown before the break, never heard from again
    assert sum(t.seconds for t in times) == pytest.approx(sum(v.seconds for v in visits))
    assert response.scored_at is not None
    assert Answer.objects.filter(response=response).count() == 18


def test_the_save_indicator_says_saved_only_once_the_latest_change_is_saved(browser, link):
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    page.goto(link)
    response = PassionTestResponse.objects.get()
    first, second, third = paging.response_pages(response)[0][:3]
    state = page.locator("#save-state")
    expect(state).to_have_text("Answers save as you go")
    shoot(page, "page-1-desktop", full_page=True)

    # Saves are held at the network until the test lets them through.
    held = []
    page.route("**/save/", lambda route: held.append(route))

    def wait_for_saves(count: int) -> None:
        for _ in range(100):
            if len(held) >= count:
                return
            page.wait_for_timeout(50)
        pytest.fail(f"{count} saves expected, {len(held)} sent")

    page.locator(f"label[for='q{first.pk}-4']").click()
    expect(state).to_have_text("Saving…")
    wait_for_saves(1)
    page.locator(f"label[for='q{second.pk}-2']").click()  # a newer change, queued behind
    expect(state).to_have_text("Saving…")
    held[0].continue_()  # the older save comes back first...
    wait_for_saves(2)  # ...and the newer one goes out only after it
    page.wait_for_timeout(200)
    expect(state).to_have_text("Saving…")  # not "Saved": the newer change is not saved yet
    assert Answer.objects.filter(response=response).count() == 1
    held[1].continue_()
    expect(state).to_have_text("Saved")
    assert set(Answer.objects.values_list("question_id", "likert")) == {
        (first.pk, 4),
        (second.pk, 2),
    }

    # The connection drops: "Not saved", then the retry saves once it is back.
    page.unroute("**/save/")
    page.route("**/save/", lambda route: route.abort("internetdisconnected"))
    page.locator(f"label[for='q{third.pk}-5']").click()
    expect(state).to_have_text("Not saved — check your connection. Retrying…")
    shoot(page, "save-not-saved-desktop")
    assert not Answer.objects.filter(question=third).exists()
    page.unroute("**/save/")
    expect(state).to_have_text("Saved", timeout=10_000)
    assert Answer.objects.get(question=third).likert == 5
    context.close()


def test_without_javascript_each_page_is_a_plain_form(browser, link):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(link)
    expect(page.locator("#save-state")).to_have_text("Answers save when you move on")
    response = PassionTestResponse.objects.get()
    pages = paging.response_pages(response)
    answers = answers_for([q for p in pages for q in p])
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Next page").click()
    assert posted.value.status == 422
    expect(page.get_by_text("8 questions on this page still need an answer")).to_be_visible()
    shoot(page, "page-1-errors-phone-no-js")
    answer_page(page, pages[0], answers, response)
    page.get_by_role("button", name="Next page").click()
    expect(page.get_by_text("Page 2 of 3")).to_be_visible()
    assert Answer.objects.filter(response=response).count() == 8
    page.get_by_role("button", name="Back to page 1").click()
    expect(page.get_by_text("Page 1 of 3")).to_be_visible()
    expect(page.locator("input[type=radio]:checked")).to_have_count(6 + 2 + 1)
    context.close()
