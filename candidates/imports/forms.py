"""Forms of a CSV import: the file, then which column holds each field."""

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_lazy

from passionhire.numbers import number

from . import parsing
from .selectors import import_limits


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        max_bytes, max_rows = import_limits()
        self.fields["file"].help_text = gettext(
            "UTF-8 text (Excel: “CSV UTF-8”), a header line first, up to {mb} MB and {rows} rows."
        ).format(mb=max_bytes // 1024 // 1024, rows=number_format(max_rows, force_grouping=True))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        max_bytes, _ = import_limits()
        if upload.size > max_bytes:
            raise forms.ValidationError(
                gettext(
                    "The file is {size} MB; the largest we import is {limit} MB. Split it and "
                    "import the parts one after the other."
                ).format(size=number(upload.size / 1024 / 1024, 1), limit=max_bytes // 1024 // 1024)
            )
        return upload


class ImportMappingForm(forms.Form):
    """One choice per field among the file's columns (by their header names)."""

    def __init__(self, *args, header: list[str], initial_mapping: dict, **kwargs):
        super().__init__(*args, **kwargs)
        columns = [("", gettext("— not in the file —"))] + [
            (str(index), name or gettext("Column {number}").format(number=index + 1))
            for index, name in enumerate(header)
        ]
        for name in parsing.FIELDS:
            index = initial_mapping.get(name)
            self.fields[name] = forms.TypedChoiceField(
                label=gettext(parsing.FIELD_LABELS[name]),
                choices=columns,
                coerce=int,
                empty_value=None,
                required=name in parsing.REQUIRED_FIELDS,
                initial="" if index is None else str(index),
            )
        self.fields["consent"].help_text = gettext(
            "Only people whose row says yes get the acknowledgement email; without this "
            "column everyone is imported and nobody is emailed."
        )

    def mapping(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in parsing.FIELDS}
