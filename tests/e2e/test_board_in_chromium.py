"""A recruiter's board in real Chromium: drag a card, move one from the keyboard, a move that
asks for its reason, the board on a phone, and axe-core on both."""

import pytest
from playwright.sync_api import Browser, Page, expect

from candidates.models import Application, Decision, Stage
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(role, recruiter):
    people = {
        "Ada Lovelace": (Stage.APPLIED, 72.4, 0.61),
        "Grace Hopper": (Stage.APPLIED, 64.0, 0.45),
        "Alan Turing": (Stage.APPLIED, None, None),
        "Katherine Johnson": (Stage.INTERVIEWS, 81.0, 0.72),
        "Dorothy Vaughan": (Stage.DECISION, 77.0, 0.8),
        "Mary Jackson": (Stage.HIRED, 85.0, 0.9),
        "Hedy Lamarr": (Stage.REJECTED, 40.0, 0.5),
    }
    return {
        name: ApplicationFactory(
            role=role,
            stage=stage,
            composite_score=composite,
            confidence=confidence,
            candidate__name=name,
            candidate__email=f"{name.split()[0].lower()}@example.com",
        )
        for name, (stage, composite, confidence) in people.items()
    }


def column(page: Page, stage: str):
    return page.locator(f".ph-board-list[data-stage='{stage}']")


def test_a_recruiter_drags_a_card_and_moves_one_from_the_keyboard(
    live_server, watched_page: Page, screenshot, cast, role
):
    page = watched_page
    page.set_viewport_size({"width": 1440, "height": 1000})
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}{role.get_absolute_url()}")
    page.get_by_role("link", name="Board", exact=True).click()
    expect(page.get_by_role("heading", name=f"{role.title} · board")).to_be_visible()
    ada, grace, alan = cast["Ada Lovelace"], cast["Grace Hopper"], cast["Alan Turing"]
    screenshot("board-recruiter-desktop")

    # Drag Ada from Applied to Passion Test: the move persists.
    column(page, "applied").locator(f"#card-{ada.pk}").drag_to(column(page, "passion_test"))
    expect(page.get_by_role("status")).to_contain_text("Moved Ada Lovelace to Passion Test.")
    expect(column(page, "passion_test").locator(f"#card-{ada.pk}")).to_be_visible()
    expect(page.locator("#count-applied")).to_have_text("2")
    expect(page.locator("#count-passion_test")).to_have_text("1")
    assert Application.objects.get(pk=ada.pk).stage == Stage.PASSION_TEST
    page.reload()
    expect(column(page, "passion_test").locator(f"#card-{ada.pk}")).to_be_visible()

    # Dragged to Rejected, Alan's card asks for a reason; cancelled, it goes back.
    column(page, "applied").locator(f"#card-{alan.pk}").drag_to(column(page, "rejected"))
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Move Alan Turing to Rejected.")
    screenshot("board-reason-dialog")
    dialog.get_by_role("button", name="Cancel").click()
    expect(column(page, "applied").locator(f"#card-{alan.pk}")).to_be_visible()
    assert Application.objects.get(pk=alan.pk).stage == Stage.APPLIED

    # Grace, from the keyboard: her "Move to…" menu, Rejected, a reason, Enter.
    card = page.locator(f"#card-{grace.pk}")
    card.get_by_text("Move to…").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    select = card.get_by_label("Move Grace Hopper to")
    expect(select).to_be_focused()
    select.select_option("rejected")
    page.keyboard.press("Tab")
    page.keyboard.type("Prefers a back-office role")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Moved Grace Hopper to Rejected.")
    expect(column(page, "rejected").locator(f"#card-{grace.pk}")).to_be_visible()
    expect(page.locator("#count-rejected")).to_have_text("2")
    expect(page.locator(f"#card-{grace.pk} .ph-card-name")).to_be_focused()
    decision = Decision.objects.get(application=grace)
    assert (decision.kind, decision.reason) == ("reject", "Prefers a back-office role")
    screenshot("board-after-moves")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_board_has_no_serious_accessibility_problem(
    live_server, browser: Browser, screenshot, cast, role, size
):
    context = browser.new_context(bypass_csp=True, **SIZES[size])
    page = context.new_page()
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/roles/{role.pk}/board/")
    expect(page.get_by_role("heading", name=f"{role.title} · board")).to_be_visible()
    screenshot(f"board-{size}", of=page)
    assert axe_problems(page) == []
    # With a closed column's cards and a card's "Move to…" menu open.
    page.locator(".ph-board-closed-cards summary").first.click()
    page.locator(f"#card-{cast['Katherine Johnson'].pk} summary").click()
    assert axe_problems(page) == []
    screenshot(f"board-{size}-open", of=page)
    context.close()
