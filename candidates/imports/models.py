"""A CSV import of candidates to a role: the uploaded text, the column mapping, and, once
started, the rows to import, how far the job got and the rows it could not import."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_noop


class ImportJob(models.Model):
    # Labels stay English; the import page translates them as it shows them.
    class Status(models.TextChoices):
        DRAFT = "draft", gettext_noop("Not started")
        RUNNING = "running", gettext_noop("Importing")
        DONE = "done", gettext_noop("Finished")
        STOPPED = "stopped", gettext_noop("Stopped")

    role = models.ForeignKey("candidates.Role", on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200)
    # The file as decoded text, kept until the job finishes (then emptied: only the rows that
    # could not be imported stay, for the error list).
    source_text = models.TextField(blank=True)
    header = models.JSONField(default=list)
    # {"name": column index or None, "email": …, "phone": …, "consent": …}
    mapping = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    # Set when started: the rows that passed every check of their own, as
    # [row number, name, email, phone, consent], and the job's place in them.
    rows = models.JSONField(default=list)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    linked = models.PositiveIntegerField(default=0, help_text="Imported as existing candidates.")
    emailed = models.PositiveIntegerField(default=0, help_text="Acknowledgements queued.")
    # Rows not imported: [{"row": n, "kind": "error"|"skipped", "message": …, "cells": {…}}]
    problems = models.JSONField(default=list)
    stop_reason = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The last batch's commit: a running job with no batch for a while can be resumed.
    progressed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "candidates"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="import_done_le_total"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "running", "done", "stopped"]),
                name="import_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Import #{self.pk} to role {self.role_id}: {self.done}/{self.total}"

    def get_absolute_url(self) -> str:
        return reverse("candidates:import_detail", args=[self.pk])

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.RUNNING

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p["kind"] == "error")

    @property
    def skipped_count(self) -> int:
        return sum(1 for p in self.problems if p["kind"] == "skipped")
