"""Webhook endpoints, the deliveries queued for them (one per event and endpoint) and every
attempt made to deliver one, with its answer and how long it took."""

from django.conf import settings
from django.db import models

from .events import Event


class WebhookEndpoint(models.Model):
    """Where a recruiter wants events POSTed, signed with `secret` (Standard Webhooks form
    `whsec_<base64>`). After WEBHOOKS_DISABLE_AFTER deliveries in a row have failed (each after
    all its retries), it is disabled and its owner is emailed; a recruiter re-enables it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    url = models.URLField(max_length=500)
    description = models.CharField(max_length=200, blank=True)
    events = models.JSONField(default=list, help_text="The Event values it subscribes to.")
    secret = models.CharField(max_length=100)
    # After a rotation the previous secret signs too (a second signature) until this time, so
    # the receiver can switch without missing a webhook.
    previous_secret = models.CharField(max_length=100, blank=True)
    previous_secret_until = models.DateTimeField(null=True, blank=True)
    active = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.url

    @property
    def event_labels(self) -> list[str]:
        labels = dict(Event.choices)
        return [labels[event] for event in self.events if event in labels]


class WebhookDelivery(models.Model):
    """One event for one endpoint. `message_id` is its webhook-id: the same on every attempt
    and on a replay, so a receiver can tell a repeat from a new event."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=Event.choices)
    message_id = models.CharField(max_length=40, unique=True)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    # Attempts in the current round (a replay starts a new round); every attempt is logged.
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_log")]

    def __str__(self) -> str:
        return f"{self.message_id} {self.event} -> endpoint {self.endpoint_id}"


class WebhookAttempt(models.Model):
    """One POST: the HTTP status, or why there was none (refused address, timeout, ...)."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    response_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        outcome = self.status_code or self.error
        return f"{self.delivery_id} at {self.at:%Y-%m-%d %H:%M:%S}: {outcome}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
