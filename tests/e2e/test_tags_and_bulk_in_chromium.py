"""A recruiter in real Chromium: tags a candidate on their page (htmx, a bad tag refused in
place), filters the shortlist by the tag, saves the view, and tags everyone matching in bulk;
the shortlist with its bulk bar on a desktop and at 390 px, with no serious axe violation."""

import pytest
from playwright.sync_api import Page, expect

from candidates.models import Application, TaggedCandidate
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import axe_problems
from tests.e2e.test_shortlist_in_chromium import shortlist_role as shortlist_role  # a fixture

pytestmark = pytest.mark.browser


def test_a_recruiter_tags_filters_saves_the_view_and_tags_in_bulk(
    live_server,
    watched_page: Page,
    expected_errors,
    screenshot,
    shortlist_role,  # noqa: F811
    browser,
    recruiter,
):
    page = watched_page
    expected_errors += [r"422 .*/tags/$", r"status of 422 \(Unprocessable"]  # the bad tag
    page.set_viewport_size({"width": 1440, "height": 1000})
    log_in(page, live_server, "rita")
    ada = Application.objects.get(candidate__name="Ada Lovelace")
    page.goto(f"{live_server.url}/applications/{ada.pk}/")
    tags = page.locator("#tags")
    tags.get_by_label("Add a tag").fill('<b>"silver"</b>')
    tags.get_by_role("button", name="Add").click()
    expect(page.locator("#tags").get_by_role("alert")).to_contain_text("no commas, quotes")
    page.locator("#tags").get_by_label("Add a tag").fill("silver medallist")
    page.locator("#tags").get_by_role("button", name="Add").click()
    expect(page.locator("#tags")).to_contain_text("Tagged “silver medallist”.")
    expect(page.get_by_role("button", name="Remove the tag silver medallist")).to_be_visible()

    page.goto(f"{live_server.url}/roles/{shortlist_role.pk}/shortlist/")
    page.get_by_label("Tag", exact=True).select_option("silver medallist")
    page.locator("aside").get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("link", name="Grace Hopper")).to_have_count(0)
    page.get_by_placeholder("Name this view").fill("Silver medallists")
    page.get_by_role("button", name="Save this view").click()
    expect(page.get_by_role("link", name="Silver medallists")).to_have_attribute(
        "aria-current", "true"
    )

    page.get_by_role("link", name="Reset").click()
    expect(page.get_by_text("12 candidates in the pipeline")).to_be_visible()
    for name in ("Grace Hopper", "Alan Turing"):
        page.get_by_label(f"Select {name} for a bulk action").check()
    page.get_by_label("Action", exact=True).select_option("tag")
    page.get_by_label("Tag (to add)").fill("round two")
    screenshot("shortlist-bulk-bar-desktop")
    # axe runs in contexts of its own (it injects a script the page's CSP rightly refuses).
    found = {}
    for size, viewport in (("desktop", (1440, 1000)), ("390", (390, 844))):
        checker = browser.new_context(
            bypass_csp=True, viewport={"width": viewport[0], "height": viewport[1]}
        )
        checker.add_cookies(page.context.cookies())
        other = checker.new_page()
        other.goto(page.url)
        expect(other.get_by_text("Act in bulk")).to_be_visible()
        if size == "390":
            assert other.evaluate("document.documentElement.scrollWidth") <= 390
            screenshot("shortlist-bulk-bar-390", of=other)
            other.locator(".ph-bulk-bar").scroll_into_view_if_needed()
            screenshot("shortlist-bulk-bar-390-bar", full_page=False, of=other)
        found[size] = axe_problems(other)
        checker.close()
    assert found == {"desktop": [], "390": []}

    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("Done: 2 changed.")).to_be_visible()
    tagged = TaggedCandidate.objects.filter(tag__name="round two")
    assert sorted(t.content_object.name for t in tagged) == ["Alan Turing", "Grace Hopper"]
