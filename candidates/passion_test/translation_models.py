"""A version of the Passion Test in one more language: a translation table per version.

Every text a candidate reads (the title, the introduction, each question and each option) is
kept with the English it was translated from, so a change to the English shows which entries
are out of date. A translation is a draft until a recruiter publishes it, and it can only be
published complete (docs/i18n.md). A response records the translation it was taken with: each
language is its own instrument, scored on the same keys, with its own consistency figures.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .models import Questionnaire

TITLE_MAX_LENGTH = 120
INTRO_MAX_LENGTH = 3000
QUESTION_MAX_LENGTH = 1000
OPTION_MAX_LENGTH = 400


def option_slot(question_key: str, position: int) -> str:
    """How an option is named in `QuestionnaireTranslation.options`: options are re-created
    when a question is edited, so they are named by their question and place, not their id."""
    return f"{question_key}/{position}"


class QuestionnaireTranslation(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(max_length=8)
    title = models.CharField(max_length=TITLE_MAX_LENGTH, blank=True)
    intro = models.TextField(blank=True)
    # {question key: [the English translated, the translation]}
    texts = models.JSONField(default=dict, blank=True)
    # {option_slot(): [the English translated, the translation]}
    options = models.JSONField(default=dict, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["questionnaire", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "language"], name="questionnaire_translation_unique"
            ),
            models.CheckConstraint(
                condition=~Q(language="") & ~Q(language="en"),
                name="questionnaire_translation_not_english",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} ({self.language})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def text_for(self, question) -> str:
        """The translation of `question`'s text, or its English when there is none."""
        entry = self.texts.get(question.key)
        return entry[1] if entry else question.text

    def option_text_for(self, question, option) -> str:
        entry = self.options.get(option_slot(question.key, option.position))
        return entry[1] if entry else option.text
