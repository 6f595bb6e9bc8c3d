"""The words of the Passion Test's quality flags, for the people who review a test.

A flag is stored with its words in English (the record: exports, the API, the timeline read
them) and with the numbers it saw (`params`); a page shows it in the reader's language from
these templates, with the numbers written the reader's way ("0,82" in Spanish). A flag stored
before it kept its numbers has them read back from its English detail where the wording is
known (`RECORDED`); otherwise it shows its English detail.

Staff only: candidates never see a flag."""

import re
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language, gettext, gettext_noop, ngettext, override

from passionhire.numbers import number

Written = Callable[[object], str]  # how a number is written: str for the record, number() shown


@dataclass(frozen=True)
class FlagWords:
    label: str
    detail: Callable[[Mapping, Written], str]  # the detail from the flag's params, in the
    caveat: str  # active language; its counts choose the plural ("1 page", "2 pages")


def _written(params: Mapping, n: Written) -> dict:
    return {name: n(value) for name, value in params.items()}


def _straight_lining(params: Mapping, n: Written) -> str:
    return ngettext(
        "The same answer to %(run)s statement in a row, across different traits and "
        "statements that say opposite things.",
        "The same answer to %(run)s statements in a row, across different traits and "
        "statements that say opposite things.",
        params["run"],
    ) % _written(params, n)


def _inconsistent(params: Mapping, n: Written) -> str:
    return ngettext(
        "%(off)s of %(pairs)s pairs of opposite statements was answered as if it meant the "
        "same, after allowing for this person's own habit of agreeing more or less with "
        "everything (average gap %(gap)s points).",
        "%(off)s of %(pairs)s pairs of opposite statements were answered as if they meant "
        "the same, after allowing for this person's own habit of agreeing more or less "
        "with everything (average gap %(gap)s points).",
        params["off"],
    ) % _written(params, n)


def _random_pattern(params: Mapping, n: Written) -> str:
    return gettext(
        "The answers are explained no better by six trait levels than by answers picked "
        "at random (person-fit below zero)."
    )


def _speeding(params: Mapping, n: Written) -> str:
    # Translators: the page's size, "300 words and 12 answers", is made of two phrases
    # translated on their own, each with its own plural.
    words = ngettext("%(count)s word", "%(count)s words", params["words"]) % {
        "count": n(params["words"])
    }
    answers = ngettext("%(count)s answer", "%(count)s answers", params["answers"]) % {
        "count": n(params["answers"])
    }
    return ngettext(
        "%(fast)s page of %(timed)s was left sooner than anyone can read it (page "
        "%(page)s: %(seconds)s s for %(words)s and %(answers)s).",
        "%(fast)s pages of %(timed)s were left sooner than anyone can read them (page "
        "%(page)s: %(seconds)s s for %(words)s and %(answers)s).",
        params["fast"],
    ) % {**_written(params, n), "words": words, "answers": answers}


def _unlikely_virtues(params: Mapping, n: Written) -> str:
    return gettext(
        "Agreed with statements that almost nobody can truthfully claim, more than "
        "%(share)s%% of candidates do."
    ) % _written(params, n)


FLAG_WORDS = {
    "straight_lining": FlagWords(
        gettext_noop("Same answer many times in a row"),
        _straight_lining,
        gettext_noop(
            "Someone truly undecided about many statements can answer “Neither” often; look "
            "at the answers before concluding anything."
        ),
    ),
    "inconsistent": FlagWords(
        gettext_noop("Opposite statements answered alike"),
        _inconsistent,
        gettext_noop(
            "Misreading negatively worded statements (more common when the test is not in "
            "one's first language) looks the same; it is not evidence of dishonesty."
        ),
    ),
    "random_pattern": FlagWords(
        gettext_noop("Answers fit no consistent picture"),
        _random_pattern,
        gettext_noop(
            "Someone who did not understand many statements can look the same; it says "
            "nothing about the person's passion, only that this test may not measure it."
        ),
    ),
    "speeding": FlagWords(
        gettext_noop("Pages answered faster than they can be read"),
        _speeding,
        gettext_noop(
            "Only time on each page counts, never breaks between pages; a very fast reader "
            "who had seen the statements before could be this quick."
        ),
    ),
    "unlikely_virtues": FlagWords(
        gettext_noop("Claims virtues few people have"),
        _unlikely_virtues,
        gettext_noop(
            "Some people are unusually disciplined, and what counts as modest differs between "
            "cultures; ask for examples at interview. It does not lower the test's "
            "reliability."
        ),
    ),
}


# A flag stored before flags kept their numbers (`params`) has only its English detail; these
# are the wordings it was recorded in, from which its numbers are read back.
_NUMBER = r"-?\d+(?:\.\d+)?"
RECORDED = {
    "straight_lining": re.compile(r"The same answer to (?P<run>\d+) statements in a row, "),
    "inconsistent": re.compile(
        r"(?P<off>\d+) of (?P<pairs>\d+) pairs of opposite statements were answered as if "
        rf"they meant the same, .*\(average gap (?P<gap>{_NUMBER}) points\)\.$"
    ),
    "speeding": re.compile(
        r"(?P<fast>\d+) of (?P<timed>\d+) pages were left sooner than anyone can read them "
        r"\(page (?P<page>\d+): (?P<seconds>\d+) s for (?P<words>\d+) words and "
        r"(?P<answers>\d+) answers\)\.$"
    ),
    "unlikely_virtues": re.compile(
        r"Agreed with statements that almost nobody can truthfully claim, more than "
        r"(?P<share>\d+)% of candidates do\.$"
    ),
}


def recorded_params(code: str, detail: str) -> dict | None:
    """The numbers of a flag stored without them, read from its recorded English detail; None
    when the detail is not in a wording known here."""
    pattern = RECORDED.get(code)
    found = pattern.match(detail) if pattern and isinstance(detail, str) else None
    if found is None:
        return None
    return {
        name: float(value) if "." in value else int(value)
        for name, value in found.groupdict().items()
    }


def english_detail(code: str, params: Mapping) -> str:
    """The detail as it is recorded: English, numbers written as Python writes them."""
    with override(settings.LANGUAGE_CODE):
        return FLAG_WORDS[code].detail(params, str)


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
    if params is None:
        params = recorded_params(flag["code"], flag.get("detail"))
    if params is None or isinstance(params, Mapping):
        # Stored without its numbers in a wording not known here, or a template changed
        # since: the recorded detail stays unless the detail needs no numbers.
        with suppress(KeyError, TypeError, ValueError):
            shown["detail"] = words.detail(params or {}, number)
    return shown
