"""Celery tasks of the project itself: the outbox relay, expired sessions cleared."""

from importlib import import_module

from celery import shared_task
from django.conf import settings

from . import outbox
from .retry import DB_RETRY


@shared_task(**DB_RETRY)
def relay_outbox_task() -> int:
    return outbox.relay()


@shared_task(**DB_RETRY)
def clear_expired_sessions_task() -> None:
    """What `manage.py clearsessions` does, for whichever session engine is configured."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()
