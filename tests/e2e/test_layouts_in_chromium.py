"""Layouts that hold, in real Chromium: below 768 px the lists are cards (name, composite,
stage, flags and the row's action) that start near the top, filter panels fold away behind a
"Filters" button, nothing scrolls sideways; the desktop keeps its tables. Then a screenshot and
axe-core (no serious or critical violation) of each list page on a phone and a desktop."""

# ruff: noqa: F811 (pytest passes the imported fixture by its name)

import json
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from candidates.bulk import services as bulk
from candidates.models import Stage
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems

# The shortlist tests' role of twelve scored candidates, used here as a fixture by name.
from tests.e2e.test_shortlist_in_chromium import shortlist_role  # noqa: F401

pytestmark = pytest.mark.browser

PHONE = SIZES["phone"]["viewport"]["width"]
# Measured at 390 x 844 before cards: the shortlist's first row began at y = 1,323 (under the
# whole filter form) and the pipeline's at 1,045 (under the role's weights); both now begin
# well inside the first screen.
FIRST_SCREEN = 700


def top_of(page: Page, selector: str) -> float:
    return page.evaluate(
        "s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector
    )


def label_of(page: Page, cell) -> str:
    """The column name a stacked cell shows before its value (its ::before content)."""
    return cell.evaluate("td => getComputedStyle(td, '::before').content")


def no_sideways_scroll(page: Page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def phone(browser):
    context = browser.new_context(**SIZES["phone"])
    yield context.new_page()
    context.close()


def test_on_a_phone_the_shortlist_is_cards_near_the_top_and_its_filters_fold_away(
    live_server,
    phone: Page,
    screenshot,
    shortlist_role,
):
    log_in(phone, live_server, "hugo")
    phone.goto(f"{live_server.url}/roles/{shortlist_role.pk}/shortlist/")
    first = phone.locator(".ph-shortlist tbody tr").first
    expect(first).to_be_visible()
    assert top_of(phone, ".ph-shortlist tbody tr") < FIRST_SCREEN
    screenshot("layout-shortlist-phone-first-screen", full_page=False, of=phone)
    no_sideways_scroll(phone, PHONE)

    # A card, not a squeezed row: the header row is hidden, each value named beside it.
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
    expect(phone.locator(".ph-shortlist thead")).not_to_be_in_viewport()
    for label in ("Stage", "Rank score", "Composite", "Flags"):
        cell = first.locator(f"td[data-label='{label}']")
        expect(cell).to_be_visible()
        assert label_of(phone, cell) == f'"{label}"'
    expect(first.locator("td[data-label='Composite']")).to_have_text(re.compile(r"^\s*\d+\s*$"))
    expect(first.locator("td[data-label='Stage'] .ph-stage")).to_be_visible()
    expect(first.get_by_role("link").first).to_be_visible()
    ranked = phone.locator(".ph-shortlist td[data-label='Flags'] .badge")
    expect(ranked.first).to_be_visible()  # Ada's sources disagree: flagged on her card
    screenshot("layout-shortlist-phone", of=phone)

    # The filters wait behind a button that says whether it is open.
    toggle = phone.get_by_role("button", name="Filters")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_have_attribute("aria-controls", "shortlist-filters")
    expect(phone.locator("#shortlist-filters")).to_be_hidden()
    toggle.click()
    expect(phone.locator("#shortlist-filters")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    phone.get_by_label("Stage").select_option("team_meet")
    phone.get_by_role("button", name="Apply").click()
    expect(phone.get_by_role("link", name="Grace Hopper")).to_be_visible()

    # The cards' checkboxes still feed the compare form.
    phone.goto(f"{live_server.url}/roles/{shortlist_role.pk}/shortlist/")
    boxes = phone.locator(".ph-shortlist td.ph-stack-corner input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    phone.get_by_role("button", name="Compare selected").click()
    expect(phone.get_by_role("heading", name="Compare 2 candidates")).to_be_visible()


def test_on_a_phone_the_pipeline_is_cards_with_their_checkboxes(
    live_server,
    phone: Page,
    screenshot,
    shortlist_role,
    recruiter,
):
    log_in(phone, live_server, "rita")
    phone.goto(f"{live_server.url}/roles/{shortlist_role.pk}/")
    first = phone.locator(".ph-stack tbody tr").first
    expect(first).to_be_visible()
    assert top_of(phone, ".ph-stack tbody tr") < 1.5 * FIRST_SCREEN  # below the role's buttons
    no_sideways_scroll(phone, PHONE)
    for label in ("Stage", "Composite"):
        cell = first.locator(f"td[data-label='{label}']")
        expect(cell).to_be_visible()
        assert label_of(phone, cell) == f'"{label}"'
    expect(first.locator("td.ph-stack-corner input[type=checkbox]")).to_be_visible()
    toggle = phone.get_by_role("button", name="Filters")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(phone.locator("#pipeline-filters")).to_be_hidden()
    toggle.click()
    phone.locator("#pipeline-filters").get_by_role("link", name="Team meet").click()
    expect(phone).to_have_url(f"{live_server.url}/roles/{shortlist_role.pk}/?stage=team_meet")
    screenshot("layout-pipeline-phone", of=phone)


def test_on_a_desktop_the_lists_stay_tables_with_their_filters_open(
    live_server,
    page: Page,
    shortlist_role,
    recruiter,
):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, "rita")
    for path, filters in (
        (f"/roles/{shortlist_role.pk}/shortlist/", "#shortlist-filters"),
        (f"/roles/{shortlist_role.pk}/", "#pipeline-filters"),
    ):
        page.goto(f"{live_server.url}{path}")
        expect(page.locator(filters)).to_be_visible()
        expect(page.get_by_role("button", name="Filters")).to_be_hidden()
        row = page.locator(".ph-stack tbody tr").first
        assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row", path
        expect(page.locator(".ph-stack thead")).to_be_visible()


@pytest.fixture
def every_list(shortlist_role, recruiter):
    """The pages of issue 17's layouts: a role with a knock-out question and a bulk job."""
    role = shortlist_role
    role.knockout_questions.create(text="Can you work some weekends?", disqualifying_answer="no")
    first, second = role.applications.filter(stage=Stage.DECISION)[:2]
    job = bulk.bulk_start(  # one rejected, one seen at a stage it has left (skipped)
        role=role,
        kind="reject",
        reason="Another candidate fitted the team better",
        selection=[(first.pk, first.stage), (second.pk, Stage.APPLIED)],
        actor=recruiter,
    )
    bulk.bulk_run(job_id=job.pk)
    return {
        "pipeline": reverse("hiring:role_detail", args=[role.pk]),
        "shortlist": reverse("hiring:shortlist", args=[role.pk]),
        "board": reverse("hiring:role_board", args=[role.pk]),
        "candidate-search": reverse("candidates:candidate_list") + "?q=a",
        "dashboard": reverse("hiring:dashboard"),
        "knockout-questions": reverse("applying:knockout_questions", args=[role.pk]),
        "bulk-job": reverse("candidates:bulk_job", args=[job.pk]),
    }


@pytest.mark.parametrize("size", list(SIZES))
def test_every_list_page_fits_and_has_no_serious_accessibility_problem(
    live_server, browser, screenshot, every_list, size
):
    context = browser.new_context(bypass_csp=True, **SIZES[size])
    page = context.new_page()
    log_in(page, live_server, "rita")
    width = SIZES[size]["viewport"]["width"]
    found, wide = {}, {}
    for name, path in every_list.items():
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        screenshot(f"layout-{name}-{size}", of=page)
        found[name] = axe_problems(page)
        wide[name] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    serious = {name: problems for name, problems in found.items() if problems}
    assert serious == {}, json.dumps(serious, indent=1)
    assert {name: w for name, w in wide.items() if w > width} == {}
