"""Numbers on staff pages follow the reader's language: in Spanish a decimal comma, a space
between thousands and before the percent sign; exports, made under English, keep one way."""

import pytest
from django.utils import translation

from hiring.analytics.reports import _days, _percent
from hiring.fairness.reports import Row
from passionhire.numbers import number, percent
from passionhire.templatetags.ph import percent as percent_filter
from passionhire.templatetags.ph import percentage, signed

CASES = [
    # (what, English, Spanish)
    (lambda: number(0.82), "0.82", "0,82"),
    (lambda: number(-0.4, 2, sign=True), "-0.40", "-0,40"),
    (lambda: number(0.06, sign=True), "+0.06", "+0,06"),
    (lambda: number(12345, grouping=True), "12,345", "12\u00a0345"),  # RAE: a space
    (lambda: number("?"), "?", "?"),
    (lambda: percent(0.125), "12%", "12\u00a0%"),
    (lambda: percent_filter(0.4), "40%", "40\u00a0%"),
    (lambda: percentage(12.5), "12%", "12\u00a0%"),  # a share of the weights, on 0-100
    (lambda: signed(-2.04), "-2.0", "-2,0"),
    (lambda: signed(0.01), "±0", "±0"),
    (lambda: _percent(1, 400)[1], "<1%", "<1\u00a0%"),
    (lambda: _percent(30, 40)[1], "75%", "75\u00a0%"),
    (lambda: _days(2.46)[1], "2.5 d", "2,5 d"),
    (lambda: Row("x", 1, 2, p_holm=0.0123).p_text, "0.012", "0,012"),
    (lambda: Row("x", 1, 2, p_holm=0.00001).p_text, "< 0.001", "< 0,001"),
]


@pytest.mark.parametrize(("make", "english", "spanish"), CASES)
def test_numbers_are_written_the_readers_way(make, english, spanish):
    with translation.override("en"):
        assert make() == english
    with translation.override("es"):
        assert make() == spanish
