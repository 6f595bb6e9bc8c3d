"""The front door in real Chromium, as the issue tells it: a candidate on a phone finds a role,
applies with a CV, goes straight into the Passion Test, leaves after page 2, comes back from
the emailed link and finishes, then sees "Your Passion Test is in" on their status page. An
employee shares a role; a second candidate applies through that link and appears in the
employee's referrals. A recruiter sees both with their sources and downloads the CV."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from candidates.models import Application, KnockoutQuestion, PassionTestResponse
from candidates.passion_test import paging
from tests.careers.conftest import PDF
from tests.e2e.conftest import log_in
from tests.e2e.test_passion_test_pages_in_chromium import answer_page
from tests.factories import RoleFactory, answers_for, questionnaire_with_blocks

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
LINK = re.compile(r"http://\S+/t/\S+/")
STATUS_LINK = re.compile(r"http://\S+/s/\S+/")


@pytest.fixture
def published(db, questionnaire):
    questionnaire_with_blocks()
    role = RoleFactory(
        title="Customer Hero",
        team="Care",
        location="Lisbon",
        workplace="hybrid",
        description="## What you will do\n\nListen, follow up, and **care**.",
        published_at=timezone.now(),
    )
    KnockoutQuestion.objects.create(
        role=role, text="Can you work weekends?", disqualifying_answer="no"
    )
    RoleFactory(title="Support Specialist", location="Porto", published_at=timezone.now())
    return role


def fill_application(page: Page, name: str, email: str, *, cv=None) -> None:
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Phone").fill("+351 912 345 678")
    if cv:
        page.get_by_label("CV (optional)").set_input_files(cv)
    page.locator("label", has_text="Yes").first.click()  # weekends: yes
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Apply and start the Passion Test").click()


def test_apply_on_a_phone_take_the_test_in_two_sittings_and_follow_it(
    live_server, browser, published, employee, recruiter, screenshot, settings
):
    base = live_server.url
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SITE_URL": base}  # links in the emails
    phone = browser.new_context(**PHONE, base_url=base)
    ada = phone.new_page()
    problems = []
    ada.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))

    # She finds the role on the careers page and applies with her CV.
    ada.goto("/careers/")
    screenshot("journey-careers-phone", of=ada)
    ada.get_by_role("link", name="Customer Hero").click()
    ada.get_by_role("link", name="Apply now").click()
    screenshot("journey-apply-phone", of=ada)
    fill_application(
        ada,
        "Ada Lovelace",
        "ada@example.com",
        cv={"name": "Ada CV.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )
    # Straight into the test.
    expect(ada.get_by_text("your application is in")).to_be_visible()
    expect(ada.get_by_text("Page 1 of 3")).to_be_visible()
    application = Application.objects.get(candidate__email="ada@example.com")
    assert application.cv_name == "Ada CV.pdf"
    response = PassionTestResponse.objects.get(application=application)
    pages = paging.response_pages(response)
    answers = answers_for([q for p in pages for q in p], why="A customer cried; I stayed.")
    answer_page(ada, pages[0], answers, response)
    ada.get_by_role("button", name="Next page").click()
    answer_page(ada, pages[1], answers, response)
    ada.get_by_role("button", name="Next page").click()
    expect(ada.get_by_text("Page 3 of 3")).to_be_visible()
    ada.close()  # she leaves after page 2

    # She comes back from the emailed link and finishes.
    (confirmation,) = [m for m in mail.outbox if m.to == ["ada@example.com"]]
    test_link = LINK.search(confirmation.body).group(0)
    ada = phone.new_page()
    ada.goto(test_link)
    expect(ada.get_by_text("Page 3 of 3")).to_be_visible()
    answer_page(ada, pages[2], answers, response)
    ada.get_by_role("button", name="Submit my answers").click()
    expect(ada.get_by_role("heading", name="Thank you, Ada Lovelace")).to_be_visible()

    # Her own page, from the same email: where it stands, in plain words.
    ada.goto(STATUS_LINK.search(confirmation.body).group(0))
    expect(ada.get_by_text("Your Passion Test is in")).to_be_visible()
    screenshot("journey-status-phone", of=ada)
    desktop_view = browser.new_context(**DESKTOP).new_page()
    desktop_view.goto(STATUS_LINK.search(confirmation.body).group(0))
    expect(desktop_view.get_by_text("Your Passion Test is in")).to_be_visible()
    screenshot("journey-status-desktop", of=desktop_view)
    desktop_view.context.close()

    # An employee shares the role; Ben applies through that link.
    desktop = browser.new_context(**DESKTOP, base_url=base)
    emma = desktop.new_page()
    log_in(emma, live_server, employee.username)
    emma.goto("/referrals/share/")
    share_link = emma.locator(f"#share-link-{published.pk}").input_value()
    ben = phone.new_page()
    ben.goto(share_link)
    ben.get_by_role("link", name="Apply now").click()
    fill_application(ben, "Ben Share", "ben@example.com")
    expect(ben.get_by_text("Page 1 of 3")).to_be_visible()
    emma.goto("/referrals/")
    expect(emma.get_by_text("Ben Share")).to_be_visible()
    emma.context.clear_cookies()

    # A recruiter sees both with their sources and downloads the CV.
    log_in(emma, live_server, recruiter.username)
    emma.goto(f"/roles/{published.pk}/")
    expect(emma.locator(".ph-source", has_text="Careers page")).to_be_visible()
    expect(emma.get_by_text(f"Referral link of {employee.get_display_name()}")).to_be_visible()
    screenshot("journey-recruiter-role-desktop", of=emma)
    emma.get_by_role("link", name="Ada Lovelace").click()
    with emma.expect_download() as download:
        emma.get_by_role("link", name=re.compile("CV: Ada CV.pdf")).click()
    assert download.value.suggested_filename == "Ada CV.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    phone.close()
    desktop.close()
    assert problems == []
