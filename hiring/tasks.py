"""Celery tasks of the composition app: the daily retention policy, the apply confirmation."""

from celery import shared_task

from passionhire.retry import DB_RETRY, EMAIL_RETRY

from .services import applying, privacy


@shared_task(**DB_RETRY)
def anonymise_stale_candidates_task() -> int:
    return privacy.candidates_anonymise_stale()


@shared_task(**EMAIL_RETRY)
def send_application_confirmation_task(application_id: int) -> None:
    applying.application_send_confirmation(application_id=application_id)
