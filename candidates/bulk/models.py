"""A bulk action on many applications of one role, run in batches with its progress."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy

from ..tags.models import TAG_MAX_LENGTH


class BulkJob(models.Model):
    class Kind(models.TextChoices):
        ADVANCE = "advance", gettext_lazy("Advance to the next stage")
        REJECT = "reject", gettext_lazy("Reject")
        EMAIL = "email", gettext_lazy("Send an email")
        TAG = "tag", gettext_lazy("Add a tag")
        TEST = "test", gettext_lazy("Send the Passion Test")

    role = models.ForeignKey("candidates.Role", on_delete=models.CASCADE, related_name="bulk_jobs")
    kind = models.CharField(max_length=10, choices=Kind)
    reason = models.TextField(max_length=2000)  # a decision's why (empty when tagging)
    tag = models.CharField(max_length=TAG_MAX_LENGTH, blank=True)  # the tag an "add tag" adds
    # [[application id, the stage the recruiter saw it at], …]: a row that moved since is
    # skipped and reported, never overwritten.
    selection = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    changed = models.PositiveIntegerField(default=0)
    # [[application id, why], …]
    skipped = models.JSONField(default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    # The wording of the rejection or message emailed (empty: the kind's default).
    email_template = models.ForeignKey(
        "passionhire.EmailTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        app_label = "candidates"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="bulk_done_le_total"),
            models.CheckConstraint(
                condition=Q(kind__in=["advance", "reject", "email", "tag", "test"]),
                name="bulk_kind",
            ),
            models.CheckConstraint(condition=~Q(kind="tag") | ~Q(tag=""), name="bulk_tag_named"),
        ]

    def __str__(self) -> str:
        return f"Bulk {self.kind} on role {self.role_id}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def is_running(self) -> bool:
        return self.finished_at is None
