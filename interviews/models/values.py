"""Core values, the question bank drawn from them, and the interview guide of each role."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from passionhire.content_languages import InLanguages
from passionhire.traits import Trait, trait_name


def trait_labels(values: list[str]) -> list[str]:
    """The traits' names in the reader's language (shown on pages, never recorded)."""
    return [str(trait_name(value)) for value in values if value in Trait.values]


class CoreValue(InLanguages):
    """A value the organisation hires for, in its own words, tied to the traits that show it."""

    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(max_length=600, blank=True)
    traits = models.JSONField(default=list, help_text="Trait values this core value shows in.")
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def trait_labels(self) -> list[str]:
        return trait_labels(self.traits)


class BankQuestion(InLanguages):
    """A behavioural question: what the candidate did, then "why" probes for why they did it."""

    core_value = models.ForeignKey(CoreValue, on_delete=models.PROTECT, related_name="questions")
    text = models.TextField(max_length=600)
    traits = models.JSONField(default=list, help_text="Trait values the answer shows.")
    probes = models.JSONField(default=list, help_text="Why follow-ups, in the order to ask them.")
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["core_value__position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def trait_labels(self) -> list[str]:
        return trait_labels(self.traits)


class InterviewGuide(models.Model):
    """The questions a role's values interviews ask, generated from its weights, then edited."""

    role = models.OneToOneField(
        "candidates.Role", on_delete=models.CASCADE, related_name="interview_guide"
    )
    generated_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"Guide for {self.role}"


class GuideQuestion(models.Model):
    guide = models.ForeignKey(InterviewGuide, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(BankQuestion, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    # The trait the generator picked this question for (the question may show others too).
    focus = models.CharField(max_length=30, choices=Trait, blank=True)

    class Meta:
        ordering = ["guide", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["guide", "question"], name="guide_question_once"),
            models.CheckConstraint(
                condition=Q(focus="") | Q(focus__in=Trait.values), name="guide_focus_trait"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.question}"
