"""The form a recruiter registers or edits a webhook endpoint with."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from passionhire.forms import single_line
from passionhire.webhooks.addresses import MAX_URL_LENGTH, AddressRefused, check_url_form
from passionhire.webhooks.events import Event


class WebhookEndpointForm(forms.Form):
    # A CharField, not a URLField: Django's would accept (and normalise) letters our checks
    # refuse, and say less about why.
    url = forms.CharField(
        label=gettext_lazy("Endpoint URL"),
        max_length=MAX_URL_LENGTH,
        strip=True,
        help_text=gettext_lazy(
            "Where events are POSTed, e.g. https://hooks.example.com/passionhire. "
            "Public addresses only."
        ),
        widget=forms.URLInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=200,
        required=False,
        validators=[single_line],
        help_text=gettext_lazy("What receives them, e.g. “HR system sync”."),
    )
    events = forms.MultipleChoiceField(
        label=gettext_lazy("Events"),
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one event.")},
    )

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        try:
            check_url_form(url)
        except AddressRefused as refused:
            raise ValidationError(str(refused), code="url") from None
        return url
