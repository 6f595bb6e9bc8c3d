"""The Passion Test's quality flags and measurements in the reader's language: recorded in
English with their numbers, shown translated with the numbers written the reader's way."""

import pytest
from django.utils import translation

from candidates.passion_test import response_quality
from candidates.passion_test.quality_words import FLAG_WORDS, flag_shown
from candidates.passion_test.response_quality import Flag, Statement, TimedPage, assess


def careless() -> list[dict]:
    """A real assessment of 48 statements all answered 3, read in far too little time."""
    statements = [
        Statement(i, "empathy", i % 2 == 1, i + 1 if i % 2 == 0 else i - 1, 3) for i in range(48)
    ]
    pages = [TimedPage(seconds=4, words=300, answers=12, has_writing=False)] * 4
    return [flag.as_dict() for flag in assess(statements, pages).flags]


def test_a_flag_is_recorded_in_english_with_the_numbers_it_saw():
    flags = {flag["code"]: flag for flag in careless()}
    assert flags["straight_lining"]["label"] == "Same answer many times in a row"
    assert flags["straight_lining"]["params"] == {"run": 48}
    assert flags["straight_lining"]["detail"].startswith("The same answer to 48 statements")
    assert flags["speeding"]["detail"] == (
        "4 pages of 4 were left sooner than anyone can read them (page 1: 4 s for 300 words "
        "and 12 answers)."
    )


def test_in_english_a_shown_flag_reads_exactly_as_it_was_recorded():
    with translation.override("en"):
        for flag in careless():
            assert flag_shown(flag) == flag


def test_in_spanish_the_words_are_translated_and_the_numbers_written_the_spanish_way():
    flag = Flag("inconsistent", {"off": 9, "pairs": 12, "gap": 1.6}).as_dict()
    with translation.override("es"):
        shown = flag_shown(flag)
    assert shown["label"] == "Afirmaciones opuestas respondidas igual"
    assert shown["detail"].startswith("9 de 12 pares de afirmaciones opuestas")
    assert "(diferencia media de 1,6 puntos)" in shown["detail"]
    assert shown["caveat"].startswith("Leer mal las afirmaciones")
    assert flag["detail"].endswith("(average gap 1.6 points).")  # the record is untouched


def test_a_flag_stored_before_it_kept_its_numbers_keeps_its_english_detail():
    old = {
        "code": "speeding",
        "label": "Pages answered faster than they can be read",
        "detail": "3 of 4 pages were left sooner than anyone can read them (page 2: 5 s).",
        "caveat": FLAG_WORDS["speeding"].caveat,
    }
    unknown = {"code": "from_a_newer_scorer", "label": "Something new", "detail": "Seen."}
    with translation.override("es"):
        shown = flag_shown(old)
        assert flag_shown(unknown) == unknown
        # No numbers to fill in: translated whole even when stored without params.
        random = flag_shown({"code": "random_pattern", "label": "x", "detail": "y"})
    assert shown["label"] == "Páginas respondidas más rápido de lo que se pueden leer"
    assert shown["detail"] == old["detail"]
    assert random["detail"].startswith("Seis niveles de rasgo no explican")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            ["strayed 0.82 points", "agree +0.06 points", "Person fit -0.40:", "by -1.2 points"],
        ),
        (
            "es",
            ["alejaron de media 0,82 puntos", "todo +0,06 puntos", "persona -0,40:", "-1,2 puntos"],
        ),
    ],
)
def test_the_measurements_follow_the_readers_language(language, expected):
    quality = {
        "twin_spread": 0.82,
        "lean": 0.06,
        "person_fit": -0.4,
        "forced_choice_shift": -1.2,
        "timed_pages": 9,
        "fast_pages": 0,
        "seconds_on_pages": 1314,
    }
    with translation.override(language):
        text = " ".join(response_quality.measurement_lines(quality))
    for words in expected:
        assert words in text
    assert ("40%" if language == "en" else "40 %") in text


@pytest.mark.parametrize(
    ("language", "one", "many"),
    [
        (
            "en",
            "1 page of 1 was left sooner than anyone can read it (page 1: 4 s for 1 word and "
            "1 answer).",
            "2 pages of 9 were left sooner than anyone can read them (page 1: 4 s for 300 "
            "words and 12 answers).",
        ),
        (
            "es",
            "1 página de 1 se dejó antes de que nadie pudiera leerla (página 1: 4 s para 1 "
            "palabra y 1 respuesta).",
            "2 páginas de 9 se dejaron antes de que nadie pudiera leerlas (página 1: 4 s para "
            "300 palabras y 12 respuestas).",
        ),
    ],
)
def test_a_flags_counts_choose_singular_or_plural(language, one, many):
    """Each count picks its form: "1 of 1 pages" or "1 answers" reads wrong in any language."""
    page = {"page": 1, "seconds": 4}
    single = Flag("speeding", {"fast": 1, "timed": 1, "words": 1, "answers": 1, **page})
    several = Flag("speeding", {"fast": 2, "timed": 9, "words": 300, "answers": 12, **page})
    with translation.override(language):
        assert flag_shown(single.as_dict())["detail"] == one
        assert flag_shown(several.as_dict())["detail"] == many
        lines = response_quality.measurement_lines(
            {"longest_run": 1, "timed_pages": 1, "fast_pages": 1, "seconds_on_pages": 4}
        )
    assert (
        single.detail == "1 page of 1 was left sooner than anyone can read it (page 1: 4 s "
        "for 1 word and 1 answer)."
    )  # the record, in English whatever the reader's language
    assert lines[0].startswith(
        "Longest run of identical answers: 1 statement "
        if language == "en"
        else "Serie más larga de respuestas idénticas: 1 afirmación "
    )
    assert lines[1].startswith(
        "1 timed page of 1 was left" if language == "en" else "1 página cronometrada de 1 se dejó"
    )


def test_a_flag_stored_before_it_kept_its_numbers_has_them_read_back_from_its_words():
    """Recorded by the scorer of before (its f-strings): label, detail and caveat, no params."""
    old = [
        {
            "code": "inconsistent",
            "label": "Opposite statements answered alike",
            "detail": "1 of 12 pairs of opposite statements were answered as if they meant the "
            "same, after allowing for this person's own habit of agreeing more or less with "
            "everything (average gap 1.6 points).",
        },
        {
            "code": "speeding",
            "label": "Pages answered faster than they can be read",
            "detail": "3 of 7 pages were left sooner than anyone can read them (page 2: 5 s for "
            "1,200 words and 1 answers).",  # not a wording it had: kept as recorded
        },
        {
            "code": "speeding",
            "label": "Pages answered faster than they can be read",
            "detail": "3 of 7 pages were left sooner than anyone can read them (page 2: 5 s for "
            "273 words and 11 answers).",
        },
        {
            "code": "unlikely_virtues",
            "label": "Claims virtues few people have",
            "detail": "Agreed with statements that almost nobody can truthfully claim, more "
            "than 98% of candidates do.",
        },
    ]
    with translation.override("es"):
        shown = [flag_shown(flag)["detail"] for flag in old]
    with translation.override("en"):
        assert [flag_shown(flag) for flag in old] == old  # English reads the record
    assert shown[0].startswith("1 de 12 pares de afirmaciones opuestas se respondió")
    assert shown[0].endswith("(diferencia media de 1,6 puntos).")
    assert shown[1] == old[1]["detail"]
    assert shown[2] == (
        "3 páginas de 7 se dejaron antes de que nadie pudiera leerlas (página 2: 5 s para "
        "273 palabras y 11 respuestas)."
    )
    assert "más que el 98 %" in shown[3]
