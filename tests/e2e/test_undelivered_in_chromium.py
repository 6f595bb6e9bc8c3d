"""Emails not delivered, in real Chromium: the Emails page warns a recruiter that an email ran
out of attempts, the list says which and why, and "Send again" sends it."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from passionhire import outbox
from tests.e2e.conftest import log_in
from tests.e2e.test_candidate_pages_accessibility_in_chromium import SIZES
from tests.factories import ApplicationFactory
from tests.test_outbox_given_up import ACKNOWLEDGE, spent

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_a_recruiter_sees_an_email_that_was_not_delivered_and_sends_it_again(
    live_server, browser, recruiter, size, screenshot
):
    application = ApplicationFactory(
        candidate__name="Annie Easley", candidate__email="annie@example.com"
    )
    message = spent(
        ACKNOWLEDGE,
        [application.pk],
        last_error="SMTPRecipientsRefused: {'annie@example.com': (452, b'Mailbox full')}",
    )
    outbox.give_up_exhausted()
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    log_in(page, live_server, recruiter.username)
    page.goto(f"{live_server.url}/emails/")
    expect(page.get_by_text("1 email could not be delivered.")).to_be_visible()
    screenshot(f"emails-with-undelivered-{size}", of=page, full_page=False)
    page.get_by_role("link", name="See and send again").click()
    expect(page.get_by_role("heading", name="Emails not delivered")).to_be_visible()
    expect(page.get_by_text("Mailbox full")).to_be_visible()
    screenshot(f"undelivered-{size}", of=page)
    page.get_by_role("button", name=f"Send again Application received #{message.pk}").click()
    expect(page.get_by_text(f"Sending again (outbox #{message.pk}).")).to_be_visible()
    expect(page.get_by_text("Every email has gone out")).to_be_visible()
    screenshot(f"undelivered-sent-{size}", of=page)
    message.refresh_from_db()
    assert message.done_at is not None
    assert [m.to for m in mail.outbox] == [["annie@example.com"]]
    context.close()
