"""Every write to webhooks: emitting an event, delivering it (one attempt per task run, retried
with backoff), and what recruiters do to endpoints (register, edit, rotate the secret,
re-enable, delete, replay a delivery). Each recruiter action writes an audit row."""

import base64
import logging
import secrets as random
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from .. import outbox
from ..audit import audit_record
from ..emails import send_email_once, templated_email
from .addresses import AddressRefused, target_for
from .events import Event
from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .sending import post

logger = logging.getLogger(__name__)
DELIVER_TASK = "passionhire.webhooks.tasks.deliver_webhook_task"
DISABLED_EMAIL_TASK = "passionhire.webhooks.tasks.send_webhook_disabled_email_task"
ROTATION_GRACE = timedelta(hours=24)
Status = WebhookDelivery.Status


def new_secret() -> str:
    return "whsec_" + base64.b64encode(random.token_bytes(32)).decode()


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


# Emitting -------------------------------------------------------------------------------------


def webhook_emit(*, event: str, data: dict | list[dict]) -> int:
    """One delivery per active endpoint subscribed to `event` (and per item when `data` is a
    list: a bulk action's, with one look-up of the endpoints), each sent by a task published
    after the caller's transaction commits (passionhire.outbox). Returns how many."""
    Event(event)  # an unknown event is the caller's bug: fail in its transaction
    items = data if isinstance(data, list) else [data]
    endpoints = [
        pk
        for pk, events in WebhookEndpoint.objects.filter(active=True).values_list("pk", "events")
        if event in events  # in Python: JSON containment differs between databases
    ]
    if not endpoints or not items:
        return 0
    now = timezone.now()
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            endpoint_id=pk,
            event=event,
            message_id=new_message_id(),
            payload={"type": event, "timestamp": now.isoformat(), "data": item},
            next_attempt_at=now,
        )
        for item in items
        for pk in endpoints
    )
    for delivery in deliveries:
        outbox.enqueue(DELIVER_TASK, delivery.pk)
    return len(deliveries)


# Delivering -----------------------------------------------------------------------------------


def retry_schedule() -> list[float]:
    return list(settings.PASSIONHIRE["WEBHOOKS_RETRY_SECONDS"])


def webhook_deliver(*, delivery_id: int, now_due: bool = False) -> float | None:
    """Make the delivery's next attempt if it is due. Returns in how many seconds to run again
    (a failed attempt with retries left, or one not due yet), or None when there is nothing
    more to do (delivered, failed for good, gone, or its endpoint disabled meanwhile).

    The row stays locked while the POST is in flight, and a run that finds it locked leaves it
    to the one holding it: a task run twice sends once, and a delivered row is never sent
    again (only a recruiter's replay sends it anew). `now_due` attempts it even before its
    next attempt is due."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("endpoint")
            .filter(pk=delivery_id, status=Status.PENDING)
            .first()
        )
        if delivery is None:
            return None
        endpoint = delivery.endpoint
        if not endpoint.active:
            return None  # waits, pending, for the endpoint to be re-enabled
        now = timezone.now()
        early = delivery.next_attempt_at and delivery.next_attempt_at > now + timedelta(seconds=1)
        if early and not now_due:
            return (delivery.next_attempt_at - now).total_seconds()  # a twin run came early
        outcome = post(
            url=endpoint.url,
            message_id=delivery.message_id,
            payload=delivery.payload,
            secrets=_signing_secrets(endpoint, now),
        )
        WebhookAttempt.objects.create(
            delivery=delivery,
            at=now,
            status_code=outcome.status_code,
            error=outcome.error,
            response_ms=outcome.response_ms,
        )
        delivery.attempts += 1
        if outcome.succeeded:
            delivery.status = Status.DELIVERED
            delivery.delivered_at = timezone.now()
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "attempts", "delivered_at", "next_attempt_at"])
            if endpoint.consecutive_failures:
                WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
            return None
        schedule = retry_schedule()
        if delivery.attempts <= len(schedule):
            wait = schedule[delivery.attempts - 1]
            delivery.next_attempt_at = now + timedelta(seconds=wait)
            delivery.save(update_fields=["attempts", "next_attempt_at"])
            return wait
        delivery.status = Status.FAILED
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
        _count_failed_delivery(endpoint, reason=outcome.error or f"HTTP {outcome.status_code}")
        return None


def _signing_secrets(endpoint: WebhookEndpoint, now) -> list[str]:
    secrets = [endpoint.secret]
    if endpoint.previous_secret and (endpoint.previous_secret_until or now) > now:
        secrets.append(endpoint.previous_secret)
    return secrets


def _count_failed_delivery(endpoint: WebhookEndpoint, *, reason: str) -> None:
    """One more delivery failed for good; at WEBHOOKS_DISABLE_AFTER in a row the endpoint is
    disabled (once, whoever counts last), audited, and its owner emailed after commit."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    limit = settings.PASSIONHIRE["WEBHOOKS_DISABLE_AFTER"]
    now = timezone.now()
    why = gettext("%(n)d deliveries in a row failed; the last: %(reason)s") % {
        "n": limit,
        "reason": reason,
    }
    disabled = WebhookEndpoint.objects.filter(
        pk=endpoint.pk, active=True, consecutive_failures__gte=limit
    ).update(active=False, disabled_at=now, disabled_reason=why[:300])
    if disabled:
        audit_record(
            actor=None,
            action="webhook.disable",
            target=f"webhook:{endpoint.pk}",
            after={"active": False, "consecutive_failures": limit},
            summary=f"Webhook endpoint #{endpoint.pk} disabled after {limit} failed deliveries",
        )
        outbox.enqueue(DISABLED_EMAIL_TASK, endpoint.pk, now.isoformat())
        logger.warning("webhook endpoint %s disabled: %s", endpoint.pk, why)


def webhook_send_disabled_email(*, endpoint_id: int, disabled_at: str) -> bool:
    """Tell the endpoint's owner it was disabled, once per disabling."""
    endpoint = WebhookEndpoint.objects.select_related("owner").filter(pk=endpoint_id).first()
    if endpoint is None or endpoint.active or not endpoint.owner.email:
        return False
    owner = endpoint.owner
    message = templated_email(
        template="emails/webhook_disabled",
        context={
            "user": owner,
            "endpoint": endpoint,
            "site": settings.PASSIONHIRE["SITE_URL"],
            "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
        },
        to=[owner.email],
        language=owner.language,
    )
    return send_email_once(
        key=f"webhooks:disabled:endpoint-{endpoint.pk}:{disabled_at}", message=message
    )


# What recruiters do ---------------------------------------------------------------------------


def _check_url(url: str) -> None:
    try:
        target_for(url)
    except AddressRefused as refused:
        raise ValidationError({"url": str(refused)}, code="refused") from None


def _check_events(events: list[str]) -> list[str]:
    known = [event for event in Event.values if event in set(events)]
    if not known or len(known) != len(set(events)):
        raise ValidationError({"events": gettext("Choose at least one event.")}, code="events")
    return known


def _settings(endpoint: WebhookEndpoint) -> dict:
    return {"url": endpoint.url, "description": endpoint.description, "events": endpoint.events}


@transaction.atomic
def webhook_endpoint_create(
    *, actor, url: str, events: list[str], description: str = ""
) -> WebhookEndpoint:
    """Register an endpoint owned by `actor`; its secret is in the returned object (shown
    once)."""
    _check_url(url)
    endpoint = WebhookEndpoint(
        owner=actor,
        url=url,
        description=description.strip(),
        events=_check_events(events),
        secret=new_secret(),
    )
    endpoint.full_clean()
    endpoint.save()
    audit_record(
        actor=actor,
        action="webhook.create",
        target=f"webhook:{endpoint.pk}",
        after=_settings(endpoint),
        summary=f"Webhook endpoint #{endpoint.pk} registered",
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_update(
    *, actor, endpoint: WebhookEndpoint, url: str, events: list[str], description: str = ""
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    before = _settings(endpoint)
    if url != endpoint.url:
        _check_url(url)
    endpoint.url, endpoint.description = url, description.strip()
    endpoint.events = _check_events(events)
    endpoint.full_clean()
    endpoint.save(update_fields=["url", "description", "events"])
    if _settings(endpoint) != before:
        audit_record(
            actor=actor,
            action="webhook.update",
            target=f"webhook:{endpoint.pk}",
            before=before,
            after=_settings(endpoint),
            summary=f"Webhook endpoint #{endpoint.pk} changed",
        )
    return endpoint


@transaction.atomic
def webhook_endpoint_rotate_secret(*, actor, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new secret; the old one still signs (a second signature) for ROTATION_GRACE."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = timezone.now() + ROTATION_GRACE
    endpoint.secret = new_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    audit_record(
        actor=actor,
        action="webhook.rotate_secret",
        target=f"webhook:{endpoint.pk}",
        after={"previous_secret_until": endpoint.previous_secret_until.isoformat()},
        summary=f"Webhook endpoint #{endpoint.pk}: secret rotated",
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_enable(*, actor, endpoint: WebhookEndpoint) -> int:
    """Re-enable a disabled endpoint; its deliveries still pending are sent again. Returns
    how many."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if endpoint.active:
        raise ValidationError(gettext("This endpoint is already enabled."), code="active")
    _check_url(endpoint.url)
    before = {"active": False, "disabled_reason": endpoint.disabled_reason}
    endpoint.active, endpoint.disabled_at, endpoint.disabled_reason = True, None, ""
    endpoint.consecutive_failures = 0
    endpoint.save(
        update_fields=["active", "disabled_at", "disabled_reason", "consecutive_failures"]
    )
    pending = list(endpoint.deliveries.filter(status=Status.PENDING).values_list("pk", flat=True))
    endpoint.deliveries.filter(pk__in=pending).update(attempts=0, next_attempt_at=timezone.now())
    for pk in pending:
        outbox.enqueue(DELIVER_TASK, pk)
    audit_record(
        actor=actor,
        action="webhook.enable",
        target=f"webhook:{endpoint.pk}",
        before=before,
        after={"active": True, "pending_resent": len(pending)},
        summary=f"Webhook endpoint #{endpoint.pk} re-enabled",
    )
    return len(pending)


@transaction.atomic
def webhook_endpoint_delete(*, actor, endpoint: WebhookEndpoint) -> None:
    """Delete the endpoint and its delivery log; tasks still queued for it find nothing."""
    before = _settings(endpoint)
    pk = endpoint.pk
    WebhookEndpoint.objects.filter(pk=pk).delete()
    audit_record(
        actor=actor,
        action="webhook.delete",
        target=f"webhook:{pk}",
        before=before,
        summary=f"Webhook endpoint #{pk} deleted",
    )


@transaction.atomic
def webhook_delivery_replay(*, actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again, with the same webhook-id (the receiver may know it) and a new
    round of attempts, whatever became of it. Refused while its endpoint is disabled."""
    delivery = (
        WebhookDelivery.objects.select_for_update(of=("self",))
        .select_related("endpoint")
        .get(pk=delivery.pk)
    )
    if not delivery.endpoint.active:
        raise ValidationError(
            gettext("Re-enable the endpoint before replaying its deliveries."), code="disabled"
        )
    before = {"status": delivery.status}
    delivery.status = Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    outbox.enqueue(DELIVER_TASK, delivery.pk)
    audit_record(
        actor=actor,
        action="webhook.replay",
        target=f"webhook:{delivery.endpoint_id}",
        before=before,
        after={"status": Status.PENDING, "message_id": delivery.message_id},
        summary=f"Webhook delivery {delivery.message_id} replayed",
    )
    return delivery
