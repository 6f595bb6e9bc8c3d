from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from candidates.tags.models import TAG_MAX_LENGTH
from candidates.tags.services import TAG_RULE, tag_name_clean


class TagForm(forms.Form):
    # No maxlength in the page: a longer paste is refused with how long it was, not cut.
    name = forms.CharField(
        label=gettext_lazy("Add a tag"),
        required=False,
        help_text=format_lazy(
            gettext_lazy("One short label, up to {max} characters. {rule}"),
            max=TAG_MAX_LENGTH,
            rule=gettext_lazy(TAG_RULE),
        ),
    )

    def clean_name(self) -> str:
        return tag_name_clean(self.cleaned_data.get("name"))
