"""The history of an application: its events (the timeline) and its moves between stages."""

from django.conf import settings
from django.db import models

from .pipeline import Application


class ApplicationEvent(models.Model):
    """The audit trail of an application: every service that changes one writes a row here."""

    class Kind(models.TextChoices):
        CREATED = "created", "Added to the pipeline"
        STAGE = "stage", "Stage changed"
        EMAIL = "email", "Email"
        NOTE = "note", "Note"
        DECISION = "decision", "Decision"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind)
    message = models.CharField(max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["application", "-created_at"])]

    def __str__(self) -> str:
        return self.message


class StageChange(models.Model):
    """One move of an application from a stage to another, with when it had entered the stage
    it left: the funnel, time in stage and adverse impact are read from these rows. A
    rejection that is undone within its grace period removes its row (it was never a
    decision the candidate heard of)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=20)
    to_stage = models.CharField(max_length=20)
    entered_at = models.DateTimeField(help_text="When the application entered `from_stage`.")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_stage=models.F("to_stage")), name="stage_change_moves"
            ),
            models.CheckConstraint(
                condition=models.Q(changed_at__gte=models.F("entered_at")),
                name="stage_change_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["application", "changed_at"]),
            models.Index(fields=["from_stage", "changed_at"], name="stage_change_from"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_stage} → {self.to_stage}"
