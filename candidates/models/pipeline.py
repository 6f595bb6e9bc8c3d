"""Roles (job openings), candidates, and applications (candidate x role) with their pipeline."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Lower
from django.db.models.lookups import GreaterThan
from django.urls import reverse

from passionhire.traits import Trait

WEIGHT_MAX = 10
DEFAULT_WEIGHT = 5


def _weight_field(trait: Trait) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        trait.label,
        default=DEFAULT_WEIGHT,
        validators=[MaxValueValidator(WEIGHT_MAX)],
        help_text=f"How much {trait.label.lower()} counts for this role (0-{WEIGHT_MAX}).",
    )


class Role(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=120)
    team = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_roles"
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    # One column per trait so the database itself enforces the weight rules.
    weight_empathy = _weight_field(Trait.EMPATHY)
    weight_commitment = _weight_field(Trait.COMMITMENT)
    weight_curiosity = _weight_field(Trait.CURIOSITY)
    weight_attention_to_detail = _weight_field(Trait.ATTENTION_TO_DETAIL)
    weight_connection = _weight_field(Trait.CONNECTION)
    weight_courage = _weight_field(Trait.COURAGE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    weight_empathy__lte=WEIGHT_MAX,
                    weight_commitment__lte=WEIGHT_MAX,
                    weight_curiosity__lte=WEIGHT_MAX,
                    weight_attention_to_detail__lte=WEIGHT_MAX,
                    weight_connection__lte=WEIGHT_MAX,
                    weight_courage__lte=WEIGHT_MAX,
                ),
                name="role_weights_at_most_max",
                violation_error_message=f"Each trait weight must be between 0 and {WEIGHT_MAX}.",
            ),
            models.CheckConstraint(
                condition=Q(
                    weight_empathy__gte=0,
                    weight_commitment__gte=0,
                    weight_curiosity__gte=0,
                    weight_attention_to_detail__gte=0,
                    weight_connection__gte=0,
                    weight_courage__gte=0,
                ),
                name="role_weights_non_negative",
                violation_error_message="Trait weights cannot be negative.",
            ),
            models.CheckConstraint(
                condition=GreaterThan(sum((F(f"weight_{t.value}") for t in Trait), Value(0)), 0),
                name="role_weights_not_all_zero",
                violation_error_message="At least one trait needs a weight above zero.",
            ),
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="role_status"),
        ]
        indexes = [models.Index(fields=["status", "title"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.team})"

    def get_absolute_url(self) -> str:
        return reverse("candidates:role_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def weights(self) -> dict[Trait, int]:
        return {trait: getattr(self, f"weight_{trait.value}") for trait in Trait}

    def weight_shares(self) -> list[tuple[Trait, int, float]]:
        """(trait, weight, share of the total in percent), in trait order."""
        weights = self.weights
        total = sum(weights.values()) or 1
        return [(trait, weight, 100 * weight / total) for trait, weight in weights.items()]


class Candidate(models.Model):
    class Source(models.TextChoices):
        DIRECT = "direct", "Applied directly"
        REFERRAL = "referral", "Employee referral"
        SOURCED = "sourced", "Sourced by a recruiter"
        AGENCY = "agency", "Agency"
        EVENT = "event", "Event or community"

    name = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=20, choices=Source, default=Source.DIRECT)
    consent_to_contact = models.BooleanField(
        default=False,
        help_text="The candidate agreed to be contacted by email about their application.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="candidate_email_unique_ci",
                violation_error_message="A candidate with this email address already exists.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Stage(models.TextChoices):
    """The pipeline, in order. Hired, rejected and withdrawn are the three ways out."""

    APPLIED = "applied", "Applied"
    PASSION_TEST = "passion_test", "Passion Test"
    INTERVIEWS = "interviews", "Interviews"
    TEAM_MEET = "team_meet", "Team meet"
    DECISION = "decision", "Decision"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


ACTIVE_STAGES = (
    Stage.APPLIED,
    Stage.PASSION_TEST,
    Stage.INTERVIEWS,
    Stage.TEAM_MEET,
    Stage.DECISION,
)
CLOSED_STAGES = (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)


class Application(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="applications")
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.APPLIED)
    # Both stay empty until evidence exists; the scoring task fills them in.
    composite_score = models.FloatField(null=True, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    stage_changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "role"],
                name="application_once_per_role",
                violation_error_message="This candidate is already in the pipeline for this role.",
            ),
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="application_stage_valid"
            ),
            models.CheckConstraint(
                condition=Q(composite_score__isnull=True)
                | Q(composite_score__gte=0, composite_score__lte=100),
                name="application_composite_0_100",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1),
                name="application_confidence_0_1",
            ),
        ]
        indexes = [
            models.Index(fields=["role", "stage"]),
            models.Index(fields=["role", "-composite_score"]),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} for {self.role}"

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES


class ApplicationEvent(models.Model):
    """The audit trail of an application: every service that changes one writes a row here."""

    class Kind(models.TextChoices):
        CREATED = "created", "Added to the pipeline"
        STAGE = "stage", "Stage changed"
        EMAIL = "email", "Email"
        NOTE = "note", "Note"

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
