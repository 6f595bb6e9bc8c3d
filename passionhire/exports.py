"""Spreadsheet exports that cannot run code in the reader's spreadsheet."""


def csv_safe(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a text cell starting with = + - @ (or
    a tab or carriage return) is prefixed with an apostrophe. Numbers are written as numbers."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Echo:
    """A file-like object whose write() returns what it was given: csv.writer on it yields
    lines one by one for a StreamingHttpResponse (constant memory)."""

    def write(self, value):
        return value
