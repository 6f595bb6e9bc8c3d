"""Every page a candidate sees without an account, checked with axe-core in real Chromium
(WCAG 2.2 AA rules): no violation of serious or critical impact, on a phone and on a desktop.

The pages: each kind of Passion Test page (the first, one with a block, a scenario and an
unlikely virtue, the why page), a page sent back with errors, a refused post, the thank-you
page, broken, expired and withdrawn links, and the interview slot picker before and after
booking (its link errors share the Passion Test's error page); and the public careers pages
(the list, a role, no roles found); and the candidate's status page (a test to take and
an interview to pick, booked, a phone error, the withdraw confirmation, withdrawn, an erased
candidate's link). There is no apply form yet.

axe is injected from node_modules, so these contexts bypass the Content-Security-Policy (which
rightly refuses injected scripts); the CSP itself is tested on normal contexts elsewhere.
"""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from candidates import services
from candidates.models import PassionTestInvitation, PassionTestResponse
from candidates.passion_test import paging
from interviews import services as interview_services
from tests.factories import (
    ApplicationFactory,
    answers_for,
    page_form_data,
    questionnaire_with_blocks,
)

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def axe_problems(page: Page) -> list[dict]:
    """axe's serious and critical violations on the page as it is now, once its CSS
    transitions have finished (a button clicked just before is still fading between its
    colours for 0.15 s; axe measuring halfway reports a contrast no reader ever sees)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    page.evaluate(
        """async () => { await Promise.all(document.getAnimations()
            .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map(a => a.finished.catch(() => null))); }"""
    )
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""",
        WCAG,
    )
    return [v for v in violations if v["impact"] in ("serious", "critical")]


@pytest.fixture
def candidate_links(db, role, recruiter, questionnaire):
    """Links of three candidates: one to take the test with blocks, one expired, one
    withdrawn; and an interview offered to the first."""
    questionnaire_with_blocks()
    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    expired = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    PassionTestInvitation.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    withdrawn = services.passion_test_invite(
        application=ApplicationFactory(role=role), invited_by=recruiter
    )
    services.passion_test_revoke(invitation=withdrawn, revoked_by=recruiter)
    interview = interview_services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[recruiter],
        slots=[timezone.now() + timedelta(days=3), timezone.now() + timedelta(days=4)],
        duration_minutes=45,
        location="Room Ada, 3rd floor",
        time_zone="Europe/Berlin",
        created_by=recruiter,
    )
    return {
        "test": services.invitation_token(invitation),
        "expired": services.invitation_token(expired),
        "withdrawn": services.invitation_token(withdrawn),
        "slots": interview_services.slot_link_token(interview),
    }


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_candidate_page_has_no_serious_accessibility_problem(
    live_server, browser, candidate_links, size
):
    context = browser.new_context(bypass_csp=True, **SIZES[size])
    page = context.new_page()
    base = live_server.url
    test = f"{base}/t/{candidate_links['test']}/"
    found = {}

    def check(name: str) -> None:
        found[name] = axe_problems(page)

    page.goto(test)
    expect(page.get_by_text("Page 1 of 3")).to_be_visible()
    response = PassionTestResponse.objects.get(
        invitation__application__candidate__name="Ada Lovelace"
    )
    pages = paging.response_pages(response)
    answers = answers_for([q for p in pages for q in p])
    check("page 1: statements, a block and a scenario")

    # Next with nothing answered: the page comes back with an error summary.
    page.get_by_role("button", name="Next page").click()
    expect(page.locator("#form-errors")).to_be_focused()
    check("page 1 with errors")
    page.locator("#form-errors a").nth(6).click()  # the block's error: focus on its first choice
    expect(page.locator(f"[name='q{pages[0][6].pk}-most']").first).to_be_focused()

    # Answer page 1 (a block's choices by clicking, the way a person would), then page 2.
    for number in (1, 2):
        for name, value in page_form_data(response, pages[number - 1], answers).items():
            if name.endswith(("-most", "-least")) or len(value) == 10:
                page.locator(f"#{name}-{value}").check()
            else:
                page.locator(f"label[for='{name}-{value}']").click()
        page.get_by_role("button", name="Next page").click()
        expect(page.get_by_text(f"Page {number + 1} of 3")).to_be_visible()
        if number == 1:
            check("page 2: statements, an unlikely virtue and a block")
    check("page 3: why questions")

    # A post to a page never shown (here, a form altered to post to page 9) is refused.
    page.evaluate(f"document.getElementById('passion-test').action = '{test}p/9/'")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Nothing was saved")).to_be_visible()
    check("a refused post")
    page.get_by_role("link", name="Back to your test").click()
    expect(page.get_by_text("Page 3 of 3")).to_be_visible()

    for why in pages[2]:
        page.locator(f"#q{why.pk}-text").fill("Because it matters to the customer.")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("heading", name="Thank you, Ada Lovelace")).to_be_visible()
    check("thank-you page")

    for name, token in (
        ("tampered link", candidate_links["test"][:-3] + "abc"),
        ("expired link", candidate_links["expired"]),
        ("withdrawn link", candidate_links["withdrawn"]),
    ):
        page.goto(f"{base}/t/{token}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        check(name)

    page.goto(f"{base}/i/{candidate_links['slots']}/")
    expect(page.get_by_role("heading", name="Pick a time")).to_be_visible()
    check("interview slot picker")
    page.locator("label.btn").first.click()
    page.get_by_role("button", name="Book this time").click()
    expect(page.get_by_role("heading", name="You're booked, Ada Lovelace")).to_be_visible()
    check("interview booked")
    page.goto(f"{base}/i/not-a-token/")
    check("broken interview link")
    context.close()
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_public_careers_pages_have_no_serious_accessibility_problem(
    live_server, browser, screenshot, size
):
    from tests.factories import RoleFactory

    role = RoleFactory(
        title="Customer Success Manager",
        team="Customer Success",
        location="Lisbon",
        workplace="hybrid",
        description="## What you will do\n\nHelp customers **succeed**.\n\n- Listen\n- Follow up",
        pay_min=32000,
        pay_max=38000,
        pay_currency="EUR",
        published_at=timezone.now(),
    )
    RoleFactory(title="Support Specialist", location="Porto", published_at=timezone.now())
    context = browser.new_context(bypass_csp=True, **SIZES[size])
    page = context.new_page()
    found = {}
    page.goto(f"{live_server.url}/careers/")
    expect(page.get_by_role("heading", name="Work with people who care")).to_be_visible()
    screenshot(f"careers-{size}", of=page)
    found["careers"] = axe_problems(page)
    page.get_by_role("link", name="Customer Success Manager").click()
    expect(page.get_by_role("heading", name="Customer Success Manager")).to_be_visible()
    screenshot(f"careers-role-{size}", of=page)
    found["role"] = axe_problems(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["viewport"]["width"]
    page.goto(f"{live_server.url}/careers/?location=Nowhere")
    found["no roles"] = axe_problems(page)
    role.knockout_questions.create(text="Can you work weekends?", disqualifying_answer="no")
    page.goto(f"{live_server.url}/careers/{role.pk}/apply/")
    expect(page.get_by_role("heading", name="Apply for Customer Success Manager")).to_be_visible()
    screenshot(f"careers-apply-{size}", of=page)
    found["apply"] = axe_problems(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["viewport"]["width"]
    page.get_by_role("button", name="Apply and start the Passion Test").click()  # nothing filled
    expect(page.get_by_text("Please check")).to_be_visible()
    screenshot(f"careers-apply-errors-{size}", of=page)
    found["apply with errors"] = axe_problems(page)
    page.goto(f"{live_server.url}/careers/privacy/")
    found["privacy notice"] = axe_problems(page)
    page.goto(f"{live_server.url}/careers/{role.pk}/apply/")
    page.get_by_label("Your name").fill("Ada Lovelace")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Phone").fill("+44 20 7946 0958")
    page.locator("label", has_text="No").first.click()  # a knock-out answer: read first
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Apply and start the Passion Test").click()
    expect(page.get_by_role("heading", name="Thank you, we have your application")).to_be_visible()
    found["received"] = axe_problems(page)
    context.close()
    assert role.pk
    assert {name: problems for name, problems in found.items() if problems} == {}


@pytest.mark.parametrize("size", list(SIZES))
def test_the_status_page_has_no_serious_accessibility_problem(
    live_server, browser, screenshot, role, recruiter, questionnaire, size
):
    """The candidate's status page with a test to take and an interview to pick, then booked,
    a phone number sent back with an error, the confirmation step, withdrawn, and an erased
    candidate's link; it fits a 390 px phone without sideways scrolling."""
    from hiring.services import privacy

    application = ApplicationFactory(role=role, candidate__name="Ada Lovelace")
    services.passion_test_invite(application=application, invited_by=recruiter)
    interview_services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[recruiter],
        slots=[timezone.now() + timedelta(days=3), timezone.now() + timedelta(days=4)],
        duration_minutes=45,
        location="Room Ada, 3rd floor",
        time_zone="Europe/Berlin",
        created_by=recruiter,
    )
    erased = ApplicationFactory(role=role)
    privacy.candidate_erase(candidate=erased.candidate)
    context = browser.new_context(bypass_csp=True, **SIZES[size])
    page = context.new_page()
    status = f"{live_server.url}/s/{services.status_token(application)}/"
    found = {}

    def check(name: str) -> None:
        found[name] = axe_problems(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= SIZES[size]["viewport"]["width"], name

    page.goto(status)
    expect(page.get_by_role("heading", name="Hello, Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("link", name="Take your Passion Test")).to_be_visible()
    screenshot(f"status-{size}", of=page)
    check("status page: a test to take, an interview to pick")

    page.get_by_role("link", name="Pick a time").click()
    page.locator("label.btn").first.click()
    page.get_by_role("button", name="Book this time").click()
    expect(page.get_by_role("heading", name="You're booked, Ada Lovelace")).to_be_visible()
    page.goto(status)
    expect(page.locator("time.ph-local-time")).to_be_visible()
    check("status page: an interview booked")

    page.get_by_label("Phone number").fill("12")
    page.get_by_role("button", name="Save my phone number").click()
    expect(page.get_by_text("doesn't look like a phone number")).to_be_visible()
    check("status page: a phone number with an error")

    page.get_by_role("button", name="Withdraw my application").click()
    expect(page.get_by_role("heading", name="Withdraw your application?")).to_be_visible()
    check("withdraw: the confirmation step")
    page.get_by_role("button", name="Yes, withdraw my application").click()
    expect(page.get_by_role("heading", name="You withdrew your application")).to_be_visible()
    screenshot(f"status-withdrawn-{size}", of=page)
    check("status page: withdrawn")

    page.goto(f"{live_server.url}/s/{services.status_token(erased)}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check("an erased candidate's link")
    context.close()
    assert {name: problems for name, problems in found.items() if problems} == {}
