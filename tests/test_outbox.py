"""The outbox in-process: what gets written, when it runs, what the relay takes again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from candidates import services
from candidates.tasks import send_application_acknowledgement_task
from passionhire import outbox
from passionhire.models import OutboxMessage, SentEmail


def add_katherine(recruiter, role):
    return services.candidate_add_to_role(
        added_by=recruiter,
        role=role,
        name="Katherine Johnson",
        email="katherine@example.com",
        consent_to_contact=True,
    ).application


def test_a_task_is_written_with_the_change_and_runs_after_commit(
    recruiter, role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = add_katherine(recruiter, role)
        message = OutboxMessage.objects.get()
        assert message.task == "candidates.tasks.send_application_acknowledgement_task"
        assert message.args == [application.pk]
        assert mail.outbox == []  # not before commit
    message.refresh_from_db()
    assert message.published_at is not None
    assert message.done_at is not None
    assert message.attempts == 1
    assert [m.to for m in mail.outbox] == [["katherine@example.com"]]


def test_a_rolled_back_change_leaves_no_task(recruiter, role, django_capture_on_commit_callbacks):
    def failing_request():
        with transaction.atomic():
            add_katherine(recruiter, role)
            raise RuntimeError("the request failed after the change")

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError):
        failing_request()
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_the_relay_takes_unpublished_and_lost_tasks_but_not_fresh_or_done_ones(
    recruiter, role, settings
):
    settings.PASSIONHIRE = settings.PASSIONHIRE | {
        "OUTBOX_GRACE_SECONDS": 30,
        "OUTBOX_REDELIVER_SECONDS": 600,
        "OUTBOX_MAX_ATTEMPTS": 3,
    }
    application = add_katherine(recruiter, role)  # ran at once (no transaction): done
    now = timezone.now()
    task = send_application_acknowledgement_task.name

    def row(**fields):
        return OutboxMessage.objects.create(task=task, args=[application.pk], **fields)

    fresh = row()  # the request that wrote it is publishing it right now
    failed = row(attempts=1, last_error="ConnectionError: refused")  # broker was down
    OutboxMessage.objects.filter(pk=fresh.pk).update(created_at=now - timedelta(seconds=5))
    orphan = row()  # the process died between commit and publish
    OutboxMessage.objects.filter(pk=orphan.pk).update(created_at=now - timedelta(minutes=5))
    lost = row(attempts=1, published_at=now - timedelta(minutes=20))  # Redis restarted
    row(attempts=1, published_at=now - timedelta(minutes=2))
    row(attempts=3, published_at=now - timedelta(hours=2))
    # Not the fresh one (within the grace), the running one (not yet overdue), nor the one
    # that gave up (3 attempts).
    assert set(outbox.due_for_relay()) == {failed, orphan, lost}

    assert outbox.relay() == 3
    for message in (failed, orphan, lost):
        message.refresh_from_db()
        assert message.done_at is not None
    # Three runs of the same email task, one email.
    assert SentEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_done_rows_are_deleted_after_the_keep_period(recruiter, role, settings):
    add_katherine(recruiter, role)
    OutboxMessage.objects.update(done_at=timezone.now() - timedelta(days=8))
    outbox.relay()
    assert not OutboxMessage.objects.exists()


def test_a_task_named_by_a_service_is_checked_when_it_is_written(db):
    """Services name their tasks as strings (so they never import the tasks module that
    imports them): a misspelt name fails in the caller's transaction, not in the relay."""
    with pytest.raises(LookupError, match="candidates.tasks.no_such_task"):
        outbox.enqueue("candidates.tasks.no_such_task", 1)
    assert not OutboxMessage.objects.exists()
    message = outbox.enqueue("candidates.tasks.send_application_acknowledgement_task", 1)
    assert message.task == send_application_acknowledgement_task.name
