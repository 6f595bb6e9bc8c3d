"""The check-in a hiring manager answers, the report's filters and the one-click apply."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy

from passionhire.params import parse_id
from passionhire.traits import Trait, guide_for, trait_name
from passionhire.vocabulary import SOURCES, WEIGHT_MAX

from ..fairness.forms import ReportFilterForm

PERFORMANCE = {
    1: gettext_lazy("Well below what the role needs"),
    2: gettext_lazy("Below what the role needs"),
    3: gettext_lazy("Does what the role needs"),
    4: gettext_lazy("Above what the role needs"),
    5: gettext_lazy("Well above: someone others learn from"),
}
RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


def _rating(label: str, required: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "btn-check"}),
        label=label,
        error_messages={
            "required": required,
            "invalid_choice": gettext_lazy("Choose a rating from 1 to 5."),
        },
    )


class CheckInForm(forms.Form):
    """Six trait ratings on the rubric, overall performance and whether they still work here:
    every one required, since a half-answered check-in would bias what it is compared with."""

    still_employed = forms.TypedChoiceField(
        choices=[
            ("yes", gettext_lazy("Yes, they still work with us")),
            ("no", gettext_lazy("No, they have left")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        label=gettext_lazy("Do they still work with us?"),
        error_messages={
            "required": gettext_lazy("Say whether they still work with us."),
            "invalid_choice": gettext_lazy("Choose yes or no."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["performance"] = _rating(
            gettext("Overall performance"), gettext("Rate their overall performance from 1 to 5.")
        )
        for trait in Trait:
            self.fields[f"rating_{trait.value}"] = _rating(
                trait_name(trait),
                gettext("Rate %(trait)s from 1 to 5: what you have seen them do.")
                % {"trait": str(trait_name(trait)).lower()},
            )

    @property
    def trait_rows(self):
        return [
            {"trait": t, "guide": guide_for(t), "rating": self[f"rating_{t.value}"]} for t in Trait
        ]

    @property
    def performance_levels(self):
        return [(choice, PERFORMANCE[int(choice.data["value"])]) for choice in self["performance"]]

    def answers(self) -> dict:
        return dict(self.cleaned_data)


class HireFilterForm(ReportFilterForm):
    """The validity report's scope: hires made in a date range, for one role or all."""

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, roles=roles, **kwargs)
        self.fields["date_from"].label = gettext("Hired from")
        self.fields["date_to"].label = gettext("Hired until")


class ApplySuggestionForm(forms.Form):
    """Which role gets the suggested source weights, the weights the recruiter was shown
    (refused if the suggestion has changed since), and the report's scope they came from."""

    for_role = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("For the role"),
        error_messages={
            "required": gettext_lazy("Choose the role to give the weights to."),
            "invalid_choice": gettext_lazy("Choose a role from the list."),
        },
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["for_role"].queryset = roles
        for source in SOURCES:
            self.fields[f"weight_{source}"] = forms.IntegerField(
                min_value=0, max_value=WEIGHT_MAX, widget=forms.HiddenInput
            )

    def clean_for_role(self):
        if parse_id(self.data.get("for_role") or "") is None:
            raise ValidationError(gettext("Choose a role from the list."))
        return self.cleaned_data["for_role"]

    def shown(self) -> dict[str, int]:
        return {source: self.cleaned_data[f"weight_{source}"] for source in SOURCES}
