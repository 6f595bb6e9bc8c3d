"""Evidence: every signal about a candidate, as a value on one trait, from one source."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from passionhire.traits import Trait
from passionhire.vocabulary import EvidenceSource


class Evidence(models.Model):
    """One piece of evidence on one trait for one application, on the common 0-100 scale.

    `origin` names what produced it (e.g. ``passion_test:response:12`` or
    ``passion_test:why:40``) so that re-scoring the same thing updates its row instead of
    adding a second one.
    """

    Source = EvidenceSource

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="evidence"
    )
    trait = models.CharField(max_length=30, choices=Trait)
    source = models.CharField(max_length=20, choices=Source)
    value = models.FloatField(help_text="0-100 on the trait.")
    weight = models.FloatField(default=1.0, help_text="How much this piece counts (0 = ignore).")
    origin = models.CharField(max_length=80)
    summary = models.CharField(max_length=200, blank=True)
    # Set when `value` was calibrated (an interviewer's rating normalised against their own
    # history): what the rating was before calibration, on the same 0-100 scale.
    raw_value = models.FloatField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "trait", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "trait", "origin"], name="evidence_once_per_origin"
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=100), name="evidence_value_0_100"
            ),
            models.CheckConstraint(condition=Q(weight__gte=0), name="evidence_weight_non_negative"),
            models.CheckConstraint(
                condition=Q(trait__in=Trait.values), name="evidence_trait_valid"
            ),
        ]
        indexes = [models.Index(fields=["application", "trait"])]

    def __str__(self) -> str:
        return f"{self.get_trait_display()} {self.value:.0f} ({self.get_source_display()})"
