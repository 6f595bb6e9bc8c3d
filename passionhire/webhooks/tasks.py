"""Webhook tasks, thin: deliver one delivery (retried on the schedule the service returns),
and the email to an endpoint's owner when it was disabled."""

from celery import shared_task

from ..retry import EMAIL_RETRY


@shared_task(bind=True, acks_late=True, ignore_result=True, max_retries=None)
def deliver_webhook_task(self, delivery_id: int) -> None:
    from .services import webhook_deliver

    wait = webhook_deliver(delivery_id=delivery_id)
    if wait is not None and self.request.is_eager:
        # Run in-process (tests, the embedded default): no worker comes back later, so the
        # retries are made now, one after the other, without the schedule's waits.
        while wait is not None:
            wait = webhook_deliver(delivery_id=delivery_id, now_due=True)
    elif wait is not None:
        raise self.retry(countdown=wait)


@shared_task(**EMAIL_RETRY)
def send_webhook_disabled_email_task(endpoint_id: int, disabled_at: str) -> None:
    from .services import webhook_send_disabled_email

    webhook_send_disabled_email(endpoint_id=endpoint_id, disabled_at=disabled_at)
