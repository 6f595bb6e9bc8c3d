"""Celery tasks for candidates: thin wrappers that take ids and call one service."""

from smtplib import SMTPException

from celery import shared_task

from . import services


@shared_task(
    acks_late=True,
    autoretry_for=(SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=8,
)
def send_application_acknowledgement_task(application_id: int) -> None:
    services.application_send_acknowledgement(application_id=application_id)
