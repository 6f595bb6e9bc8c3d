"""Referrals: employees putting forward people they know, with examples of their passion.

The choices' labels are marked with `gettext_noop`: they stay English in what is stored or
sent (audit summaries, exports, the referrer's emails), and pages translate them as they show
them (`{% translate referral.get_status_display %}`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_noop

from passionhire.traits import Trait

EXAMPLE_MAX_LENGTH = 1000


class Referral(models.Model):
    class Relationship(models.TextChoices):
        WORKED_TOGETHER = "worked_together", gettext_noop("We worked together")
        MANAGED_THEM = "managed_them", gettext_noop("I managed them")
        THEY_MANAGED_ME = "they_managed_me", gettext_noop("They managed me")
        CUSTOMER = "customer", gettext_noop("They were my customer, or I was theirs")
        STUDIED = "studied", gettext_noop("We studied or trained together")
        COMMUNITY = "community", gettext_noop("Community, volunteering or events")
        PERSONAL = "personal", gettext_noop("Friends or family")

    class KnownFor(models.TextChoices):
        UNDER_1 = "under_1", gettext_noop("Less than a year")
        ONE_TO_3 = "1_3", gettext_noop("1-3 years")
        THREE_TO_5 = "3_5", gettext_noop("3-5 years")
        OVER_5 = "over_5", gettext_noop("More than 5 years")

    class Status(models.TextChoices):
        PENDING = "pending", gettext_noop("Waiting for review")
        ACCEPTED = "accepted", gettext_noop("Accepted")
        DECLINED = "declined", gettext_noop("Not taken forward")
        DUPLICATE = "duplicate", gettext_noop("Already referred")

    class DeclineReason(models.TextChoices):
        NOT_A_MATCH = "not_a_match", gettext_noop("Not the right match for this role")
        ROLE_FILLED = "role_filled", gettext_noop("The role is filled or on hold")
        ALREADY_IN_TOUCH = (
            "already_in_touch",
            gettext_noop("Already in touch through another route"),
        )
        OTHER = "other", gettext_noop("Other reason")

    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrals"
    )
    role = models.ForeignKey("candidates.Role", on_delete=models.CASCADE, related_name="referrals")
    name = models.CharField(max_length=150)
    email = models.EmailField(max_length=254)
    # Blank only for a referral made by a share link: the referrer typed nothing about them.
    relationship = models.CharField(max_length=20, choices=Relationship, blank=True)
    known_for = models.CharField(max_length=10, choices=KnownFor, blank=True)
    via_link = models.BooleanField(
        default=False,
        help_text="The person applied through the referrer's personal share link.",
    )
    consent_confirmed = models.BooleanField(
        help_text="The referrer confirmed the person agreed to be contacted."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    # Set when accepted, and for a duplicate when the person is already in the pipeline.
    application = models.ForeignKey(
        "candidates.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    # A duplicate points at the referral that keeps the credit.
    credited_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    decline_reason = models.CharField(max_length=20, choices=DeclineReason, blank=True)
    decline_note = models.CharField(
        max_length=500, blank=True, help_text="For recruiters only; the referrer never sees it."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_confirmed=True),
                name="referral_needs_consent",
                violation_error_message="Confirm that they agreed to be contacted.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "accepted", "declined", "duplicate"]),
                name="referral_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="referral_declined_with_reason",
            ),
            models.CheckConstraint(
                condition=Q(via_link=True) | (~Q(relationship="") & ~Q(known_for="")),
                name="referral_typed_says_how_known",
                violation_error_message="Say how you know them and for how long.",
            ),
        ]
        indexes = [
            models.Index(fields=["referrer", "-created_at"]),
            models.Index(fields=["status", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name} for {self.role_id}, referred by {self.referrer_id}"

    def get_absolute_url(self) -> str:
        return reverse("candidates:referral_detail", args=[self.pk])


class ReferralExample(models.Model):
    """The heart of a referral: a concrete moment when the person showed one trait."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="examples")
    trait = models.CharField(max_length=30, choices=Trait)
    text = models.TextField(max_length=EXAMPLE_MAX_LENGTH)

    class Meta:
        ordering = ["referral", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "trait"], name="referral_example_per_trait"
            ),
            models.CheckConstraint(
                condition=Q(trait__in=Trait.values), name="referral_example_trait_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_trait_display()}: {self.text[:60]}"


class ReferrerPreference(models.Model):
    """An employee's choice about the referral leaderboard."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referrer_preference"
    )
    show_on_leaderboard = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {'shown' if self.show_on_leaderboard else 'hidden'}"
