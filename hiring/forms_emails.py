"""The form a recruiter words an email in."""

from django import forms

from passionhire.forms import single_line


class EmailWordingForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        required=False,
        help_text="A name to pick it by, e.g. “After the interviews”.",
    )
    subject = forms.CharField(max_length=200, validators=[single_line])
    body = forms.CharField(
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        help_text="Plain text. Blank lines start paragraphs; links become clickable in the "
        "HTML version.",
    )
    preview_application = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Preview on"
    )

    def __init__(self, *args, named: bool, applications, **kwargs):
        super().__init__(*args, **kwargs)
        if not named:
            del self.fields["name"]
        else:
            self.fields["name"].required = True
        self.fields["preview_application"].choices = [("", "A sample candidate")] + [
            (a.pk, f"{a.candidate.name} · {a.role.title}") for a in applications
        ]
