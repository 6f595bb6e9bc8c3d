"""Celery tasks of the project itself: the outbox relay."""

from celery import shared_task

from candidates.tasks import DB_RETRY

from . import outbox


@shared_task(**DB_RETRY)
def relay_outbox_task() -> int:
    return outbox.relay()
