"""Notes colleagues write on an application, with the colleagues they @mention."""

from django.conf import settings
from django.db import models

NOTE_MAX_LENGTH = 2000


class Note(models.Model):
    """Plain text (escaped when shown), about a candidate: personal data, erased with them and
    in their export. Seen by recruiters and the role's hiring manager, never by someone who
    sits on an interview of the candidate and has not recorded it (hiring.notes.selectors)."""

    application = models.ForeignKey(
        "candidates.Application", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=NOTE_MAX_LENGTH)
    mentioned = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["application", "-created_at"], name="note_application")]

    def __str__(self) -> str:
        return f"Note #{self.pk} on application #{self.application_id}"
