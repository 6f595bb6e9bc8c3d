"""Celery tasks of the composition app: the daily retention policy."""

from celery import shared_task

from passionhire.retry import DB_RETRY

from .services import privacy


@shared_task(**DB_RETRY)
def anonymise_stale_candidates_task() -> int:
    return privacy.candidates_anonymise_stale()
