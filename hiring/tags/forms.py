from django import forms

from candidates.tags.models import TAG_MAX_LENGTH
from candidates.tags.services import TAG_RULE, tag_name_clean


class TagForm(forms.Form):
    # No maxlength in the page: a longer paste is refused with how long it was, not cut.
    name = forms.CharField(
        label="Add a tag",
        required=False,
        help_text=f"One short label, up to {TAG_MAX_LENGTH} characters. {TAG_RULE}",
    )

    def clean_name(self) -> str:
        return tag_name_clean(self.cleaned_data.get("name"))
