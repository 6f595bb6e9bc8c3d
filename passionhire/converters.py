"""URL converters. `<id:pk>` takes what `passionhire.params.parse_id` takes: up to 18 ASCII
digits, so a number too big for a bigint is a 404 at the URL, not a database error."""

from .params import ID_PATTERN


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))
