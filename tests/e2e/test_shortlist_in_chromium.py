"""A hiring manager's morning in real Chromium: shortlist, filter, profile, compare, decide."""

import random

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from candidates.models import Application, Decision
from passionhire.traits import Trait
from tests.e2e.conftest import log_in
from tests.shortlist.conftest import ADA, ALAN, GRACE, scored

pytestmark = pytest.mark.browser

PEOPLE = [
    "Maya Okafor", "Jonas Lindqvist", "Priya Raman", "Tomás Herrera", "Aiko Tanaka",
    "Kwame Mensah", "Sofia Rossi", "Liam O'Brien", "Nadia Haddad",
]  # fmt: skip


@pytest.fixture
def shortlist_role(role):
    """Ada, Grace and Alan from the shortlist tests, and nine more with varied evidence."""
    rng = random.Random(3)
    ada = {**ADA, "curiosity": [("passion_test", 85, 1.0), ("interview", 75, 1.0)]}
    scored(role, "Ada Lovelace", ada, stage="interviews")
    scored(role, "Grace Hopper", GRACE, stage="team_meet")
    scored(role, "Alan Turing", ALAN, stage="passion_test")
    for name in PEOPLE:
        level = rng.gauss(62, 12)
        evidence = {
            t.value: [
                ("passion_test", min(100, max(0, rng.gauss(level, 12))), 0.9),
                ("interview", (rng.randint(2, 5) - 1) * 25.0, 1.0),
            ]
            for t in Trait
            if rng.random() < 0.85
        }
        scored(role, name, evidence, stage=rng.choice(["interviews", "team_meet", "decision"]))
    return role


def test_a_hiring_manager_filters_reads_compares_and_decides(
    live_server, watched_page: Page, expected_errors, screenshot, shortlist_role
):
    page = watched_page
    # Deciding without a reason is sent back with 422 on purpose.
    expected_errors += [r"422 .*/decide/$", r"status of 422 \(Unprocessable"]
    page.set_viewport_size({"width": 1440, "height": 1000})
    log_in(page, live_server, "hugo")
    page.get_by_role("link", name="Customer Success Manager Customer Support").click()
    expect(page.get_by_role("heading", name="Customer Success Manager · shortlist")).to_be_visible()
    expect(page.get_by_text("12 candidates in the pipeline")).to_be_visible()

    page.get_by_label("Empathy", exact=True).fill("50")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name="Grace Hopper")).to_be_visible()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("link", name="Alan Turing")).to_have_count(0)
    assert "min_empathy=50" in page.url
    screenshot("shortlist", full_page=False)

    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_text("Sources disagree on empathy")).to_be_visible()
    expect(page.locator("#why-empathy")).to_contain_text("+10.4")
    page.wait_for_function("() => window.Chart && Chart.getChart('multi-radar')")
    screenshot("shortlist-profile")
    page.go_back()

    page.get_by_label("Compare Ada Lovelace").check()
    page.get_by_label("Compare Grace Hopper").check()
    page.get_by_role("button", name="Compare selected").click()
    expect(page.get_by_role("heading", name="Compare 2 candidates")).to_be_visible()
    page.wait_for_function("() => Chart.getChart('multi-radar').data.datasets.length === 2")
    screenshot("shortlist-compare", full_page=False)

    page.goto(f"{live_server.url}/roles/{shortlist_role.pk}/shortlist/?stage=passion_test")
    page.get_by_role("link", name="Alan Turing").click()
    page.get_by_label("Reject").check()
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Give a reason")).to_be_visible()  # sent back, nothing recorded
    assert not Decision.objects.exists()
    page.get_by_label("Reject").check()
    page.get_by_label("Reason").fill("Only an unreliable test, and a low one; the team agreed.")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Rejected: Alan Turing. Your reason is recorded.")).to_be_visible()
    expect(page.get_by_text("This application is closed (rejected).")).to_be_visible()
    expect(page.get_by_label("Reopen the application")).to_be_visible()  # with a reason
    screenshot("shortlist-decided")

    alan = Application.objects.get(candidate__name="Alan Turing")
    assert alan.stage == "rejected"
    assert Decision.objects.get().reason.startswith("Only an unreliable test")
    [email] = [m for m in mail.outbox if m.to == ["alan.turing@example.com"]]
    assert "Thank you for applying for the Customer Success Manager role" in email.body
    assert "unreliable" not in email.body


def test_weights_and_blind_review_in_the_browser(
    live_server, watched_page: Page, screenshot, shortlist_role
):
    page = watched_page
    page.set_viewport_size({"width": 1440, "height": 1000})
    log_in(page, live_server, "hugo")
    page.goto(f"{live_server.url}/roles/{shortlist_role.pk}/shortlist/")
    page.get_by_role("link", name="Weights").first.click()
    page.get_by_label("Courage").fill("10")
    page.get_by_label("Team meet").fill("8")
    screenshot("shortlist-weights", full_page=False)
    page.get_by_role("button", name="Save and re-rank").click()
    expect(page.get_by_text("Weights saved; 12 applications re-ranked.")).to_be_visible()
    # Courage now counts double: Grace (100 on courage) has the highest composite. The
    # default order is the rank score, where a candidate known from more sources leads.
    page.get_by_label("Sort by").select_option("composite")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("table.ph-shortlist tbody tr").first).to_contain_text("Grace Hopper")

    page.get_by_role("button", name="Blind review off").click()
    expect(page.get_by_text("Blind review is on")).to_be_visible()
    expect(page.get_by_role("link", name="Grace Hopper")).to_have_count(0)
    html = page.content()
    for name in ("Ada Lovelace", "Grace Hopper", "grace.hopper@", "Alan Turing"):
        assert name not in html
    screenshot("shortlist-blind", full_page=False)
