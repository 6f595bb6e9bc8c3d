"""A candidate's request to have their personal data erased: recorded with a due date for
recruiters, resolved when a recruiter erases the candidate (erasure stays a person's act)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class ErasureRequest(models.Model):
    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="erasure_requests"
    )
    # The application whose status page the request came from (where recruiters look first).
    application = models.ForeignKey(
        "candidates.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasure_requests",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField()
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            # A second request while one is open says "already received": the database keeps
            # two concurrent clicks from making two.
            models.UniqueConstraint(
                fields=["candidate"],
                condition=Q(resolved_at__isnull=True),
                name="one_open_erasure_request_per_candidate",
            ),
        ]
        indexes = [
            models.Index(
                fields=["due_on"],
                condition=Q(resolved_at__isnull=True),
                name="erasure_request_open_due",
            )
        ]

    def __str__(self) -> str:
        return f"Erasure request of candidate #{self.candidate_id}, due {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()
