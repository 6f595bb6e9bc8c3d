"""The erase confirmation: the recruiter types the candidate's email address."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext, gettext_lazy


class EraseForm(forms.Form):
    confirm = forms.CharField(
        label=gettext_lazy("Type the candidate's email address to confirm"),
        max_length=254,
        strip=True,
    )

    def __init__(self, *args, candidate, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("erase", gettext("Erase personal data"), css_class="btn-danger")
        )

    def clean_confirm(self):
        typed = self.cleaned_data["confirm"]
        if typed.lower() != self.candidate.email.lower():
            raise forms.ValidationError(
                gettext("That is not this candidate's email address; nothing was erased.")
            )
        return typed
