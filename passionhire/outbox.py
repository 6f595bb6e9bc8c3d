"""The transactional outbox: tasks are written to the database with the change that calls for
them, published to the broker after commit, and relayed again until they have run.

Why: `delay_on_commit` loses the task when the broker is down at commit time, and a message in a
Redis that restarts without persistence is gone. Here the database holds every task until a
worker reports it done (`task_success`), so a broker outage delays work but loses none.
"""

import logging
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)
PREFIX = "outbox-"


def enqueue(task, *args, delay_seconds: int = 0) -> OutboxMessage:
    """Run `task(*args)` once the current transaction commits (at once outside one). `task` is
    a Celery task or its registered name: services name their app's tasks as strings, so a
    service never imports the tasks module that imports it back. An unknown name is refused
    here, in the caller's transaction, rather than found out by the relay.

    With `delay_seconds` the message waits that long in the outbox (it can be `cancel`led
    meanwhile, e.g. by an undo) and the relay publishes it when it is due."""
    from celery import current_app

    name = task if isinstance(task, str) else task.name
    if name not in current_app.tasks:
        raise LookupError(f"No Celery task is registered as {name!r}.")
    not_before = timezone.now() + timedelta(seconds=delay_seconds) if delay_seconds > 0 else None
    message = OutboxMessage.objects.create(task=name, args=list(args), not_before=not_before)
    if not_before is None:
        transaction.on_commit(partial(publish_after_commit, message.pk))
    return message


def cancel(message_id: int) -> bool:
    """Call off a message that has not been published yet. True if it was (and is now
    cancelled); False if it is already out, done or unknown."""
    return bool(
        OutboxMessage.objects.filter(
            pk=message_id, published_at__isnull=True, done_at__isnull=True, cancelled_at=None
        ).update(cancelled_at=timezone.now())
    )


def publish_after_commit(message_id: int) -> None:
    message = OutboxMessage.objects.filter(
        pk=message_id, published_at__isnull=True, cancelled_at__isnull=True
    ).first()
    if message is not None:
        _publish(message)


def _publish(message: OutboxMessage) -> bool:
    """Hand the message to the broker; on failure record why and leave it for the relay."""
    from celery import current_app

    OutboxMessage.objects.filter(pk=message.pk).update(
        attempts=F("attempts") + 1, published_at=timezone.now()
    )
    try:
        current_app.tasks[message.task].apply_async(
            args=message.args,
            task_id=message.task_id,
            retry_policy=settings.PASSIONHIRE["OUTBOX_PUBLISH_RETRY_POLICY"],
        )
    except Exception as error:  # the broker's own errors differ per transport
        if current_app.conf.task_always_eager:
            raise  # an eager run is the task itself failing: let it show
        OutboxMessage.objects.filter(pk=message.pk).update(
            published_at=None, last_error=f"{type(error).__name__}: {error}"[:300]
        )
        logger.warning("outbox %s not published (%s); the relay will retry", message.pk, error)
        return False
    return True


def mark_done(task_id: str | None) -> None:
    """A worker finished the task: it is never published again."""
    if task_id and task_id.startswith(PREFIX) and task_id[len(PREFIX) :].isdigit():
        OutboxMessage.objects.filter(pk=int(task_id[len(PREFIX) :]), done_at__isnull=True).update(
            done_at=timezone.now()
        )


def due_for_relay(now=None):
    """Messages not done: never published (broker down, or the process died before
    publishing) after a short grace, or published long enough ago that the run was lost."""
    now = now or timezone.now()
    options = settings.PASSIONHIRE
    return OutboxMessage.objects.filter(
        Q(
            published_at__isnull=True,
            created_at__lte=now - timedelta(seconds=options["OUTBOX_GRACE_SECONDS"]),
        )
        | Q(published_at__isnull=True, attempts__gt=0)
        | Q(published_at__isnull=True, not_before__lte=now)
        | Q(published_at__lte=now - timedelta(seconds=options["OUTBOX_REDELIVER_SECONDS"])),
        Q(not_before__isnull=True) | Q(not_before__lte=now),
        done_at__isnull=True,
        cancelled_at__isnull=True,
        attempts__lt=options["OUTBOX_MAX_ATTEMPTS"],
    )


def relay(*, limit: int = 500) -> int:
    """Publish what is due (oldest first); stop at the first broker error. Returns how many
    were published. Rows are locked and skipped by a concurrent relay."""
    published = 0
    with transaction.atomic():
        batch = list(due_for_relay().select_for_update(skip_locked=True).order_by("pk")[:limit])
        for message in batch:
            if not _publish(message):
                break
            published += 1
    give_up_exhausted()
    cutoff = timezone.now() - timedelta(days=settings.PASSIONHIRE["OUTBOX_KEEP_DAYS"])
    OutboxMessage.objects.filter(done_at__lt=cutoff).delete()
    return published


def give_up_exhausted(now=None) -> int:
    """Messages out of attempts, no longer running (never published, or published longer ago
    than the redelivery time), are marked given up, once, each with an ERROR log line, so no
    task stops silently. Recruiters see the emails among them (`undelivered_emails`)."""
    now = now or timezone.now()
    options = settings.PASSIONHIRE
    redelivery = now - timedelta(seconds=options["OUTBOX_REDELIVER_SECONDS"])
    exhausted = OutboxMessage.objects.filter(
        Q(published_at__isnull=True) | Q(published_at__lte=redelivery),
        attempts__gte=options["OUTBOX_MAX_ATTEMPTS"],
        done_at__isnull=True,
        cancelled_at__isnull=True,
        given_up_at__isnull=True,
    )
    given_up = 0
    for message in exhausted.order_by("pk"):
        if OutboxMessage.objects.filter(pk=message.pk, given_up_at__isnull=True).update(
            given_up_at=now
        ):
            given_up += 1
            logger.error(
                "outbox %s given up after %s attempts: %s %s (last error: %s)",
                message.pk,
                message.attempts,
                message.task,
                message.args,
                message.last_error or "none recorded",
            )
    return given_up


def record_failure(task_id: str | None, error: BaseException) -> None:
    """A worker's run of an outbox task failed for good (its own retries spent): keep why,
    with any candidate's link token replaced, for the relay's next attempt and the list."""
    from .log_filters import redact_link_tokens

    if task_id and task_id.startswith(PREFIX) and task_id[len(PREFIX) :].isdigit():
        OutboxMessage.objects.filter(pk=int(task_id[len(PREFIX) :])).update(
            last_error=redact_link_tokens(f"{type(error).__name__}: {error}")[:300]
        )


def retry(message: OutboxMessage) -> bool:
    """Give a message that was given up a fresh set of attempts and publish it after commit.
    False when it is not given up (done, cancelled, or still being tried)."""
    updated = OutboxMessage.objects.filter(
        pk=message.pk, given_up_at__isnull=False, done_at__isnull=True
    ).update(given_up_at=None, attempts=0, published_at=None)
    if updated:
        transaction.on_commit(partial(publish_after_commit, message.pk))
    return bool(updated)
