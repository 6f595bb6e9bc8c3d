"""Roles (job openings), candidates, and applications (candidate x role) with their pipeline."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Lower
from django.db.models.lookups import GreaterThan
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from taggit.managers import TaggableManager

from passionhire.content_languages import InLanguages
from passionhire.traits import Trait
from passionhire.vocabulary import SOURCE_LABELS, SOURCES, WEIGHT_MAX

from ..ranking import DEFAULT_SOURCE_WEIGHTS
from .applying import cv_upload_to, new_status_nonce, private_storage

DEFAULT_WEIGHT = 5
# An erased candidate's address: unique per candidate, and in a domain no mail can reach.
ERASED_EMAIL_DOMAIN = "erased.invalid"


def erased_email(candidate_id: int) -> str:
    return f"erased-{candidate_id}@{ERASED_EMAIL_DOMAIN}"


def is_erased_email(email: str) -> bool:
    return email.strip().lower().endswith("@" + ERASED_EMAIL_DOMAIN)


def _source_weight_field(source: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        SOURCE_LABELS[source],
        default=DEFAULT_SOURCE_WEIGHTS[source],
        validators=[MaxValueValidator(WEIGHT_MAX)],
        help_text=f"How much {SOURCE_LABELS[source]} evidence counts (0-{WEIGHT_MAX}).",
    )


def _weight_field(trait: Trait) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        trait.label,
        default=DEFAULT_WEIGHT,
        validators=[MaxValueValidator(WEIGHT_MAX)],
        help_text=f"How much {trait.label.lower()} counts for this role (0-{WEIGHT_MAX}).",
    )


class Role(InLanguages):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Workplace(models.TextChoices):
        ON_SITE = "on_site", _("On-site")
        HYBRID = "hybrid", _("Hybrid")
        REMOTE = "remote", _("Remote")

    # schema.org JobPosting employmentType values
    class EmploymentType(models.TextChoices):
        FULL_TIME = "FULL_TIME", _("Full-time")
        PART_TIME = "PART_TIME", _("Part-time")
        CONTRACTOR = "CONTRACTOR", _("Contract")
        TEMPORARY = "TEMPORARY", _("Temporary")
        INTERN = "INTERN", _("Internship")

    class PayPeriod(models.TextChoices):
        YEAR = "YEAR", _("a year")
        MONTH = "MONTH", _("a month")
        HOUR = "HOUR", _("an hour")

    title = models.CharField(max_length=120)
    team = models.CharField(max_length=120)
    description = models.TextField(blank=True, help_text="Markdown; shown on the careers page.")
    location = models.CharField(max_length=120, blank=True, help_text="City and country.")
    country = CountryField(
        blank=True,
        help_text="Where the role is based: decides which voluntary questions about "
        "themselves its applicants are asked.",
    )
    workplace = models.CharField(max_length=10, choices=Workplace, default=Workplace.ON_SITE)
    employment_type = models.CharField(
        max_length=12, choices=EmploymentType, default=EmploymentType.FULL_TIME
    )
    pay_min = models.PositiveIntegerField(null=True, blank=True)
    pay_max = models.PositiveIntegerField(null=True, blank=True)
    pay_currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217, e.g. EUR.")
    pay_period = models.CharField(max_length=5, choices=PayPeriod, default=PayPeriod.YEAR)
    # Set while the role is on the public careers page (and open).
    published_at = models.DateTimeField(null=True, blank=True)
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
    # How much each source of evidence counts when a trait's score combines them.
    source_weight_passion_test = _source_weight_field("passion_test")
    source_weight_interview = _source_weight_field("interview")
    source_weight_team_meet = _source_weight_field("team_meet")
    source_weight_referral = _source_weight_field("referral")
    blind_review = models.BooleanField(
        default=False,
        help_text="Hide names, emails and referrers on the shortlist until the decision stage.",
    )
    # Bumped on every weight change; a re-rank job carries the version it ranks for.
    weights_version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_min__isnull=True)
                | Q(pay_max__isnull=True)
                | Q(pay_max__gte=models.F("pay_min")),
                name="role_pay_range_ordered",
                violation_error_message="The top of the pay range is below its bottom.",
            ),
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
            models.CheckConstraint(
                condition=Q(
                    **{f"source_weight_{s}__gte": 0 for s in SOURCES},
                    **{f"source_weight_{s}__lte": WEIGHT_MAX for s in SOURCES},
                ),
                name="role_source_weights_0_max",
                violation_error_message=f"Source weights are between 0 and {WEIGHT_MAX}.",
            ),
            models.CheckConstraint(
                condition=GreaterThan(sum((F(f"source_weight_{s}") for s in SOURCES), Value(0)), 0),
                name="role_source_weights_not_all_zero",
                violation_error_message="At least one source of evidence needs a weight above 0.",
            ),
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="role_status"),
        ]
        indexes = [
            models.Index(fields=["status", "title"]),
            models.Index(fields=["status", "published_at"], name="role_public"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.team})"

    def get_absolute_url(self) -> str:
        return reverse("hiring:role_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_published(self) -> bool:
        """On the public careers page: published and still open."""
        return self.published_at is not None and self.is_open

    @property
    def weights(self) -> dict[Trait, int]:
        return {trait: getattr(self, f"weight_{trait.value}") for trait in Trait}

    @property
    def source_weights(self) -> dict[str, int]:
        return {source: getattr(self, f"source_weight_{source}") for source in SOURCES}

    def weight_shares(self) -> list[tuple[Trait, int, float]]:
        """(trait, weight, share of the total in percent), in trait order."""
        total = sum(self.weights.values()) or 1
        return [(trait, weight, 100 * weight / total) for trait, weight in self.weights.items()]


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
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_source = models.CharField(
        max_length=200, blank=True, help_text="How the consent reached us, and who recorded it."
    )
    # The version of the privacy notice the candidate agreed to (careers page applications).
    consent_notice_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the personal data was erased (on request or by the retention policy).
    erased_at = models.DateTimeField(null=True, blank=True)
    tags = TaggableManager(through="candidates.TaggedCandidate", blank=True)  # candidates/tags

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

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None


class Stage(models.TextChoices):
    """The pipeline, in order. Hired, rejected and withdrawn are the three ways out."""

    APPLIED = "applied", "Applied"
    PASSION_TEST = "passion_test", "Passion Test"
    INTERVIEWS = "interviews", "Interviews"
    TEAM_MEET = "team_meet", "Team meet"
    DECISION = "decision", "Decision"
    OFFER = "offer", "Offer"
    HIRED = "hired", "Hired"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


ACTIVE_STAGES = (
    Stage.APPLIED,
    Stage.PASSION_TEST,
    Stage.INTERVIEWS,
    Stage.TEAM_MEET,
    Stage.DECISION,
    Stage.OFFER,
)
# From here on a blind review shows who the candidate is.
REVEALED_STAGES = (Stage.DECISION, Stage.OFFER, Stage.HIRED)
CLOSED_STAGES = (Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN)
# The way to a hire, in order: `Application.reached` is the index of the furthest stage reached.
FUNNEL = (*ACTIVE_STAGES, Stage.HIRED)


def funnel_index(stage: str) -> int | None:
    return FUNNEL.index(stage) if stage in FUNNEL else None


class Application(models.Model):
    class Source(models.TextChoices):
        RECRUITER = "recruiter", "Added by a recruiter"
        REFERRAL = "referral", "Employee referral"
        CAREERS = "careers", "Careers page"
        REFERRAL_LINK = "referral_link", "Referral link"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="applications")
    stage = models.CharField(max_length=20, choices=Stage, default=Stage.APPLIED)
    source = models.CharField(max_length=20, choices=Source, default=Source.RECRUITER)
    # From the link the applicant came by (?utm_source=…&utm_campaign=…), cleaned.
    utm_source = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    # The applicant's answers to the role's knock-out questions, as asked:
    # [{"question": text, "answer": "yes"|"no", "disqualifying": bool}, …]
    knockout_answers = models.JSONField(default=list, blank=True)
    # Set when an answer ruled the application out; it waits apart until a recruiter confirms
    # (a courteous email, the application rejected) or keeps it in the pipeline.
    knocked_out_at = models.DateTimeField(null=True, blank=True)
    cv = models.FileField(
        storage=private_storage, upload_to=cv_upload_to, blank=True, max_length=200
    )
    cv_name = models.CharField(
        max_length=120, blank=True, help_text="The file name the applicant gave."
    )
    # The language the candidate applied in (or last chose on a signed-link page): every later
    # email to them uses it (passionhire/languages.py). A code of settings.LANGUAGES.
    language = models.CharField(max_length=8, default="en")
    # Both stay empty until evidence exists; the scoring task fills them in.
    composite_score = models.FloatField(null=True, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    # Per-trait scores (0-100, empty without evidence) and flags (a `ranking.Flag` bitmask),
    # stored so the shortlist filters and sorts in the database.
    score_empathy = models.FloatField(null=True, blank=True)
    score_commitment = models.FloatField(null=True, blank=True)
    score_curiosity = models.FloatField(null=True, blank=True)
    score_attention_to_detail = models.FloatField(null=True, blank=True)
    score_connection = models.FloatField(null=True, blank=True)
    score_courage = models.FloatField(null=True, blank=True)
    # The composite shrunk toward the middle of the scale by the confidence (see ranking):
    # what the shortlist ranks by, so a thin file does not outrank a well-known candidate.
    rank_score = models.FloatField(null=True, blank=True)
    # Until evidence arrives an application misses every source (see ranking.MISSING_FLAGS).
    flags = models.PositiveSmallIntegerField(default=28)
    on_hold = models.BooleanField(default=False)
    # Set once the application reaches the decision stage: a blind review shows the name.
    revealed = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    stage_changed_at = models.DateTimeField(auto_now_add=True)
    # The furthest stage reached (its index in FUNNEL): a rejection or withdrawal keeps it, so
    # adverse impact can tell at which stage someone was turned down (candidates/history.py).
    reached = models.PositiveSmallIntegerField(default=0)
    # The candidate's status page link: signed [pk, nonce] (candidates/services/status_link.py).
    status_nonce = models.CharField(max_length=32, default=new_status_nonce, editable=False)

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
            models.CheckConstraint(
                condition=Q(rank_score__isnull=True) | Q(rank_score__gte=0, rank_score__lte=100),
                name="application_rank_score_0_100",
            ),
        ]
        indexes = [
            # A stage's newest cards on the board, read off the index (hiring/selectors/
            # board.py), and each stage's count from the index alone (it carries what the
            # count filters on).
            models.Index(
                fields=["role", "stage", "-stage_changed_at", "-id"],
                include=["knocked_out_at"],
                name="application_board",
            ),
            models.Index(fields=["role", "knocked_out_at"], name="application_knocked_out"),
            # The shortlist's ranking indexes (highest first, empty last) are created in SQL
            # (candidates/rank_indexes.py), as PostgreSQL and SQLite each need them spelled.
        ]

    def __str__(self) -> str:
        return f"{self.candidate} for {self.role}"

    @property
    def is_active(self) -> bool:
        return self.stage in ACTIVE_STAGES

    @property
    def trait_scores(self) -> dict[Trait, float | None]:
        return {trait: getattr(self, f"score_{trait.value}") for trait in Trait}

    @property
    def alias(self) -> str:
        """What a blind review calls the candidate."""
        return f"Candidate #{self.pk}"
