"""Cross-app records: the ledger of sent emails that makes every email task idempotent."""

from django.conf import settings
from django.db import models


class SentEmail(models.Model):
    """One row per logical email (its `key`), so a task that runs twice sends it once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.key} -> {self.to}"


class StaffSettings(models.Model):
    """Per-user preferences: the time zone every time in the app is shown in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_settings"
    )
    time_zone = models.CharField(max_length=64, default="UTC")

    def __str__(self) -> str:
        return f"{self.user}: {self.time_zone}"


class OutboxMessage(models.Model):
    """A task to run, written in the same transaction as the change that calls for it.

    Publishing to the broker happens after commit; if the broker is down the row waits, and the
    relay (a periodic task) publishes it once the broker is back. A published task that has not
    finished after `OUTBOX_REDELIVER_SECONDS` (its message lost with a restarted Redis, say) is
    published again: every task is idempotent, so a second run changes nothing."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["published_at"],
                condition=models.Q(done_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"

    @property
    def task_id(self) -> str:
        return f"outbox-{self.pk}"
