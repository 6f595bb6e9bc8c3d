"""Reading an application's notes as one viewer may: hidden (None) from someone who must
record their interview first; on a blind review the candidate's name and address are
"[hidden]" in the text, the authors' names stay (they are colleagues, not the candidate)."""

from dataclasses import dataclass
from datetime import datetime

from .models import Note

NOTES_SHOWN = 200


@dataclass(frozen=True)
class NoteRow:
    author: str
    text: str
    created_at: datetime


def notes_for(*, application_id: int, anchored: bool, redact=str) -> list[NoteRow] | None:
    """The newest NOTES_SHOWN notes (one query), or None when the viewer may not read them."""
    if anchored:
        return None
    notes = Note.objects.filter(application_id=application_id).select_related("author")
    return [
        NoteRow(
            author=n.author.get_display_name() if n.author else "A former colleague",
            text=redact(n.text),
            created_at=n.created_at,
        )
        for n in notes[:NOTES_SHOWN]
    ]
