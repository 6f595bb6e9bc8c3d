"""The candidate's pages in Arabic, right to left, in real Chromium on a phone and a desktop:
the careers list, a role, the apply form sent back with errors, a Passion Test page (of an
application made in Arabic), the status page, its voluntary questions and the slot picker.

On each: `<html dir="rtl" lang="ar">` with Bootstrap's RTL stylesheet linked (and not the
left-to-right one); no sideways scrolling; the heading and the page's main button sit on the
right, the side a line starts on (their right edge nearer their box's right than their left
edge is to its left); the brand and the language switch do not overlap; axe-core finds no
serious or critical problem. Screenshots: artifacts/screenshots/rtl-<page>-<size>.png.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import RoleFactory

pytestmark = pytest.mark.browser

# Where an element's content sits in its own box and in its parent's: the gaps on each side.
GAPS = """el => {
  const range = document.createRange();
  range.selectNodeContents(el);
  const ink = range.getBoundingClientRect();
  const own = el.getBoundingClientRect();
  const outer = el.parentElement.getBoundingClientRect();
  const inner = (box, of) => {
    const s = getComputedStyle(of);
    const left = box.left + parseFloat(s.paddingLeft);
    return {left, right: box.right - parseFloat(s.paddingRight)};
  };
  const a = inner(own, el), b = inner(outer, el.parentElement);
  return {
    own: {start: a.right - ink.right, end: ink.left - a.left},
    parent: {start: b.right - own.right, end: own.left - b.left},
  };
}"""


def overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def on_the_right(element: Locator) -> list[str]:
    """Problems if the element (or its text in its box) sits on the left: in a right-to-left
    page the start of a line is its right, so the gap there must not exceed the other one."""
    gaps = element.evaluate(GAPS)
    return [
        f"{which}: {round(gap['start'])}px from the right, {round(gap['end'])}px from the left"
        for which, gap in gaps.items()
        if gap["start"] > gap["end"] + 1
    ]


def right_to_left_problems(page: Page, size: str, *, button: Locator | None = None) -> dict:
    """Everything this file checks on the page as it is now, by name; empty when all is well."""
    html = page.locator("html")
    found = {}
    if (html.get_attribute("dir"), html.get_attribute("lang")) != ("rtl", "ar"):
        found["html"] = [html.get_attribute("dir"), html.get_attribute("lang")]
    sheets = page.eval_on_selector_all(
        "link[rel=stylesheet]", "links => links.map(l => l.getAttribute('href'))"
    )
    bootstrap = [href for href in sheets if "/bootstrap/css/" in href]
    if len(bootstrap) != 1 or not bootstrap[0].endswith("bootstrap.rtl.min.css"):
        found["stylesheet"] = bootstrap
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > SIZES[size]["viewport"]["width"]:
        found["scrolls sideways"] = width
    if heading := on_the_right(page.locator("h1").first):
        found["h1 on the left"] = heading
    if button is not None and (sits := on_the_right(button)):
        found["main button on the left"] = sits
    brand = page.locator(".navbar-brand").bounding_box()
    switch = page.locator(".ph-language").bounding_box()
    if overlap(brand, switch):
        found["brand and switch overlap"] = [brand, switch]
    elif brand["x"] < switch["x"] and abs(brand["y"] - switch["y"]) < brand["height"]:
        found["brand left of the switch"] = [brand, switch]
    if axe := axe_problems(page):
        found["axe"] = axe
    return found


@pytest.fixture
def arabic_role(db):
    role = RoleFactory(
        title="Customer Success Manager",
        team="Customer Success",
        location="Dubai",
        workplace="hybrid",
        description="ساعد عملاءنا على النجاح.",
        pay_min=12000,
        pay_max=15000,
        pay_currency="AED",
        published_at=timezone.now(),
    )
    role.knockout_questions.create(text="Can you work weekends?", disqualifying_answer="no")
    return role


@pytest.mark.parametrize("size", list(SIZES))
def test_the_careers_pages_read_right_to_left_in_arabic(
    live_server, browser, screenshot, arabic_role, size
):
    context = browser.new_context(bypass_csp=True, locale="ar", **SIZES[size])
    page = context.new_page()
    found = {}
    page.goto(f"{live_server.url}/careers/")
    expect(page.get_by_role("heading", name="اعمل مع أناس يهتمون")).to_be_visible()
    expect(page.get_by_text("1 وظيفة شاغرة")).to_be_visible()
    screenshot(f"rtl-careers-{size}", of=page)
    found["careers"] = right_to_left_problems(page, size)
    page.get_by_role("link", name="Customer Success Manager").click()
    apply_now = page.get_by_role("link", name="قدّم الآن")
    expect(apply_now).to_be_visible()
    expect(page.get_by_text("هجين")).to_be_visible()
    screenshot(f"rtl-role-{size}", of=page)
    found["role"] = right_to_left_problems(page, size, button=apply_now)
    apply_now.click()
    send = page.get_by_role("button", name="قدّم وابدأ Passion Test")
    send.click()  # nothing filled in
    expect(page.get_by_text("أخبرنا باسمك.").first).to_be_visible()
    # A question written in English keeps its "?" at its end: isolated from the Arabic around it.
    expect(page.locator("legend bdi")).to_have_text("Can you work weekends?")
    screenshot(f"rtl-apply-errors-{size}", of=page)
    found["apply with errors"] = right_to_left_problems(page, size)
    context.close()
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_test_status_and_slot_pages_read_right_to_left_in_arabic(
    live_server, browser, screenshot, role, recruiter, questionnaire, size
):
    """A candidate who applied in Arabic opens her links on a browser that has not chosen a
    language: the Passion Test, the status page and the slot picker are Arabic, right to left."""
    from django.apps import apps

    from candidates import services
    from candidates.services import status_token
    from hiring.fairness.defaults import install_default_questions
    from hiring.fairness.models import SelfIdAnswer
    from interviews import services as interview_services
    from tests.factories import (
        ApplicationFactory,
        questionnaire_with_blocks,
        values_interview_offered,
    )

    questionnaire_with_blocks()
    install_default_questions(apps.get_model)  # a live-server test flushes the tables
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace", language="ar")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    interview = values_interview_offered(
        application, recruiter, location="Room Ada, 3rd floor", time_zone="Asia/Dubai"
    )
    context = browser.new_context(bypass_csp=True, locale="en-GB", **SIZES[size])
    page = context.new_page()
    found = {}
    page.goto(f"{live_server.url}/t/{services.invitation_token(invitation)}/")
    expect(page.get_by_text("الصفحة 1 من 3")).to_be_visible()
    expect(page.get_by_text("أوافق بشدة").first).to_be_attached()
    expect(page.locator("#save-state")).to_have_text("تُحفظ الإجابات أولًا بأول")
    screenshot(f"rtl-test-{size}", of=page)
    found["test page"] = right_to_left_problems(page, size)
    page.get_by_role("button", name="الصفحة التالية").click()  # nothing answered
    expect(page.locator("#form-errors")).to_contain_text("بلا إجابة")
    screenshot(f"rtl-test-errors-{size}", of=page)
    found["test page with errors"] = right_to_left_problems(page, size)
    page.goto(f"{live_server.url}/s/{status_token(application)}/")
    expect(page.get_by_role("heading", name="مرحبًا، Ada Lovelace")).to_be_visible()
    screenshot(f"rtl-status-{size}", of=page)
    found["status page"] = right_to_left_problems(page, size)
    # The voluntary questions, shipped in Arabic: asked in it, kept as their English option.
    page.goto(f"{live_server.url}/s/{status_token(application)}/about-you/")
    expect(page.get_by_role("group", name="ما جنسك؟")).to_be_visible()
    save = page.get_by_role("button", name="حفظ إجاباتي")
    screenshot(f"rtl-about-you-{size}", of=page)
    found["about you"] = right_to_left_problems(page, size)
    page.get_by_label("غير ثنائي الجنس").check()
    save.click()
    expect(page.get_by_text("شكرًا لك. تُحفظ إجاباتك بعيدًا عن طلبك.")).to_be_visible()
    answers = SelfIdAnswer.objects.filter(candidate_id=application.candidate_id)
    assert list(answers.values_list("answer", flat=True)) == ["Non-binary"]
    page.goto(f"{live_server.url}/i/{interview_services.slot_link_token(interview)}/")
    book = page.get_by_role("button", name="احجز هذا الموعد")
    expect(book).to_be_visible()
    expect(page.locator(".ph-tz-name")).to_contain_text("(منطقتك الزمنية)")
    screenshot(f"rtl-slots-{size}", of=page)
    found["slot picker"] = right_to_left_problems(page, size)
    context.close()
    assert {name: problems for name, problems in found.items() if problems} == {}
