"""What interviewers record: scorecards (a rating with written evidence per trait, and a
recommendation) for values interviews, lighter observations for team meets."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from passionhire.traits import Trait

RATING_MIN, RATING_MAX = 1, 5
EVIDENCE_MAX_LENGTH = 2000


class Recommendation(models.TextChoices):
    STRONG_NO = "strong_no", "Strong no"
    NO = "no", "No"
    YES = "yes", "Yes"
    STRONG_YES = "strong_yes", "Strong yes"


class Scorecard(models.Model):
    """One interviewer's scorecard for one interview. Independent until submitted: see
    interviews.selectors.scorecards_visible_to."""

    interview = models.ForeignKey(
        "interviews.Interview", on_delete=models.CASCADE, related_name="scorecards"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scorecards"
    )
    recommendation = models.CharField(max_length=20, choices=Recommendation)
    summary = models.TextField(max_length=EVIDENCE_MAX_LENGTH, blank=True)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)
    scored_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "interviewer"], name="scorecard_once_per_interviewer"
            ),
            models.CheckConstraint(
                condition=Q(recommendation__in=Recommendation.values),
                name="scorecard_recommendation_valid",
            ),
        ]
        indexes = [models.Index(fields=["interviewer", "submitted_at"])]

    def __str__(self) -> str:
        return f"Scorecard by {self.interviewer} on {self.interview_id}"


class TraitRating(models.Model):
    """A rating of 1-5 on the rubric with the evidence for it, or no rating (`rating` empty)
    when the interview did not reach the trait: that is missing evidence, not a low score."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="ratings")
    trait = models.CharField(max_length=30, choices=Trait)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence = models.TextField(max_length=EVIDENCE_MAX_LENGTH, blank=True)

    class Meta:
        ordering = ["scorecard", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "trait"], name="rating_once_per_trait"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | ~Q(evidence=""),
                name="rating_has_evidence",
            ),
            models.CheckConstraint(condition=Q(trait__in=Trait.values), name="rating_trait_valid"),
        ]
        indexes = [models.Index(fields=["trait", "rating"])]

    def __str__(self) -> str:
        return f"{self.trait}: {self.rating or 'no evidence'}"


class ScorecardRevision(models.Model):
    """The scorecard as it was before an edit after submitting (recruiters see the history)."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="revisions")
    snapshot = models.JSONField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    edited_at = models.DateTimeField()

    class Meta:
        ordering = ["-edited_at", "-pk"]

    def __str__(self) -> str:
        return f"Scorecard {self.scorecard_id} before {self.edited_at:%Y-%m-%d %H:%M}"


class Observation(models.Model):
    """A team member's note from a team meet: how each trait showed, in a few words."""

    class Seen(models.TextChoices):
        CLEAR = "clear", "Clearly showed it"
        SOME = "some", "Some sign of it"
        CONCERN = "concern", "A concern"

    # Evidence value for each level (0-100); "not seen" gives no evidence at all.
    SEEN_VALUES = {Seen.CLEAR: 85.0, Seen.SOME: 65.0, Seen.CONCERN: 25.0}

    interview = models.ForeignKey(
        "interviews.Interview", on_delete=models.CASCADE, related_name="observations"
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="observations"
    )
    seen = models.JSONField(default=dict, help_text="{trait: clear|some|concern}")
    notes = models.TextField(max_length=EVIDENCE_MAX_LENGTH)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "observer"], name="observation_once_per_observer"
            ),
            models.CheckConstraint(condition=~Q(notes=""), name="observation_has_notes"),
        ]

    def __str__(self) -> str:
        return f"Observation by {self.observer} on {self.interview_id}"
