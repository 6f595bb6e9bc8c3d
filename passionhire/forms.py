"""Form helpers every app uses, and the signed-in user's own settings form."""

import unicodedata
from zoneinfo import available_timezones

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext as _


def add_validation_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field where it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def single_line(value: str) -> None:
    """A name or title that may end up in an email header or a calendar entry: one line, no
    control characters (a tab, a line break, an escape) that no keyboard field would type."""
    if any(unicodedata.category(char) in ("Cc", "Zl", "Zp") for char in value or ""):
        raise ValidationError(
            _("Use a single line, without line breaks, tabs or other control characters."),
            code="not_single_line",
        )


def form_helper(submit: str | None = None) -> FormHelper:
    """Crispy layout for a form the template wraps in its own <form> tag."""
    helper = FormHelper()
    helper.form_tag = False
    if submit:
        helper.add_input(Submit("submit", submit))
    return helper


class SettingsForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Your time zone"),
        help_text=gettext_lazy(
            "Every time in PassionHire is shown in it; the candidate's emails use the "
            "scheduling recruiter's."
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose a time zone from the list.")},
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Your language"),
        required=False,
        help_text=gettext_lazy(
            "PassionHire's pages are in it; candidates read theirs in the language they applied in."
        ),
        error_messages={"invalid_choice": gettext_lazy("Choose a language from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zones = sorted(z for z in available_timezones() if "/" in z or z == "UTC")
        self.fields["time_zone"].choices = [(z, z.replace("_", " ")) for z in zones]
        self.fields["language"].choices = [("", gettext("As my browser asks")), *settings.LANGUAGES]
        self.helper = form_helper(gettext("Save"))
