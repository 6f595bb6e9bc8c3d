"""The shipped catalogs (locale/): complete, not fuzzy, up to date with the source, and every
translation keeps its original's placeholders (a lost %(name)s is a crash or a blank)."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# The languages shipped as complete editions: every entry translated.
COMPLETE = ["es"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|%[sd]")


DOMAINS = ["django", "djangojs"]  # Python and templates; the scripts (JavaScriptCatalog)


def catalog(language: str, domain: str = "django") -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / f"{domain}.po"))


def key(entry: polib.POEntry) -> tuple[str, str]:
    return entry.msgid, entry.msgid_plural


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
@pytest.mark.parametrize("language", COMPLETE)
def test_translations_keep_their_placeholders(language, domain):
    wrong = []
    for entry in catalog(language, domain).translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid))
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            if sorted(PLACEHOLDER.findall(form)) != wanted:
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
            [sys.executable, "manage.py", "makemessages", "-d", domain, "-l", COMPLETE[0]]
            + ["--no-obsolete", "-v0"],
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "PYTHONPATH": str(tmp_path)},
            check=True,
        )
        made = tmp_path / "locale" / COMPLETE[0] / "LC_MESSAGES" / f"{domain}.po"
        fresh = {key(e) for e in polib.pofile(str(made))}
        shipped = {key(e) for e in catalog(COMPLETE[0], domain)}
        assert sorted(fresh - shipped) == [], f"{domain}: marked in the source, not in locale/"
        assert sorted(shipped - fresh) == [], f"{domain}: in locale/, no longer in the source"
