from django import forms
from django.utils.translation import gettext_lazy

from .models import NOTE_MAX_LENGTH


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Add a note"),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Write something first: an empty note says nothing.")
        },
        help_text=gettext_lazy(
            "Plain text. Type @username to tell a colleague who may see this candidate "
            "(recruiters and the role's hiring manager)."
        ),
    )
