"""The form a recruiter words an email in."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from passionhire.forms import single_line


class EmailWordingForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        required=False,
        label=gettext_lazy("Name"),
        help_text=gettext_lazy("A name to pick it by, e.g. “After the interviews”."),
    )
    subject = forms.CharField(
        max_length=200, validators=[single_line], label=gettext_lazy("Subject")
    )
    body = forms.CharField(
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        label=gettext_lazy("Body"),
        help_text=gettext_lazy(
            "Plain text. Blank lines start paragraphs; links become clickable in the HTML version."
        ),
    )
    preview_application = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label=gettext_lazy("Preview on")
    )

    def __init__(self, *args, named: bool, applications, **kwargs):
        super().__init__(*args, **kwargs)
        if not named:
            del self.fields["name"]
        else:
            self.fields["name"].required = True
        self.fields["preview_application"].choices = [("", gettext("A sample candidate"))] + [
            (a.pk, f"{a.candidate.name} · {a.role.title}") for a in applications
        ]
