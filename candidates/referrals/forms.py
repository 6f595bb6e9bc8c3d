"""The referral form and the recruiter's decline form."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext, gettext_lazy

from passionhire.forms import single_line
from passionhire.traits import Trait, guide_for

from .examples import concrete_hint, is_concrete
from .models import EXAMPLE_MAX_LENGTH, Referral


def concrete_example(text: str) -> None:
    """Field validator: an example that is given must describe a moment (blank is fine here;
    the form asks for at least one example as a whole)."""
    if text.strip() and not is_concrete(text):
        raise forms.ValidationError(concrete_hint(), code="not_concrete")


def shown_choices(choices) -> list[tuple[str, str]]:
    """A model's choices with their labels in the active language (the labels themselves stay
    English: see the referral models)."""
    return [(value, gettext_lazy(label)) for value, label in choices]


class ReferralForm(forms.Form):
    role = forms.ModelChoiceField(
        queryset=None,
        label=gettext_lazy("Role"),
        empty_label=gettext_lazy("Choose an open role…"),
        error_messages={
            "invalid_choice": gettext_lazy(
                "That role has closed or no longer exists; choose another."
            )
        },
    )
    name = forms.CharField(
        max_length=150, label=gettext_lazy("Their name"), validators=[single_line]
    )
    email = forms.EmailField(max_length=254, label=gettext_lazy("Their email"))
    relationship = forms.ChoiceField(
        choices=shown_choices(Referral.Relationship.choices),
        label=gettext_lazy("How you know them"),
    )
    known_for = forms.ChoiceField(
        choices=shown_choices(Referral.KnownFor.choices), label=gettext_lazy("For how long")
    )
    consent_confirmed = forms.BooleanField(
        label=gettext_lazy("They agreed that we contact them about this role"),
        error_messages={
            "required": gettext_lazy("Ask them first: we only contact people who agreed to it.")
        },
    )

    def __init__(self, *args, open_roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = open_roles
        for trait in Trait:
            guide = guide_for(trait)
            field = forms.CharField(
                required=False,
                max_length=EXAMPLE_MAX_LENGTH,
                validators=[concrete_example],
                label=guide.label,
                help_text=guide.definition,
                widget=forms.Textarea(
                    attrs={
                        "rows": 3,
                        "maxlength": EXAMPLE_MAX_LENGTH,
                        "placeholder": gettext("A moment when they showed {trait}…").format(
                            trait=str(guide.label).lower()
                        ),
                    }
                ),
            )
            field.guide = guide
            self.fields[f"example_{trait.value}"] = field
        self.helper = FormHelper()
        self.helper.form_tag = False

    @property
    def example_fields(self):
        return [self[f"example_{trait.value}"] for trait in Trait]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"example_{t.value}", "").strip() for t in Trait) and not any(
            self.has_error(f"example_{t.value}") for t in Trait
        ):
            raise forms.ValidationError(
                gettext(
                    "Give at least one concrete example of them showing one of the six traits: "
                    "it's the heart of a referral."
                )
            )
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "role": data["role"],
            "name": data["name"],
            "email": data["email"],
            "relationship": data["relationship"],
            "known_for": data["known_for"],
            "consent_confirmed": data["consent_confirmed"],
            "examples": {t.value: data[f"example_{t.value}"] for t in Trait},
        }


class DeclineForm(forms.Form):
    decline_reason = forms.ChoiceField(
        choices=[
            ("", gettext_lazy("Choose a reason…")),
            *shown_choices(Referral.DeclineReason.choices),
        ],
        label=gettext_lazy("Reason"),
    )
    decline_note = forms.CharField(
        required=False,
        max_length=500,
        label=gettext_lazy("Note for recruiters (the referrer never sees it)"),
    )
