"""The validity loop in real Chromium: a hiring manager opens the check-in link from their
email and records how a hire turned out (an error first, then the answers); a recruiter reads
the validity report on the demo's past intake and applies the suggested source weights, and
the role's shortlist re-ranks."""

import re

import pytest
from django.apps import apps
from django.core import mail
from playwright.sync_api import expect

from candidates.models import Application, Evidence, Stage
from hiring.demo_fairness import seed_fairness_history
from hiring.fairness.defaults import install_default_questions
from hiring.validity import services
from hiring.validity.models import CheckIn
from passionhire.traits import Trait
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES
from tests.factories import ApplicationFactory
from tests.validity.test_checkins import hire

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_hiring_manager_records_a_checkin_from_the_link_in_their_email(
    live_server, browser, role, size, screenshot, settings
):
    settings.PASSIONHIRE = settings.PASSIONHIRE | {"SITE_URL": live_server.url}
    application = hire(role, 91, candidate__name="Grace Hopper")
    services.checkins_open_due()
    item = CheckIn.objects.get(application=application)
    services.checkin_request_send(checkin_id=item.pk)
    link = re.search(r"http://\S+/checkins/\S+/", mail.outbox[-1].body).group(0)

    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    log_in(page, live_server, role.hiring_manager.username)
    page.goto(link)
    expect(page.get_by_role("heading", name="How is Grace Hopper doing?")).to_be_visible()
    page.get_by_role("button", name="Record the check-in").click()  # nothing chosen
    expect(page.get_by_text("Some answers need another look.")).to_be_visible()
    expect(page.get_by_text("Rate their overall performance from 1 to 5.")).to_be_visible()
    for trait in Trait:
        page.get_by_role("radiogroup", name=f"{trait.label} rating").locator(
            "label", has_text=re.compile(r"^4")
        ).click()
    page.locator("#overall").get_by_label(re.compile(r"^4 ")).check()
    page.get_by_label("Yes, they still work with us").check()
    screenshot(f"validity-checkin-{size}", of=page)
    page.get_by_role("button", name="Record the check-in").click()
    expect(page.get_by_text("your check-in is recorded")).to_be_visible()
    item.refresh_from_db()
    assert item.completed_at is not None
    assert (item.performance, item.rating_courage, item.still_employed) == (4, 4, True)
    page.goto(link)  # the link, reused
    expect(page.get_by_role("heading", name="This check-in is already recorded")).to_be_visible()
    context.close()


def test_a_recruiter_applies_the_suggested_weights_and_the_shortlist_reranks(
    live_server, page, role, recruiter, hiring_manager, questionnaire, screenshot
):
    install_default_questions(apps.get_model)
    seed_fairness_history(hiring_manager=hiring_manager, recruiter=recruiter)
    # Two applicants to the open role: one the test likes, one the interviews like.
    tested = ApplicationFactory(role=role, stage=Stage.INTERVIEWS, candidate__name="Ann Tested")
    interviewed = ApplicationFactory(
        role=role, stage=Stage.INTERVIEWS, candidate__name="Ivo Interviewed"
    )
    for trait in Trait:
        for application, source, value in (
            (tested, "passion_test", 90),
            (tested, "interview", 50),
            (interviewed, "passion_test", 45),
            (interviewed, "interview", 80),
        ):
            Evidence.objects.create(
                application=application, trait=trait, source=source, value=value, origin=source
            )
    services_rescore(role)
    tested.refresh_from_db()
    interviewed.refresh_from_db()
    assert interviewed.rank_score > tested.rank_score  # the interviews count for more, now
    log_in(page, live_server, recruiter.username)
    page.goto(f"{live_server.url}/validity/?for_role={role.pk}")
    expect(
        page.get_by_role("heading", name="Do the scores predict how hires turn out?")
    ).to_be_visible()
    expect(page.get_by_text("Only hired people have outcomes.")).to_be_visible()
    suggested = page.locator("#suggestion-table")
    expect(suggested.get_by_role("row", name=re.compile("Passion Test"))).to_contain_text("10")
    screenshot("validity-report-desktop")
    page.get_by_role("button", name=f"Apply to “{role.title}” and re-rank").click()
    expect(page.get_by_text("Suggested source weights applied")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("Ann Tested")  # the test now counts for more
    screenshot("validity-applied-shortlist-desktop")
    role.refresh_from_db()
    assert role.source_weights["passion_test"] == 10
    ranks = dict(
        Application.objects.filter(pk__in=[tested.pk, interviewed.pk]).values_list(
            "pk", "rank_score"
        )
    )
    assert ranks[tested.pk] > ranks[interviewed.pk]

    phone = page.context.browser.new_context(**SIZES["phone"])
    small = phone.new_page()
    small.context.add_cookies(page.context.cookies())
    small.goto(f"{live_server.url}/validity/")
    expect(small.get_by_text("Quality of hire by where hires came from")).to_be_visible()
    screenshot("validity-report-phone", of=small)
    phone.close()


def services_rescore(role):
    from candidates.services.shortlist import applications_rescore

    applications_rescore(
        role=role, application_ids=list(role.applications.values_list("pk", flat=True))
    )
