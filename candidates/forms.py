"""Forms for opening roles and adding candidates; the services do the saving."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Layout, Row, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext, gettext_lazy

from passionhire.forms import single_line
from passionhire.permissions import HIRING_MANAGER
from passionhire.traits import Trait, trait_name

from .models import WEIGHT_MAX, Candidate, Role
from .services import ROLE_FIELDS

User = get_user_model()
WEIGHT_FIELDS = [f"weight_{trait.value}" for trait in Trait]
WEIGHT_COLUMN = "col-6 col-md-4 col-xl-2"


class HiringManagerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_display_name()


CAREERS_CHOICES = ("workplace", "employment_type", "pay_period")


class RoleForm(forms.ModelForm):
    hiring_manager = HiringManagerChoiceField(
        queryset=User.objects.none(), label=gettext_lazy("Hiring manager")
    )

    class Meta:
        model = Role
        fields = [
            "title",
            "team",
            "description",
            "location",
            "country",
            "workplace",
            "employment_type",
            "pay_min",
            "pay_max",
            "pay_currency",
            "pay_period",
            "hiring_manager",
            *WEIGHT_FIELDS,
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "title": gettext_lazy("Title"),
            "team": gettext_lazy("Team"),
            "description": gettext_lazy("Description"),
            "location": gettext_lazy("Location"),
            "country": gettext_lazy("Country"),
            "workplace": gettext_lazy("Workplace"),
            "employment_type": gettext_lazy("Employment type"),
            "pay_min": gettext_lazy("Pay min"),
            "pay_max": gettext_lazy("Pay max"),
            "pay_currency": gettext_lazy("Pay currency"),
            "pay_period": gettext_lazy("Pay period"),
            # The model names its weights after the traits in English.
            **{f"weight_{trait.value}": trait_name(trait) for trait in Trait},
        }
        help_texts = {
            "description": gettext_lazy("Markdown; shown on the careers page."),
            "location": gettext_lazy("City and country."),
            "country": gettext_lazy(
                "Where the role is based: decides which voluntary questions about themselves "
                "its applicants are asked."
            ),
            "pay_currency": gettext_lazy("ISO 4217, e.g. EUR."),
        }

    def __init__(self, *args, submit_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hiring_manager"].queryset = User.objects.filter(
            groups__name=HIRING_MANAGER, is_active=True
        ).order_by("first_name", "last_name", "username")
        for name in WEIGHT_FIELDS:
            field = self.fields[name]
            field.min_value = 0
            field.widget = forms.NumberInput(attrs={"min": 0, "max": WEIGHT_MAX, "step": 1})
            field.help_text = ""
        for name in ("title", "team"):
            self.fields[name].validators.append(single_line)
        for name in CAREERS_CHOICES:  # optional: a role that is never published needs none
            self.fields[name].required = False
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template owns the <form> and its CSRF token
        self.helper.layout = Layout(
            Row(Column("title", css_class="col-md-7"), Column("team", css_class="col-md-5")),
            "description",
            Row(
                Column("location", css_class="col-md-4"),
                Column("country", css_class="col-md-3"),
                Column("workplace", css_class="col-md-2"),
                Column("employment_type", css_class="col-md-3"),
            ),
            Row(
                Column("pay_min", css_class="col-6 col-md-3"),
                Column("pay_max", css_class="col-6 col-md-3"),
                Column("pay_currency", css_class="col-6 col-md-3"),
                Column("pay_period", css_class="col-6 col-md-3"),
            ),
            "hiring_manager",
            HTML(
                '<fieldset class="mt-3"><legend class="fs-6 fw-semibold mb-1">'
                + gettext("Trait weights")
                + '</legend><p class="text-body-secondary small mb-2">'
                + gettext(
                    "How much each trait counts for this role, from 0 (ignored) to {max}. "
                    "Equal weights treat all six alike."
                ).format(max=WEIGHT_MAX)
                + "</p>"
            ),
            Row(
                *[Column(Field(name), css_class=WEIGHT_COLUMN) for name in WEIGHT_FIELDS],
                css_class="align-items-end",
            ),
            HTML("</fieldset>"),
            Div(
                Submit("submit", submit_label or gettext("Open role"), css_class="btn-primary"),
                css_class="mt-2",
            ),
        )

    def weights(self) -> dict[Trait, int]:
        return {trait: self.cleaned_data[f"weight_{trait.value}"] for trait in Trait}

    def clean(self):
        data = super().clean()
        for name in CAREERS_CHOICES:
            if not data.get(name):
                data[name] = Role._meta.get_field(name).get_default()
        return data

    def role_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ROLE_FIELDS}


class AddCandidateForm(forms.Form):
    name = forms.CharField(max_length=150, validators=[single_line], label=gettext_lazy("Name"))
    email = forms.EmailField(max_length=254, label=gettext_lazy("Email"))
    phone = forms.CharField(
        max_length=40, required=False, validators=[single_line], label=gettext_lazy("Phone")
    )
    # The labels stay English on the model; candidates/label_names.py has them translated.
    source = forms.ChoiceField(
        choices=[(value, gettext_lazy(label)) for value, label in Candidate.Source.choices],
        initial=Candidate.Source.DIRECT,
        label=gettext_lazy("Source"),
    )
    consent_to_contact = forms.BooleanField(
        required=False,
        label=gettext_lazy("The candidate agreed to be contacted by email"),
        help_text=gettext_lazy("With consent, they get an acknowledgement email at once."),
    )

    def __init__(self, *args, open_roles=None, **kwargs):
        """With `open_roles`, the form also asks which role (the dashboard's quick add)."""
        super().__init__(*args, **kwargs)
        fields = []
        if open_roles is not None:
            self.fields["role"] = forms.ModelChoiceField(
                queryset=open_roles,
                label=gettext("Role"),
                empty_label=gettext("Choose an open role…"),
                error_messages={
                    "invalid_choice": gettext("That role is closed or no longer exists.")
                },
            )
            self.order_fields(["role"])
            fields.append("role")
        # In the dashboard's narrow card the fields stack; on the full page they pair up.
        half = "col-12" if open_roles is not None else "col-md-6"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *fields,
            Row(Column("name", css_class=half), Column("email", css_class=half)),
            Row(Column("phone", css_class=half), Column("source", css_class=half)),
            "consent_to_contact",
            Submit("submit", gettext("Add to pipeline"), css_class="btn-primary"),
        )

    def candidate_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "role"}
