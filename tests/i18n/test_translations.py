"""The shipped catalogs (locale/): complete, not fuzzy, up to date with the source, and every
translation keeps its original's placeholders (a lost %(name)s is a crash or a blank).

A language that is not a complete edition (Arabic) must still translate every entry a
candidate can see: one with an occurrence under CANDIDATE_FACING, and all of the scripts'."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
# The languages shipped as complete editions: every entry translated.
COMPLETE = ["es"]
# Shipped, not complete: every candidate-facing entry translated, staff pages fall back to English.
PARTIAL = [
    code
    for code, _name in settings.LANGUAGES
    if code != settings.LANGUAGE_CODE and code not in COMPLETE
]
# Where the strings a candidate can see are marked (`#: path:line` in the catalogs).
CANDIDATE_FACING = (
    "templates/careers/",
    "templates/passion_test/",
    "templates/hiring/status/",
    "templates/interviews/slots/",
    "templates/base.html",
    "templates/partials/language_switch.html",
    "templates/40",
    "templates/41",
    "templates/42",
    "templates/500.html",
    "candidates/careers/",
    "candidates/passion_test/",
    "candidates/services/status_link.py",
    "candidates/models/",
    "passionhire/signed_links.py",
    "passionhire/phones.py",
    "passionhire/forms.py",
    "hiring/status/",
    "templates/hiring/fairness/self_id.html",
    "hiring/fairness/candidate_views.py",
    "interviews/services/slot_links.py",
    "interviews/services/scheduling.py",
    "interviews/views/slots.py",
    "interviews/models/",
    "passionhire/mail_kinds.py",
)
# Staff only, although under a candidate-facing folder: the knock-out questions' editor and
# check, where an application came from, the Passion Test's editor, translation pages, rating,
# sending and review, and its quality checks' words.
NOT_CANDIDATE_FACING = (
    "templates/careers/knockout_questions.html",
    "candidates/careers/knockouts.py",
    "candidates/careers/staff_views.py",
    "candidates/passion_test/questionnaire.py",
    "candidates/passion_test/questionnaire_views.py",
    "candidates/passion_test/scoring.py",
    "candidates/passion_test/views.py",
    "candidates/passion_test/review.py",
    "templates/careers/partials/source.html",
    "candidates/passion_test/translations.py",
    "candidates/passion_test/translation_views.py",
    "candidates/careers/role_languages.py",
    "interviews/bank_languages.py",
    "templates/careers/role_translation.html",
    "candidates/passion_test/quality_words.py",
    "candidates/passion_test/response_quality.py",
)
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")


DOMAINS = ["django", "djangojs"]  # Python and templates; the scripts (JavaScriptCatalog)


def catalog(language: str, domain: str = "django") -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po"))


def key(entry: polib.POEntry) -> tuple[str, str]:
    return entry.msgid, entry.msgid_plural


def candidate_facing(entry: polib.POEntry, domain: str) -> bool:
    if domain == "djangojs":
        return True
    return any(
        path.startswith(CANDIDATE_FACING) and not path.startswith(NOT_CANDIDATE_FACING)
        for path, _line in entry.occurrences
    )


def test_every_other_language_in_settings_has_its_catalogs():
    for code, _name in settings.LANGUAGES:
        for domain in DOMAINS if code != settings.LANGUAGE_CODE else []:
            assert (ROOT / "locale" / code / "LC_MESSAGES" / f"{domain}.po").exists(), code


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", COMPLETE)
def test_a_complete_edition_has_no_untranslated_or_fuzzy_entry(language, domain):
    po = catalog(language, domain)
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == [], f"{language}: {len(untranslated)} untranslated"
    assert fuzzy == [], f"{language}: {len(fuzzy)} fuzzy"
    assert not po.metadata_is_fuzzy


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", PARTIAL)
def test_a_partial_edition_translates_every_candidate_facing_entry(language, domain):
    po = catalog(language, domain)
    facing = [e for e in po if candidate_facing(e, domain) and not e.obsolete]
    assert facing, f"{language}: no candidate-facing entry found; is CANDIDATE_FACING right?"
    untranslated = [e.msgid for e in facing if not e.translated()]
    # No fuzzy entry at all, staff ones included: a fuzzy one is msgmerge's guess, not ours.
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags and not e.obsolete]
    assert untranslated == [], f"{language}: {len(untranslated)} candidate-facing untranslated"
    assert fuzzy == [], f"{language}: {len(fuzzy)} fuzzy"
    assert not po.metadata_is_fuzzy


@pytest.mark.parametrize("language", COMPLETE + PARTIAL)
def test_an_edition_gives_every_plural_form(language):
    """Arabic has six plural forms and Spanish three (the third for round millions): a form
    left out shows English for its counts ("Passion Test sent to 3 candidates")."""
    po = catalog(language)
    every = list(range(int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))))
    short = [
        e.msgid
        for e in po
        if any(e.msgstr_plural.values())
        and sorted(n for n, form in e.msgstr_plural.items() if form) != every
    ]
    assert short == []


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("language", COMPLETE + PARTIAL)
def test_translations_keep_their_placeholders(language, domain):
    wrong = []
    for entry in catalog(language, domain).translated_entries():
        said = sorted(PLACEHOLDER.findall(entry.msgid))
        if not entry.msgid_plural:
            if sorted(PLACEHOLDER.findall(entry.msgstr)) != said:
                wrong.append((entry.msgid, entry.msgstr))
            continue
        # A plural form may leave out the count ("Undo: do not send the email"), no more.
        wanted = set(PLACEHOLDER.findall(entry.msgid_plural))
        for form in entry.msgstr_plural.values():
            found = set(PLACEHOLDER.findall(form))
            if not found <= wanted or len(wanted - found) > 1:
                wrong.append((entry.msgid, form))
    assert wrong == []


def test_the_catalogs_hold_every_string_marked_in_the_source(tmp_path):
    """makemessages run on a copy of the source: a string marked but missing from locale/
    (someone forgot makemessages) fails here, as does one left after its source went."""
    for part in [
        "manage.py",
        "passionhire",
        "candidates",
        "interviews",
        "hiring",
        "templates",
        "static",
    ]:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / part)
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    for domain in DOMAINS:
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-d", domain]
            + [arg for language in COMPLETE + PARTIAL for arg in ("-l", language)]
            + ["--no-obsolete", "-v0"],
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "PYTHONPATH": str(tmp_path)},
            check=True,
        )
        for language in COMPLETE + PARTIAL:
            made = tmp_path / "locale" / language / "LC_MESSAGES" / f"{domain}.po"
            fresh = {key(e) for e in polib.pofile(str(made))}
            shipped = {key(e) for e in catalog(language, domain)}
            where = f"{language} {domain}"
            assert sorted(fresh - shipped) == [], f"{where}: marked in the source, not in locale/"
            assert sorted(shipped - fresh) == [], f"{where}: in locale/, no longer in the source"


EMAIL_DEFAULTS = ROOT / "templates" / "emails" / "defaults"
EMAIL_PLACEHOLDER = re.compile(r"\{\{ *\w+ *\}\}")


@pytest.mark.parametrize("language", COMPLETE + PARTIAL)
def test_every_candidate_email_has_its_wording_in_each_language(language):
    """Each default wording has its translation, with the same placeholders and a first line
    that starts with the English "Subject:" (mailtemplates.default_words reads it)."""
    for english in sorted(EMAIL_DEFAULTS.glob("*.txt")):
        translated = EMAIL_DEFAULTS / language / english.name
        assert translated.exists(), f"{language}: no {english.name}"
        text = translated.read_text(encoding="utf-8")
        assert text.startswith("Subject: "), f"{language}/{english.name}"
        original = english.read_text(encoding="utf-8")
        wanted = sorted(EMAIL_PLACEHOLDER.findall(original))
        assert sorted(EMAIL_PLACEHOLDER.findall(text)) == wanted, f"{language}/{english.name}"


@pytest.mark.parametrize("language", COMPLETE + PARTIAL)
def test_every_translated_count_reads_in_the_language_whatever_the_number(language):
    """Through Django's own lookup, as a page does it: 3 candidates in Spanish once read
    "Passion Test sent to 3 candidates." because the third Spanish form was missing."""
    entries = [e for e in catalog(language) if e.msgid_plural and any(e.msgstr_plural.values())]
    assert entries
    english = []
    with translation.override(language):
        for entry in entries:
            for count in (0, 1, 2, 3, 11, 100, 1_000_000):
                said = translation.ngettext(entry.msgid, entry.msgid_plural, count)
                if said in key(entry) and said not in entry.msgstr_plural.values():
                    english.append((entry.msgid, count))
    assert english == []
