"""Forms of voluntary self-identification: the candidate's answers and the question editor."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from django_countries import countries
from django_countries.fields import LazyTypedMultipleChoiceField

from passionhire.forms import single_line
from passionhire.params import parse_id

from .models import SelfIdQuestion
from .services import clean_options

# English: what an editor may not add as an answer (the form offers it in every language).
PREFER_NOT_LABEL = "I prefer not to say"


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
        # A callable, so the names are read (and sorted) in each reader's language: `countries`
        # itself is iterable, and Django lists an iterable once, at import, in English.
        choices=lambda: countries,
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


# The one-line texts of a question, with their labels on the translation page.
LINE_FIELDS = (
    ("text", gettext_lazy("Question")),
    ("help_text", gettext_lazy("Explanation under the question")),
)


class SelfIdTranslationForm(forms.Form):
    """Every question's words in one language: its text, its explanation, and its answers one
    per line beside the English ones."""

    def __init__(self, *args, questions: list[SelfIdQuestion], language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            texts = question.translations.get(language, {})
            for name, label in LINE_FIELDS:
                self.fields[f"{name}_{question.pk}"] = forms.CharField(
                    label=label,
                    max_length=300,
                    required=False,
                    initial=texts.get(name, ""),
                    validators=[single_line],
                )
            self.fields[f"options_{question.pk}"] = forms.CharField(
                label=gettext_lazy("Answers offered, one per line in the English order"),
                required=False,
                max_length=5000,
                initial="\n".join(texts.get("options", [])),
                widget=forms.Textarea(attrs={"rows": max(2, len(question.options))}),
            )

    def rows(self):
        """For the template: (question, text, help text, options) fields per question."""
        return [
            (q, self[f"text_{q.pk}"], self[f"help_text_{q.pk}"], self[f"options_{q.pk}"])
            for q in self.questions
        ]

    def texts(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {
            q.pk: {
                "text": data[f"text_{q.pk}"],
                "help_text": data[f"help_text_{q.pk}"],
                "options": [
                    " ".join(line.split())
                    for line in data[f"options_{q.pk}"].splitlines()
                    if line.strip()
                ],
            }
            for q in self.questions
        }


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
