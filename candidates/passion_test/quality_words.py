"""The words of the Passion Test's quality flags, for the people who review a test.

A flag is stored with its words in English (the record: exports, the API, the timeline read
them) and with the numbers it saw (`params`); a page shows it in the reader's language from
these templates, with the numbers written the reader's way ("0,82" in Spanish). A flag stored
before it kept its numbers shows its English words.

Staff only: candidates never see a flag."""

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_noop

from passionhire.numbers import number


@dataclass(frozen=True)
class FlagWords:
    label: str
    detail: str  # %(name)s placeholders, filled from the flag's params
    caveat: str


FLAG_WORDS = {
    "straight_lining": FlagWords(
        gettext_noop("Same answer many times in a row"),
        gettext_noop(
            "The same answer to %(run)s statements in a row, across different traits and "
            "statements that say opposite things."
        ),
        gettext_noop(
            "Someone truly undecided about many statements can answer “Neither” often; look "
            "at the answers before concluding anything."
        ),
    ),
    "inconsistent": FlagWords(
        gettext_noop("Opposite statements answered alike"),
        gettext_noop(
            "%(off)s of %(pairs)s pairs of opposite statements were answered as if they meant "
            "the same, after allowing for this person's own habit of agreeing more or less "
            "with everything (average gap %(gap)s points)."
        ),
        gettext_noop(
            "Misreading negatively worded statements (more common when the test is not in "
            "one's first language) looks the same; it is not evidence of dishonesty."
        ),
    ),
    "random_pattern": FlagWords(
        gettext_noop("Answers fit no consistent picture"),
        gettext_noop(
            "The answers are explained no better by six trait levels than by answers picked "
            "at random (person-fit below zero)."
        ),
        gettext_noop(
            "Someone who did not understand many statements can look the same; it says "
            "nothing about the person's passion, only that this test may not measure it."
        ),
    ),
    "speeding": FlagWords(
        gettext_noop("Pages answered faster than they can be read"),
        gettext_noop(
            "%(fast)s of %(timed)s pages were left sooner than anyone can read them (page "
            "%(page)s: %(seconds)s s for %(words)s words and %(answers)s answers)."
        ),
        gettext_noop(
            "Only time on each page counts, never breaks between pages; a very fast reader "
            "who had seen the statements before could be this quick."
        ),
    ),
    "unlikely_virtues": FlagWords(
        gettext_noop("Claims virtues few people have"),
        gettext_noop(
            "Agreed with statements that almost nobody can truthfully claim, more than "
            "%(share)s%% of candidates do."
        ),
        gettext_noop(
            "Some people are unusually disciplined, and what counts as modest differs between "
            "cultures; ask for examples at interview. It does not lower the test's "
            "reliability."
        ),
    ),
}


def english_detail(code: str, params: Mapping) -> str:
    """The detail as it is recorded: English, numbers written as Python writes them."""
    return FLAG_WORDS[code].detail % params


def flag_shown(flag: Mapping) -> dict:
    """A stored flag in the reader's language: label, detail and caveat translated, numbers
    written the reader's way. One stored without its numbers keeps its recorded detail; in
    English every flag reads exactly as recorded."""
    shown = dict(flag)
    words = FLAG_WORDS.get(flag.get("code"))
    if words is None or (get_language() or settings.LANGUAGE_CODE) == settings.LANGUAGE_CODE:
        return shown  # in English the record reads as it was written, older wordings too
    shown["label"], shown["caveat"] = gettext(words.label), gettext(words.caveat)
    params = flag.get("params")
    if params is None and "%(" not in words.detail:
        params = {}
    if isinstance(params, Mapping):
        # A template changed since the flag was stored: its recorded detail stays.
        with suppress(KeyError, TypeError, ValueError):
            shown["detail"] = gettext(words.detail) % {
                name: number(value) for name, value in params.items()
            }
    return shown
