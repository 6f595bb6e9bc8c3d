"""Retry policies every app's Celery tasks share: email sends retry on SMTP and network
errors with backoff, database work on a lost connection. Tasks are idempotent, so `acks_late`
(a killed worker's message is delivered again) is safe for both."""

from smtplib import SMTPException

from django.db import OperationalError

EMAIL_RETRY = {
    "acks_late": True,
    "autoretry_for": (SMTPException, ConnectionError, TimeoutError),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 8,
}
DB_RETRY = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}
