"""Webhooks through a real Celery worker on the real Redis broker: a failed attempt comes back
after the schedule's wait (Celery's countdown, not the in-process loop), and a disabled
endpoint's owner is emailed by the worker."""

import pytest

from passionhire.webhooks import Event, emit
from passionhire.webhooks.models import WebhookDelivery, WebhookEndpoint
from passionhire.webhooks.services import webhook_endpoint_create
from tests.conftest import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.postgresql]

FAST = {
    "WEBHOOKS_RETRY_SECONDS": "0.3,0.3,0.3",
    "WEBHOOKS_DISABLE_AFTER": "1",
    "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "true",
}


def test_the_worker_retries_after_a_wait_and_delivers_once(start_worker, receiver, recruiter):
    start_worker(**FAST)
    endpoint = webhook_endpoint_create(
        actor=recruiter, url=receiver.url, events=[Event.DECISION_RECORDED]
    )
    receiver.secret = endpoint.secret
    receiver.answers = [500, 502]
    emit(Event.DECISION_RECORDED, {"application_id": 1})  # outside a transaction: at once

    def delivered():
        """the delivery to be delivered"""
        return WebhookDelivery.objects.filter(status="delivered").first()

    delivery = wait_for(delivered)
    assert [item.status for item in receiver.received] == [500, 502, 200]
    assert all(item.verified for item in receiver.received)
    gaps = [b.at - a.at for a, b in zip(receiver.received, receiver.received[1:], strict=False)]
    assert all(gap >= 0.25 for gap in gaps), gaps  # waited, as scheduled
    assert list(delivery.attempt_log.values_list("status_code", flat=True)) == [500, 502, 200]


def test_the_worker_disables_a_failing_endpoint_and_emails_its_owner(
    start_worker, receiver, recruiter
):
    worker = start_worker(**FAST)
    endpoint = webhook_endpoint_create(actor=recruiter, url=receiver.url, events=[Event.HIRED])
    receiver.answers = [500] * 10
    emit(Event.HIRED, {"application_id": 1})

    def disabled():
        """the endpoint to be disabled"""
        return not WebhookEndpoint.objects.get(pk=endpoint.pk).active

    wait_for(disabled)
    assert len(receiver.received) == 4  # the first attempt and three retries
    message = wait_for(lambda: "".join(worker.mail()) if worker.mail() else "")
    assert "was disabled" in message
    assert recruiter.email in message
