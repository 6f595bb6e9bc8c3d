"""Celery tasks of the project itself: the outbox relay, expired sessions cleared."""

from importlib import import_module

from celery import shared_task
from django.conf import settings

from . import outbox
from .retry import DB_RETRY, EMAIL_RETRY


@shared_task(**DB_RETRY)
def relay_outbox_task() -> int:
    return outbox.relay()


@shared_task(**DB_RETRY)
def clear_expired_sessions_task() -> None:
    """What `manage.py clearsessions` does, for whichever session engine is configured."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


@shared_task(**DB_RETRY)
def send_notification_digests_task() -> None:
    from .notifications import notification_digests_enqueue

    notification_digests_enqueue()


@shared_task(**EMAIL_RETRY)
def send_notification_digest_task(user_id: int, day: str) -> None:
    from .notifications import notification_digest_send

    notification_digest_send(user_id=user_id, day=day)
