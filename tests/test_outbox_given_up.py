"""Tasks that run out of attempts do not vanish: each is logged at ERROR once, the emails among
them are listed for recruiters, and a recruiter can send one again."""

import logging
from datetime import timedelta

from celery import current_app
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from hiring.selectors.undelivered import EMAIL_TASKS
from passionhire import outbox
from passionhire.models import AuditEntry, OutboxMessage
from tests.factories import ApplicationFactory

ACKNOWLEDGE = "candidates.tasks.send_application_acknowledgement_task"
SCORE = "candidates.tasks.refresh_composite_task"


def spent(task, args, *, published_ago=timedelta(hours=2), attempts=10, **fields):
    message = OutboxMessage.objects.create(task=task, args=args, attempts=attempts, **fields)
    published = timezone.now() - published_ago if published_ago is not None else None
    OutboxMessage.objects.filter(pk=message.pk).update(published_at=published)
    return message


def test_a_task_out_of_attempts_is_given_up_once_with_an_error_line(db, caplog):
    application = ApplicationFactory()
    email = spent(ACKNOWLEDGE, [application.pk], last_error="SMTPServerDisconnected: timed out")
    never_out = spent(SCORE, [application.pk], published_ago=None)
    running = spent(ACKNOWLEDGE, [application.pk], published_ago=timedelta(minutes=5))
    fresh = spent(ACKNOWLEDGE, [application.pk], attempts=3)
    done = spent(ACKNOWLEDGE, [application.pk], done_at=timezone.now())
    with caplog.at_level(logging.ERROR, logger="passionhire.outbox"):
        assert outbox.give_up_exhausted() == 2
        assert outbox.give_up_exhausted() == 0  # once
    given_up = set(
        OutboxMessage.objects.filter(given_up_at__isnull=False).values_list("pk", flat=True)
    )
    assert given_up == {email.pk, never_out.pk}
    assert {running.pk, fresh.pk, done.pk}.isdisjoint(given_up)
    errors = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(errors) == 2
    assert f"outbox {email.pk} given up after 10 attempts" in errors[0].getMessage()
    assert "SMTPServerDisconnected: timed out" in errors[0].getMessage()


def test_the_relay_gives_up_what_is_spent_and_publishes_it_no_more(db):
    message = spent(ACKNOWLEDGE, [ApplicationFactory().pk])
    assert outbox.relay() == 0
    message.refresh_from_db()
    assert message.given_up_at is not None
    assert message.attempts == 10


def test_a_failed_run_keeps_its_error_without_a_candidates_link(db):
    message = spent(ACKNOWLEDGE, [1], attempts=1)
    outbox.record_failure(message.task_id, ConnectionError("refused for /t/secret-token/"))
    message.refresh_from_db()
    assert message.last_error.startswith("ConnectionError: refused for /t/~")
    assert "secret-token" not in message.last_error


def test_recruiters_see_the_emails_not_delivered_not_other_tasks(client, recruiter):
    application = ApplicationFactory()
    spent(ACKNOWLEDGE, [application.pk], last_error="SMTPRecipientsRefused: mailbox full")
    spent(SCORE, [application.pk])
    outbox.give_up_exhausted()
    client.force_login(recruiter)
    emails = client.get(reverse("hiring:email_templates")).content.decode()
    assert "1 email could not be delivered." in emails
    page = client.get(reverse("hiring:undelivered")).content.decode()
    assert "Application received" in page
    assert "mailbox full" in page
    assert reverse("hiring:application_detail", args=[application.pk]) in page
    assert SCORE not in page
    assert page.count("Send again<span") == 1


def test_others_may_not_see_or_retry_undelivered_emails(client, employee, hiring_manager):
    message = spent(ACKNOWLEDGE, [ApplicationFactory().pk])
    outbox.give_up_exhausted()
    for user in (employee, hiring_manager):
        client.force_login(user)
        assert client.get(reverse("hiring:undelivered")).status_code == 403
        assert (
            client.post(reverse("hiring:undelivered_retry", args=[message.pk])).status_code == 403
        )
    message.refresh_from_db()
    assert message.given_up_at is not None


def test_send_again_gives_fresh_attempts_sends_it_and_is_audited(
    client, recruiter, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(candidate__email="grace@example.com")
    message = spent(ACKNOWLEDGE, [application.pk])
    outbox.give_up_exhausted()
    client.force_login(recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("hiring:undelivered_retry", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.given_up_at is None
    assert message.attempts == 1  # the new first attempt
    assert message.done_at is not None
    assert [m.to for m in mail.outbox] == [["grace@example.com"]]
    entry = AuditEntry.objects.get(action="outbox.retry")
    assert entry.actor == recruiter
    assert entry.before["attempts"] == 10
    # Pressed twice (a second tab): the second finds nothing to send and says so.
    again = client.post(reverse("hiring:undelivered_retry", args=[message.pk]))
    assert again.status_code == 409
    assert "not waiting to be sent again" in again.content.decode()
    assert len(mail.outbox) == 1


def test_a_task_that_is_not_an_email_cannot_be_sent_again_from_the_list(client, recruiter):
    message = spent(SCORE, [ApplicationFactory().pk])
    outbox.give_up_exhausted()
    client.force_login(recruiter)
    assert client.post(reverse("hiring:undelivered_retry", args=[message.pk])).status_code == 409
    message.refresh_from_db()
    assert message.given_up_at is not None


def test_every_task_that_sends_email_is_named_in_the_list():
    senders = {
        name
        for name in current_app.tasks
        if name.split(".")[0] in {"candidates", "interviews", "hiring", "passionhire"}
        and (".send_" in name or ".notify_" in name)
    }
    assert senders == set(EMAIL_TASKS)
