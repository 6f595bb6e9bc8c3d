"""The candidate's phone number form on their status page."""

from django import forms
from django.utils.translation import gettext_lazy

from passionhire.phones import MAX_INPUT_LENGTH, phone_to_e164


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label=gettext_lazy("Phone number"),
        max_length=MAX_INPUT_LENGTH,
        help_text=gettext_lazy("With the country code, e.g. +44 20 7946 0958."),
        error_messages={"required": gettext_lazy("Type the phone number we can reach you on.")},
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_phone(self) -> str:
        return phone_to_e164(self.cleaned_data["phone"])
