"""Small helpers shared by the candidates app's views."""

from django.core.exceptions import ValidationError


def add_validation_error(form, error: ValidationError) -> None:
    """Put a service's ValidationError onto the form, field by field where it names them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def csv_safe(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a text cell starting with = + - @ (or
    a tab or carriage return) is prefixed with an apostrophe. Numbers are written as numbers."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
