"""A values interview end to end in real Chromium: the recruiter offers times, the candidate
picks one from the emailed link, the interview takes place, and an interviewer submits a
scorecard and only then sees the other interviewer's."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from interviews import services
from interviews.models import Booking, Interview, Scorecard
from passionhire.traits import Trait
from tests.e2e.conftest import log_in
from tests.factories import ApplicationFactory, CandidateFactory, EmployeeFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def test_schedule_pick_a_slot_and_score_independently(
    live_server, watched_page: Page, browser, screenshot, settings, role, recruiter, question_bank
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SITE_URL": live_server.url}
    ivan = EmployeeFactory(
        username="ivan", first_name="Ivan", last_name="Interviewer", email="ivan@example.com"
    )
    jo = EmployeeFactory(username="jo", first_name="Jo", last_name="Judge", email="jo@example.com")
    candidate = CandidateFactory(name="Ada Lovelace", email="ada@example.com")
    application = ApplicationFactory(role=role, candidate=candidate)

    # The recruiter offers two times with Ivan and Jo.
    page = watched_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server, "rita")
    page.goto(f"{live_server.url}/applications/{application.pk}/")
    page.get_by_role("button", name="Schedule").click()
    page.get_by_role("link", name="Values interview").click()
    page.get_by_label("Ivan Interviewer").check()
    page.get_by_label("Jo Judge").check()
    page.get_by_label("Where").fill("Room Lovelace, 3rd floor")
    day = (timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d")
    page.locator("#id_slot_1").fill(f"{day}T10:00")
    page.locator("#id_slot_2").fill(f"{day}T14:30")
    screenshot("interview-schedule-form")
    page.get_by_role("button", name="Offer these times").click()
    expect(page.get_by_text("Values interview offered")).to_be_visible()
    interview = Interview.objects.get()
    (invite,) = mail.outbox
    assert invite.to == ["ada@example.com"]
    link = re.search(r"http://\S+/i/\S+/", invite.body).group(0)

    # Ada picks the afternoon on her phone.
    phone = browser.new_context(
        viewport=PHONE, is_mobile=True, has_touch=True, timezone_id="Europe/Lisbon"
    )
    ada = phone.new_page()
    problems = []
    ada.on("console", lambda msg: msg.type == "error" and problems.append(msg.text))
    ada.goto(link)
    expect(ada.get_by_role("heading", name="Pick a time")).to_be_visible()
    expect(ada.get_by_text("Europe/Lisbon (your time zone)")).to_be_visible()
    screenshot("interview-slot-picker-phone", of=ada)
    ada.locator("label.btn").nth(1).click()
    ada.get_by_role("button", name="Book this time").click()
    expect(ada.get_by_role("heading", name="You're booked, Ada Lovelace")).to_be_visible()
    screenshot("interview-slot-booked-phone", of=ada)
    assert problems == []
    interview.refresh_from_db()
    assert interview.status == "scheduled"
    assert interview.starts_at.strftime("%H:%M") == "14:30"  # rita's time zone is UTC
    # The candidate's in the organisation's words ("Booked: …"), the interviewers' fixed.
    calendars = [m for m in mail.outbox if m.subject.startswith(("Invitation", "Booked"))]
    assert sorted(m.to[0] for m in calendars) == [
        "ada@example.com",
        "ivan@example.com",
        "jo@example.com",
    ]

    # The interview takes place; Jo records hers first.
    past = timezone.now().replace(microsecond=0) - timedelta(hours=1)
    Interview.objects.filter(pk=interview.pk).update(starts_at=past)
    Booking.objects.filter(interview=interview).update(
        starts_at=past, ends_at=past + timedelta(hours=1)
    )
    services.scorecard_submit(
        interview=interview,
        interviewer=jo,
        recommendation="no",
        ratings={t: (2, "Jo noticed the refund story had no customer in it.") for t in Trait},
    )

    # Ivan cannot see Jo's scorecard until he has submitted his own.
    staff = browser.new_context(viewport={"width": 1366, "height": 900})
    ivan_page = staff.new_page()
    log_in(ivan_page, live_server, "ivan")
    ivan_page.goto(f"{live_server.url}/interviews/{interview.pk}/")
    expect(ivan_page.get_by_text("1 colleague already recorded theirs")).to_be_visible()
    expect(ivan_page.get_by_text("Jo noticed the refund story")).to_have_count(0)
    ivan_page.get_by_role("link", name="Fill in my scorecard").click()
    # Submitting with a rating but no evidence is sent back, the rest kept.
    ivan_page.locator("label[for='id_rating_empathy_3']").click()
    ivan_page.get_by_role("button", name="Submit scorecard").click()
    expect(ivan_page.get_by_text("Write the evidence for this rating").first).to_be_visible()
    for n, trait in enumerate(Trait):
        ivan_page.locator(f"label[for='id_rating_{trait.value}_{3 if n % 2 else 4}']").click()
        ivan_page.locator(f"#id_evidence_{trait.value}").fill(
            f"On {trait.label.lower()}: she rang the customer back because she had promised to."
        )
    ivan_page.locator("label[for='id_rating_courage_5']").click()  # no evidence on courage
    ivan_page.get_by_label("Yes", exact=True).check()
    screenshot("interview-scorecard-form", of=ivan_page)
    ivan_page.get_by_role("button", name="Submit scorecard").click()
    expect(
        ivan_page.get_by_text("You can now see the other interviewers' scorecards")
    ).to_be_visible()
    expect(ivan_page.get_by_text("Jo noticed the refund story").first).to_be_visible()
    screenshot("interview-detail-after-submit", of=ivan_page)
    mine = Scorecard.objects.get(interviewer=ivan)
    assert {r.trait: r.rating for r in mine.ratings.all()}["courage"] is None

    # The recruiter prints the guide.
    page.goto(f"{live_server.url}/roles/{role.pk}/guide/")
    screenshot("interview-guide")
    page.get_by_role("link", name="Print view").click()
    expect(page.get_by_role("heading", name=re.compile("Values interview"))).to_be_visible()
    page.emulate_media(media="print")
    screenshot("interview-guide-print")
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/interviewers/")
    screenshot("interviewers-report")
    staff.close()
    phone.close()
