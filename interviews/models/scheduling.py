"""Interviews and team meets: who is on them, the slots offered, and the time booked."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy


class Interview(models.Model):
    class Kind(models.TextChoices):
        VALUES = "values", gettext_lazy("Values interview")
        TEAM_MEET = "team_meet", gettext_lazy("Team meet")

    class Status(models.TextChoices):
        OFFERED = "offered", "Waiting for the candidate to pick a time"
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="interviews"
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.VALUES)
    status = models.CharField(max_length=20, choices=Status, default=Status.OFFERED)
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    location = models.CharField(
        max_length=300, blank=True, help_text="A room, an address or a video-call link."
    )
    # The traits a scorecard for this interview rates, fixed when it is created so a later
    # edit of the role's guide does not change a scorecard under an interviewer's feet.
    traits = models.JSONField(default=list)
    starts_at = models.DateTimeField(null=True, blank=True)
    # The time zone the recruiter scheduled in: emails show times in it (and in UTC).
    time_zone = models.CharField(max_length=64, default="UTC")
    # Calendar identity: one UID for the interview's whole life, SEQUENCE up on every change.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    # The candidate's slot link: signed [pk, nonce]; a new nonce kills old links.
    nonce = models.CharField(max_length=32)
    link_expires_at = models.DateTimeField()
    link_send_count = models.PositiveSmallIntegerField(default=0)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Participant", related_name="interviews"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["offered", "scheduled", "cancelled"]),
                name="interview_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15, duration_minutes__lte=240),
                name="interview_duration_15_240",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(starts_at__isnull=False),
                name="interview_scheduled_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["application", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.application.candidate}"

    @property
    def kind_recorded(self) -> str:
        """The kind's name as records keep it (timeline, audit, staff notifications): in
        English, whatever language the page that caused the record was in (docs/i18n.md)."""
        with translation.override(settings.LANGUAGE_CODE):
            return str(self.get_kind_display())

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None

    @property
    def has_taken_place(self) -> bool:
        return self.starts_at is not None and self.starts_at <= timezone.now()

    @property
    def is_team_meet(self) -> bool:
        return self.kind == self.Kind.TEAM_MEET


class Participant(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="participants")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "interviewer"], name="participant_once_per_interview"
            )
        ]
        indexes = [models.Index(fields=["interviewer", "interview"])]

    def __str__(self) -> str:
        return f"{self.interviewer} on {self.interview_id}"


class InterviewSlot(models.Model):
    """A time offered to the candidate."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "starts_at"], name="slot_once"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"


class Booking(models.Model):
    """An interviewer's time taken by a scheduled interview. The unique constraint is what
    makes two candidates racing for the same interviewer at the same time end with one booking."""

    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings"
    )
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="bookings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["interviewer", "starts_at"],
                name="booking_interviewer_time_once",
                violation_error_message="This interviewer is already booked at that time.",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="booking_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["interviewer", "starts_at", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.interviewer} {self.starts_at:%Y-%m-%d %H:%M}-{self.ends_at:%H:%M} UTC"
