"""Celery tasks of the project itself: the outbox relay."""

from celery import shared_task
from django.utils import timezone

from candidates.tasks import DB_RETRY

from . import outbox


@shared_task(**DB_RETRY)
def relay_outbox_task() -> int:
    return outbox.relay()


@shared_task(**DB_RETRY)
def clear_expired_sessions_task() -> None:
    from django.contrib.sessions.models import Session

    Session.objects.filter(expire_date__lt=timezone.now()).delete()
