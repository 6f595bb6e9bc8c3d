"""Forms of voluntary self-identification: the candidate's answers and the question editor."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from django_countries import countries
from django_countries.fields import LazyTypedMultipleChoiceField

from passionhire.params import parse_id

from .models import DECLINED, SelfIdQuestion
from .services import clean_options

# The form's value for "I prefer not to say" (a radio button cannot carry an empty value).
PREFER_NOT = "prefer-not-to-say"
PREFER_NOT_LABEL = "I prefer not to say"  # English: what an editor may not add as an answer


class SelfIdForm(forms.Form):
    """One optional radio group per question; a question left alone is not answered."""

    def __init__(self, *args, questions: list[SelfIdQuestion], answers: dict[str, str], **kw):
        super().__init__(*args, **kw)
        for question in questions:
            given = answers.get(question.key)
            self.fields[question.key] = forms.ChoiceField(
                label=question.text,
                help_text=question.help_text,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                choices=[(o, o) for o in question.options]
                + [(PREFER_NOT, gettext("I prefer not to say"))],
                initial=PREFER_NOT if given == DECLINED else given,
            )

    def answers(self, *, decline_all: bool = False) -> dict[str, str]:
        """{question key: answer or DECLINED} for the questions answered."""
        if decline_all:
            return dict.fromkeys(self.fields, DECLINED)
        return {
            key: DECLINED if value == PREFER_NOT else value
            for key, value in self.cleaned_data.items()
            if value
        }


class SelfIdQuestionForm(forms.Form):
    key = forms.SlugField(
        max_length=40,
        label=gettext_lazy("Key"),
        help_text=gettext_lazy(
            "A short name for the reports, e.g. gender. It cannot change later."
        ),
    )
    text = forms.CharField(max_length=300, label=gettext_lazy("Question"))
    help_text = forms.CharField(
        max_length=300, required=False, label=gettext_lazy("Explanation under the question")
    )
    options = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label=gettext_lazy("Answers offered"),
        help_text=gettext_lazy("One per line. “I prefer not to say” is always offered as well."),
    )
    active = forms.BooleanField(
        required=False, initial=True, label=gettext_lazy("Ask new applicants")
    )
    countries = LazyTypedMultipleChoiceField(
        choices=countries,
        required=False,
        label=gettext_lazy("Ask only in these countries"),
        help_text=gettext_lazy(
            "Of applicants to roles based there. Choose none to ask everywhere."
        ),
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 8}),
        error_messages={"invalid_choice": gettext_lazy("Choose countries from the list.")},
    )

    def __init__(self, *args, question: SelfIdQuestion | None = None, **kwargs):
        self.question = question
        super().__init__(*args, **kwargs)
        if question is not None:
            self.fields["key"].disabled = True
            self.fields["key"].initial = question.key
            self.fields["text"].initial = question.text
            self.fields["help_text"].initial = question.help_text
            self.fields["options"].initial = "\n".join(question.options)
            self.fields["active"].initial = question.active
            self.fields["countries"].initial = [c.code for c in question.countries]

    def clean_key(self):
        key = self.cleaned_data["key"]
        if self.question is None and SelfIdQuestion.objects.filter(key=key).exists():
            raise ValidationError(gettext("A question with this short name exists already."))
        return key

    def clean_options(self):
        options = clean_options(self.cleaned_data["options"])
        if any(o.casefold() == PREFER_NOT_LABEL.casefold() for o in options):
            raise ValidationError(
                gettext("“I prefer not to say” is offered already; leave it out.")
            )
        return options


class ReportFilterForm(forms.Form):
    """The report's scope: applications made in a date range, for one role or all."""

    date_from = forms.DateField(
        required=False,
        label=gettext_lazy("Applied from"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    date_to = forms.DateField(
        required=False,
        label=gettext_lazy("Applied until"),
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
    )
    role = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All roles"),
        label=gettext_lazy("Role"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles

    def clean_role(self):
        # One rule for every id (passionhire.params): "١" is not role 1.
        raw = self.data.get("role") or ""
        if raw and parse_id(raw) is None:
            raise ValidationError(gettext("Choose a role from the list."))
        return self.cleaned_data["role"]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            raise ValidationError(gettext("The range ends before it starts: swap the two dates."))
        return data
