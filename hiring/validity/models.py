"""The validity loop: some days after a hire, their hiring manager rates how the hire turned
out on the six traits' rubrics, and the scores the hire had when they were hired are kept
beside the ratings, so the app can show how well each source of evidence predicted.

Only numbers live here: no free text. When a hire's personal data is erased, a check-in not
yet answered is withdrawn, and an answered one keeps its numbers (the application it points
to is anonymised by the erasure itself)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from interviews.models.scorecards import RATING_MAX, RATING_MIN
from passionhire.traits import Trait

# CheckInScore.trait for a source's score over all six traits (compared with the overall
# performance rating) and CheckInScore.source for the stored rank score of the whole profile.
OVERALL = "overall"
COMBINED = "combined"


def _rating_field(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(label, null=True, blank=True)


class CheckIn(models.Model):
    """One hire's check-in: asked of the role's hiring manager through a signed link."""

    application = models.OneToOneField(
        "candidates.Application", on_delete=models.CASCADE, related_name="+"
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    hired_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    # A new nonce kills the link (signed_links); revoked_at says why it no longer works.
    nonce = models.CharField(max_length=32)
    revoked_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    still_employed = models.BooleanField(null=True, blank=True)
    performance = _rating_field("Overall performance")
    rating_empathy = _rating_field(Trait.EMPATHY.label)
    rating_commitment = _rating_field(Trait.COMMITMENT.label)
    rating_curiosity = _rating_field(Trait.CURIOSITY.label)
    rating_attention_to_detail = _rating_field(Trait.ATTENTION_TO_DETAIL.label)
    rating_connection = _rating_field(Trait.CONNECTION.label)
    rating_courage = _rating_field(Trait.COURAGE.label)

    class Meta:
        ordering = ["-hired_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(
                    still_employed__isnull=False,
                    performance__gte=RATING_MIN,
                    performance__lte=RATING_MAX,
                    **{
                        f"rating_{t.value}__{op}": bound
                        for t in Trait
                        for op, bound in (("gte", RATING_MIN), ("lte", RATING_MAX))
                    },
                ),
                name="checkin_complete_has_every_rating",
            ),
        ]
        indexes = [models.Index(fields=["completed_at"], name="checkin_completed")]

    def __str__(self) -> str:
        return f"Check-in {self.pk} ({self.application.alias})"

    def rating(self, trait: Trait) -> int | None:
        return getattr(self, f"rating_{trait.value}")


class CheckInScore(models.Model):
    """A score the hire had at the time of the check-in (nothing is added to a profile after
    the hire): one source of evidence on one trait (0-100), a source over all traits (trait
    OVERALL), or the profile's rank score (source COMBINED, trait OVERALL)."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="scores")
    source = models.CharField(max_length=20)
    trait = models.CharField(max_length=30)
    value = models.FloatField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "source", "trait"], name="checkin_score_once"
            ),
        ]
        indexes = [models.Index(fields=["source", "trait"], name="checkin_score_cell")]

    def __str__(self) -> str:
        return f"{self.source} on {self.trait}: {self.value}"
