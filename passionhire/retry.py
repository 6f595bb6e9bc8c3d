"""Retry policies every app's Celery tasks share: email sends retry on SMTP and network
errors with backoff, database work on a lost connection. Tasks are idempotent, so `acks_late`
(a killed worker's message is delivered again) is safe for both."""

from smtplib import SMTPException

from celery.contrib.django.task import DjangoTask
from django.db import OperationalError

from .emails import EmailRateLimited


class EmailTask(DjangoTask):
    """A task that sends email: over the per-minute limit it waits in the queue for the next
    minute, without spending the retries its SMTP errors may need."""

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except EmailRateLimited as limited:
            raise self.retry(
                countdown=limited.retry_in, max_retries=self.request.retries + 1, exc=limited
            ) from limited


EMAIL_RETRY = {
    "base": EmailTask,
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
