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
