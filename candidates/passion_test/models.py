"""The Passion Test: versioned questionnaires, their questions, invitations, responses, ratings.

Long because a response's whole life is here: the version and its questions and options, the
invitation (and its retake), the response with its review state, the answers, the page visits
and the ratings. They point at each other and their check constraints read across them; split
apart, each file would need the others to be understood.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passionhire.traits import Trait, trait_name

from ..ranking import TEST_RESPONSE_ORIGIN

LIKERT_MIN, LIKERT_MAX = 1, 5
LIKERT_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neither"),
    4: _("Agree"),
    5: _("Strongly agree"),
}
WHY_ANSWER_MAX_LENGTH = 3000
OPTION_SCORE_MIN, OPTION_SCORE_MAX = 1, 5


def _new_nonce() -> str:
    return secrets.token_urlsafe(12)


class Questionnaire(models.Model):
    """One version of the Passion Test. The highest version is the one new candidates get.

    A version that has responses is frozen: editing it creates the next version, so every
    response stays scored against the questions it answered.
    """

    version = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=120, default="The Passion Test")
    intro = models.TextField(blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", "Statement"
        # Three statements matched on how good they sound; the candidate picks the one most
        # and the one least like them. Options with no trait scores are unscored fillers.
        BLOCK = "block", "Most and least like me"
        SCENARIO = "scenario", "Scenario"
        # A statement few people can truthfully agree with ("I have never lost patience with
        # anyone"); scored on its own scale against its own norms, never on a trait.
        VIRTUE = "virtue", "Unlikely virtue"
        WHY = "why", "Why question"

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    # Stable across versions, so an edited question can be followed from one version to the next.
    key = models.SlugField(max_length=40)
    kind = models.CharField(max_length=10, choices=Kind)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(validators=[MaxLengthValidator(1000)])
    # Blank only for unlikely virtues; `clean` asks every other kind for at least one trait.
    traits = models.JSONField(
        default=list, blank=True, help_text="The traits this question is evidence for."
    )
    reverse_keyed = models.BooleanField(
        default=False, help_text="Agreeing with this statement means less of the trait."
    )
    twin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The statement on the same trait with the opposite keying.",
    )
    is_retired = models.BooleanField(default=False)

    class Meta:
        ordering = ["questionnaire", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="question_key_unique"),
            models.CheckConstraint(
                condition=Q(kind__in=["likert", "block", "scenario", "virtue", "why"]),
                name="question_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(reverse_keyed=False) | Q(kind="likert"),
                name="question_only_statements_reverse_keyed",
                violation_error_message="Only statements can be reverse-keyed.",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def trait(self) -> Trait:
        """The (first) trait this question is about; a statement has exactly one."""
        return Trait(self.traits[0])

    @property
    def trait_labels(self) -> list[str]:
        return [str(trait_name(t)) for t in self.traits]  # shown, in the reader's language

    def clean(self) -> None:
        errors = {}
        traits = self.traits if isinstance(self.traits, list) else []
        if self.kind == self.Kind.VIRTUE:
            if traits:
                errors["traits"] = "An unlikely-virtue statement measures no trait."
        elif not traits or not isinstance(self.traits, list):
            errors["traits"] = "Tie the question to at least one trait."
        elif any(t not in Trait.values for t in traits) or len(set(traits)) != len(traits):
            errors["traits"] = "Unknown or repeated trait."
        elif self.kind == self.Kind.LIKERT and len(traits) != 1:
            errors["traits"] = "A statement measures exactly one trait."
        if self.reverse_keyed and self.kind != self.Kind.LIKERT:
            errors["reverse_keyed"] = "Only statements can be reverse-keyed."
        twin = self.twin
        if twin is not None:
            if twin.pk == self.pk and self.pk is not None:
                errors["twin"] = "A statement cannot be its own twin."
            elif self.kind != self.Kind.LIKERT or twin.kind != self.Kind.LIKERT:
                errors["twin"] = "Only statements have twins."
            elif twin.questionnaire_id != self.questionnaire_id:
                errors["twin"] = "The twin must be in the same version."
            elif twin.traits != traits:
                errors["twin"] = "The twin must measure the same trait."
            elif twin.reverse_keyed == self.reverse_keyed:
                errors["twin"] = "The twin must be keyed the other way."
        if errors:
            raise ValidationError(errors)


class ScenarioOption(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=400)
    # {trait: 1..5}: how much choosing this option says about each trait.
    scores = models.JSONField(default=dict)

    class Meta:
        ordering = ["question", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_filler(self) -> bool:
        """A forced-choice statement that scores nothing: it only anchors the others."""
        return not self.scores

    def clean(self) -> None:
        scores = self.scores if isinstance(self.scores, dict) else None
        if scores == {} and self.question.kind == Question.Kind.BLOCK:
            return
        if not scores:
            raise ValidationError({"scores": "Score the option on at least one trait."})
        for trait, value in scores.items():
            if trait not in Trait.values:
                raise ValidationError({"scores": f"Unknown trait “{trait}”."})
            if not isinstance(value, int) or not OPTION_SCORE_MIN <= value <= OPTION_SCORE_MAX:
                raise ValidationError(
                    {"scores": f"Scores are whole numbers {OPTION_SCORE_MIN}-{OPTION_SCORE_MAX}."}
                )


class PassionTestInvitation(models.Model):
    """A personal, expiring link to the Passion Test for one application."""

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="passion_test_invitations"
    )
    # Part of the signed link: revoking and inviting again gives a link the old one can't reach.
    nonce = models.CharField(max_length=32, default=_new_nonce, editable=False)
    expires_at = models.DateTimeField()
    send_count = models.PositiveSmallIntegerField(default=0)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=300, blank=True)  # what the closed link says
    # Set on a retake's invitation: the response the candidate is asked to take again.
    retake_of = models.ForeignKey(
        "PassionTestResponse", models.SET_NULL, null=True, blank=True, related_name="retakes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_invitation_per_application",
                violation_error_message="This application already has a live Passion Test link.",
            ),
        ]

    def __str__(self) -> str:
        return f"Passion Test invitation for {self.application_id}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def response_or_none(self) -> "PassionTestResponse | None":
        try:
            return self.response
        except PassionTestResponse.DoesNotExist:
            return None

    @property
    def state(self) -> str:
        """One word for lists: revoked, review, scored, submitted, started, expired or sent."""
        response = self.response_or_none
        if self.is_revoked:
            return "revoked"
        if response is not None and response.review == PassionTestResponse.Review.PENDING:
            return "review"
        if response is not None and response.scored_at:
            return "scored"
        if response is not None and response.submitted_at:
            return "submitted"
        if self.expires_at <= timezone.now():
            return "expired"
        return "started" if response is not None else "sent"


class TestReview(models.TextChoices):
    """A recruiter's review of a scored test whose answers can't be trusted."""

    NONE = "", "No review needed"
    PENDING = "pending", "Review the test"
    ACCEPTED = "accepted", "Accepted after review"
    RETAKE = "retake", "Retake requested"
    WAIVED = "waived", "Proceeding without the test"


class PassionTestResponse(models.Model):
    """A candidate's answers to one questionnaire version, then its scoring, quality flags
    and, when the answers can't be trusted, a recruiter's review (passion_test/review.py)."""

    Review = TestReview

    invitation = models.OneToOneField(
        PassionTestInvitation, on_delete=models.CASCADE, related_name="response"
    )
    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="passion_test_responses"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="responses"
    )
    started_at = models.DateTimeField(help_text="When the candidate first opened the test.")
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    scored_at = models.DateTimeField(null=True, blank=True)
    reliability = models.FloatField(
        null=True, blank=True, help_text="0-1: how far the answers can be trusted."
    )
    # [{"code": ..., "label": ..., "detail": ...}] for each response-quality problem found.
    flags = models.JSONField(default=list, blank=True)
    # The measurements behind the flags (longest run, elapsed seconds, ...), for the results page.
    quality = models.JSONField(default=dict, blank=True)
    # Written with the scores: one digit per statement of the version (its active Likert
    # questions in id order), the answer keyed towards the trait, 0 if skipped. The fairness
    # report screens statements from these (one short row per test, not one per answer).
    keyed_statements = models.TextField(blank=True, editable=False)
    # The language of the statements the candidate read: the translation's, or English when
    # the version has no published translation in the application's language. A translated
    # item can behave differently, so consistency is measured per language (docs/i18n.md).
    language = models.CharField(max_length=8, default="en")
    translation = models.ForeignKey(
        "candidates.QuestionnaireTranslation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
    )
    review = models.CharField(max_length=10, choices=Review, default=Review.NONE, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reliability__isnull=True) | Q(reliability__gte=0, reliability__lte=1),
                name="response_reliability_0_1",
            ),
            models.CheckConstraint(
                condition=Q(scored_at__isnull=True) | Q(submitted_at__isnull=False),
                name="response_scored_after_submit",
            ),
            models.CheckConstraint(
                condition=Q(review__in=TestReview.values), name="response_review_ok"
            ),
            models.CheckConstraint(
                condition=Q(review="") | Q(scored_at__isnull=False),
                name="response_reviewed_once_scored",
            ),
            models.CheckConstraint(
                condition=Q(review__in=["", "pending"], reviewed_at__isnull=True)
                | Q(review__in=["accepted", "retake", "waived"], reviewed_at__isnull=False),
                name="response_review_decided_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["questionnaire", "submitted_at"]),
            models.Index(
                fields=["application"],
                condition=Q(review="pending"),
                name="response_review_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"Passion Test response {self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def evidence_origin(self) -> str:
        """The `Evidence.origin` of the trait scores this response produced."""
        return f"{TEST_RESPONSE_ORIGIN}{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(
        PassionTestResponse, on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    likert = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(LIKERT_MIN), MaxValueValidator(LIKERT_MAX)],
    )
    # A scenario's chosen option, or a forced-choice block's "most like me".
    option = models.ForeignKey(
        ScenarioOption, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A forced-choice block's "least like me" (never the same as `option`).
    option_least = models.ForeignKey(
        ScenarioOption, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(blank=True, validators=[MaxLengthValidator(WHY_ANSWER_MAX_LENGTH)])
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["response", "question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_once_per_question"
            ),
            models.CheckConstraint(
                condition=Q(likert__isnull=True)
                | Q(likert__gte=LIKERT_MIN, likert__lte=LIKERT_MAX),
                name="answer_likert_1_5",
            ),
            models.CheckConstraint(
                condition=Q(option_least__isnull=True)
                | (Q(option__isnull=False) & ~Q(option_least=models.F("option"))),
                name="answer_least_differs_from_most",
                violation_error_message="“Most” and “least like me” must be different statements.",
            ),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class PageVisit(models.Model):
    """One showing of one page of the test to the candidate, timed by the server's clock.

    A row per showing rather than a JSON list on the response: a page shown twice is two rows
    whose spans add up, the database checks every span (it ends after it starts), and the
    response row stays small and lockable. `left_at` is the last time the server heard from
    the page while it was the one on screen (a save, Next, Back or Submit); a showing the
    candidate walked away from without a word counts nothing, so a break between pages, or
    after the last answer on a page, is never timed.
    """

    response = models.ForeignKey(
        PassionTestResponse, on_delete=models.CASCADE, related_name="page_visits"
    )
    page = models.PositiveSmallIntegerField(help_text="1-based, in the candidate's page order.")
    shown_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["response", "shown_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(page__gte=1), name="page_visit_page_from_1"),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=models.F("shown_at")),
                name="page_visit_left_after_shown",
            ),
        ]
        indexes = [models.Index(fields=["response", "-shown_at"])]

    def __str__(self) -> str:
        return f"Page {self.page} of response {self.response_id}"

    @property
    def seconds(self) -> float:
        return (self.left_at - self.shown_at).total_seconds() if self.left_at else 0.0


class WhyRating(models.Model):
    """A recruiter's rating of one why answer on one of its traits, on that trait's rubric."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="ratings")
    trait = models.CharField(max_length=30, choices=Trait)
    rating = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["answer", "trait"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "trait"], name="why_rating_once_per_trait"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="why_rating_1_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_trait_display()}: {self.rating}"
