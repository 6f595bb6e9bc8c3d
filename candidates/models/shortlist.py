"""Decisions on applications and re-rank jobs: what the ranked shortlist writes."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

REASON_MAX_LENGTH = 1000


class Decision(models.Model):
    """A person's decision on an application, with their reason. The score never decides."""

    class Kind(models.TextChoices):
        ADVANCE = "advance", "Advance"
        HOLD = "hold", "Hold"
        REJECT = "reject", "Reject"
        OFFER = "offer", "Make an offer"
        HIRE = "hire", "Offer accepted: hired"
        DECLINE = "decline", "Offer declined by the candidate"
        WITHDRAW = "withdraw", "Withdrawn by the candidate"
        REOPEN = "reopen", "Reopen the application"

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    reason = models.TextField(max_length=REASON_MAX_LENGTH)
    from_stage = models.CharField(max_length=20)
    to_stage = models.CharField(max_length=20)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    # A rejection can be undone until then: its email waits in the outbox (`email_outbox_id`).
    undo_until = models.DateTimeField(null=True, blank=True)
    email_outbox_id = models.PositiveBigIntegerField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Made by a bulk action (which can be undone as a whole within the grace).
    # The wording of the rejection email (empty: the organisation's default).
    email_template = models.ForeignKey(
        "passionhire.EmailTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bulk_job = models.ForeignKey(
        "candidates.BulkJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="decision_has_reason"),
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "advance",
                        "hold",
                        "reject",
                        "offer",
                        "hire",
                        "decline",
                        "withdraw",
                        "reopen",
                    ]
                ),
                name="decision_kind_valid",
            ),
        ]
        indexes = [models.Index(fields=["application", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.application}"


class RerankJob(models.Model):
    """Re-scoring a role's applications after its weights changed, with its progress."""

    role = models.ForeignKey("candidates.Role", on_delete=models.CASCADE, related_name="reranks")
    weights_version = models.PositiveIntegerField()
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="rerank_done_le_total")
        ]

    def __str__(self) -> str:
        return f"Re-rank {self.role_id} v{self.weights_version}: {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def is_running(self) -> bool:
        return self.finished_at is None
