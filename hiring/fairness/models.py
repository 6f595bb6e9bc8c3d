"""Voluntary self-identification: the questions the organisation asks and the answers given.

The answers are kept apart from the application: nothing in the hiring path reads them (a test
checks which modules import this one), the Candidate has no accessor to them, and they leave
this package only as aggregates with small groups suppressed (hiring/fairness/selectors.py),
in the candidate's own data export, or erased with the candidate."""

from django.db import models
from django_countries.fields import CountryField

from passionhire.content_languages import InLanguages

SELF_ID_OPTION_MAX = 100
# What "I prefer not to say" is stored as: an answer given, and never a group.
DECLINED = ""


class SelfIdQuestion(InLanguages):
    """One question with its answer options; "I prefer not to say" is always offered too.

    `translations` holds its text, help text and options in other languages: options line for
    line with the English, which stays what an answer stores, so the reports count one group
    whatever language a candidate answered in."""

    key = models.SlugField(max_length=40, unique=True)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    options = models.JSONField(default=list, help_text="The answers offered, in order.")
    position = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True, help_text="Asked of new applicants.")
    # Groups differ by country (the UK census's ethnic groups are not the US's): a question
    # may be asked only of applicants to roles in some countries.
    countries = CountryField(
        multiple=True,
        blank=True,
        help_text="Asked only of applicants to roles in these countries; none: everywhere.",
    )

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

    def shown_options(self, language: str | None = None) -> list[tuple[str, str]]:
        """(stored answer, words shown) for each option, in the reader's language where a
        translation gives every option (else the English)."""
        shown = self.shown("options", language)
        if not isinstance(shown, list) or len(shown) != len(self.options):
            shown = self.options
        return list(zip(self.options, shown, strict=True))

    def asked_in(self, countries: set[str]) -> bool:
        """Is it asked of someone who applied to roles in `countries` (ISO codes)?"""
        return not self.countries or any(c.code in countries for c in self.countries)


class SelfIdAnswer(models.Model):
    """A candidate's answer to one question: one of its options as worded when they answered,
    or DECLINED."""

    candidate = models.ForeignKey(
        "candidates.Candidate", on_delete=models.CASCADE, related_name="+"
    )
    question = models.ForeignKey(SelfIdQuestion, on_delete=models.PROTECT, related_name="answers")
    answer = models.CharField(max_length=SELF_ID_OPTION_MAX, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "question"], name="self_id_answer_once_per_question"
            ),
        ]
        indexes = [models.Index(fields=["question", "answer"], name="self_id_answer_group")]

    def __str__(self) -> str:
        return f"{self.question.key}: {self.answer or 'declined'}"
