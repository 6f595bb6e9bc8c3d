"""Turning text a request carried (a query string, a form field, a URL segment) into an id.

One rule for every id: ASCII digits only, at most 18 of them, and above zero. Python's
`str.isdigit()` and `int()` are kinder than that: "²".isdigit() is True yet int("²") raises,
"١٢" parses to 12, and 99999999999999999999 is a fine int but no bigint column can hold it,
so the query would fail in PostgreSQL with a server error.
"""

import re

ID_PATTERN = "[0-9]{1,18}"
_ID = re.compile(rf"{ID_PATTERN}\Z", re.ASCII)


MAX_ID = 10**18 - 1


def parse_id(text) -> int | None:
    """The id `text` spells (or an int already in range), or None (never raises)."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    elif isinstance(text, str) and _ID.match(text):
        value = int(text)
    else:
        return None
    return value if 0 < value <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The ids among `values`, in order, each once; anything else is left out."""
    return list(dict.fromkeys(i for i in map(parse_id, values) if i is not None))
