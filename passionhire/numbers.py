"""Numbers on a page, written the reader's way: "0,82" and "1 234" in Spanish, "0.82" and
"1,234" in English, "12 %" against "12%". Django's `number_format` does the separators from
the active language's formats; the percent sign's spacing is a translation.

Exports (CSV) are made under English, so they keep one way of writing numbers."""

from django.utils.formats import number_format
from django.utils.translation import gettext


def number(value, places: int | None = None, *, sign: bool = False, grouping: bool = False):
    """`value` with the reader's decimal (and, with `grouping`, thousands) separator; with
    `sign`, + or - in front. Anything that is not a number comes back as text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if places is not None:  # number_format cuts off the other decimals; round them instead
        value = round(value, places)
    text = number_format(abs(value) if sign else value, places, force_grouping=grouping)
    return ("-" if value < 0 else "+") + text if sign else text


def percent(share: float, places: int = 0) -> str:
    """A share (0.12) as a percentage the reader's way: "12%", "12 %"."""
    return gettext("%(number)s%%") % {"number": number(100 * share, places)}
