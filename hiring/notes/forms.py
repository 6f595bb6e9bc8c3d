from django import forms

from .models import NOTE_MAX_LENGTH


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Add a note",
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write something first: an empty note says nothing."},
        help_text="Plain text. Type @username to tell a colleague who may see this candidate "
        "(recruiters and the role's hiring manager).",
    )
