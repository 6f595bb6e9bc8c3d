"""A recruiter's day in real Chromium, as the issue tells it: she words a rejection in the
email editor (previewed on a real candidate), drags a card from Applied to Passion Test,
rejects the 30 applicants matching the Applied filter in bulk with that wording, undoes it
within the grace (no email leaves), and mentions the hiring manager in a note; he sees the
bell and opens the candidate from it; an interviewer who has not recorded gets the nag after
the interview and records. axe-core: nothing serious or critical on the editor."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from candidates.models import Application, Stage
from interviews.models import Scorecard
from interviews.services.notices import scorecard_nags_send_due
from passionhire import outbox
from passionhire.traits import Trait
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES, axe_problems
from tests.factories import ApplicationFactory, EmployeeFactory, held_interview, weekday_afternoon

pytestmark = pytest.mark.browser


def test_a_recruiters_day(
    live_server, watched_page: Page, browser, screenshot, settings, role, recruiter, question_bank
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "UNDO_GRACE_SECONDS": 600}
    applicants = [
        ApplicationFactory(role=role, stage=Stage.APPLIED, candidate__name=f"Applicant {n:02}")
        for n in range(31)
    ]
    dragged = applicants[-1]  # the newest: a column shows its 20 most recently moved cards
    page = watched_page
    page.set_viewport_size({"width": 1440, "height": 1000})
    log_in(page, live_server, "rita")

    # The email editor: a second rejection wording, previewed on a real candidate first.
    page.goto(f"{live_server.url}/emails/")
    page.get_by_role("link", name="Add a wording of Rejection").click()
    page.get_by_label("Name").fill("After the CV read")
    page.get_by_label("Subject").fill("Your application for {{ role_title }}")
    page.get_by_label("Body").fill(
        "Hello {{ candidate_name }},\n\nThank you for applying. We read every application "
        "with care and will not take yours further this time.\n\n{{ settings }}"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("“{{ settings }}” is not a placeholder of this email")).to_be_visible()
    body = page.get_by_label("Body")
    body.fill(body.input_value().replace("{{ settings }}", "{{ sign_off }}"))
    page.get_by_label("Preview on").select_option(label=f"Applicant 05 · {role.title}")
    page.get_by_role("button", name="Preview").click()
    frame = page.frame_locator("iframe[title='The email as HTML']")
    expect(frame.get_by_text("Hello Applicant 05,")).to_be_visible()
    screenshot("email-editor-preview-desktop")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("now reads as you wrote it")).to_be_visible()
    expect(page.get_by_role("link", name="After the CV read")).to_be_visible()

    # The board: a card dragged from Applied to Passion Test.
    page.goto(f"{live_server.url}/roles/{role.pk}/board/")
    page.set_viewport_size({"width": 1440, "height": 4000})  # the whole column in view
    applied = page.locator(".ph-board-list[data-stage='applied']")
    applied.locator(f"#card-{dragged.pk}").drag_to(
        page.locator(".ph-board-list[data-stage='passion_test']")
    )
    expect(page.get_by_role("status")).to_contain_text("Moved Applicant 30 to Passion Test.")
    assert Application.objects.get(pk=dragged.pk).stage == Stage.PASSION_TEST
    page.set_viewport_size({"width": 1440, "height": 1000})

    # Everything matching Applied (30, more than a page) rejected with that wording.
    page.goto(f"{live_server.url}/roles/{role.pk}/?stage=applied")
    page.get_by_label("Action").select_option("reject")
    page.get_by_label("Email wording").select_option(label="After the CV read")
    page.locator("#bulk-reason").fill("We need weekend cover this round.")
    page.get_by_role("button", name="Apply to all 30 matching this filter").click()
    expect(page.get_by_text("Done: 30 changed.")).to_be_visible()
    assert Application.objects.filter(role=role, stage=Stage.REJECTED).count() == 30
    assert mail.outbox == []  # held for the grace
    page.get_by_role("button", name="Undo this rejection of 30").click()
    expect(page.get_by_text("Undone: 30 back where they were")).to_be_visible()
    assert Application.objects.filter(role=role, stage=Stage.APPLIED).count() == 30
    for message in outbox.due_for_relay(now=timezone.now() + timedelta(hours=1)):
        outbox._publish(message)
    assert mail.outbox == []  # undone within the grace: not one email left

    # A note mentioning the hiring manager; he opens the candidate from his bell.
    page.goto(f"{live_server.url}/applications/{dragged.pk}/")
    page.get_by_label("Add a note").fill("@hugo the kindest answer about a late refund")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Your note is saved.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server, "hugo")
    expect(page.locator("#notification-bell")).to_have_accessible_name(
        re.compile(r"Notifications, \d+ unread")
    )
    page.locator("#notification-bell").click()
    page.get_by_role("link", name="mentioned you in a note").click()
    expect(page.locator("#notes").get_by_text("kindest answer")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    # The interview took place three hours before a weekday afternoon (nags skip weekends);
    # Ivan has not recorded: the nag, then he does.
    ivan = EmployeeFactory(username="ivan", first_name="Ivan", email="ivan@example.com")
    nag_time = weekday_afternoon()
    interview = held_interview(
        application=dragged,
        interviewers=[ivan],
        created_by=recruiter,
        started=nag_time - timedelta(hours=3),
    )
    mail.outbox.clear()
    assert scorecard_nags_send_due(now=nag_time) == 1
    [nag] = mail.outbox
    assert nag.to == ["ivan@example.com"]
    log_in(page, live_server, "ivan")
    # The booking told him first; the nag is the second.
    expect(page.locator("#notification-count")).to_have_text("2")
    page.locator("#notification-bell").click()
    page.get_by_role("link", name="1 interview to record").click()
    for n, trait in enumerate(Trait):
        page.locator(f"label[for='id_rating_{trait.value}_{3 if n % 2 else 4}']").click()
        page.locator(f"#id_evidence_{trait.value}").fill(
            f"On {trait.label.lower()}: she called the customer back because she had promised."
        )
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Submit scorecard").click()
    expect(page.get_by_text("You can now see the other interviewers' scorecards")).to_be_visible()
    assert Scorecard.objects.filter(interview=interview, interviewer=ivan).exists()
    assert scorecard_nags_send_due(now=timezone.now() + timedelta(days=1)) == 0

    # The editor and the list, at desktop and phone width: axe finds nothing serious.
    for size in ("desktop", "phone"):
        context = browser.new_context(bypass_csp=True, **SIZES[size])
        checked = context.new_page()
        log_in(checked, live_server, "rita")
        found = {}
        checked.goto(f"{live_server.url}/emails/")
        screenshot(f"email-list-{size}", of=checked)
        found["emails"] = axe_problems(checked)
        checked.goto(f"{live_server.url}/emails/rejection/")
        screenshot(f"email-editor-{size}", of=checked)
        found["email editor"] = axe_problems(checked)
        context.close()
        assert found == {name: [] for name in found}, size
