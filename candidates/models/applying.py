"""What applying on the careers page adds: a role's knock-out questions, where an
application's CV is kept, and the nonce of the candidate's status link."""

import secrets
from pathlib import PurePath

from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from passionhire.content_languages import InLanguages


class KnockoutQuestion(InLanguages):
    """A yes/no question every applicant to a role answers ("Can you work weekends?"); one
    answer rules the application out. A recruiter confirms before the applicant hears so."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")

    role = models.ForeignKey(
        "candidates.Role", on_delete=models.CASCADE, related_name="knockout_questions"
    )
    text = models.CharField(max_length=200)
    disqualifying_answer = models.CharField(
        max_length=3, choices=Answer, help_text="The answer that rules an applicant out."
    )
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disqualifying_answer__in=["yes", "no"]),
                name="knockout_answer_yes_no",
            ),
            models.UniqueConstraint(
                fields=["role", "text"],
                name="knockout_question_once_per_role",
                violation_error_message=_("This role already asks that question."),
            ),
        ]

    def __str__(self) -> str:
        return self.text


def new_status_nonce() -> str:
    """Part of the candidate's status link; a new one ends every link sent before."""
    return secrets.token_urlsafe(12)


def cv_upload_to(application, filename: str) -> str:
    """cv/<random>.<pdf|docx>: the name a person gave the file is never part of a path."""
    suffix = PurePath(filename).suffix.lower()
    return f"cv/{secrets.token_hex(16)}{suffix if suffix in ('.pdf', '.docx') else ''}"


class PrivateStorage(Storage):
    """Whatever STORAGES["private"] is at the moment of use (a file system folder by default,
    an S3 bucket through django-storages if configured), looked up on every call so a
    changed setting takes effect (the model field would otherwise keep the first one)."""

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


def private_storage() -> Storage:
    return PrivateStorage()
