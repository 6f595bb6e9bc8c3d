"""Dates are written the reader's way: Django's "M" capitalises a month's abbreviation in
every language ("2 Nov"), but Spanish writes it in lower case ("2 nov"). So a date format with
words in it is a translatable string, and Spanish gives its own ("j b Y")."""

import re
from datetime import UTC, datetime
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

from passionhire.mailtemplates import local_time_for_reader

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"[A-Z_]+_FORMAT")  # Django's own per-language formats: fine as they are
LITERAL_IN_TEMPLATE = re.compile(r"""date:["']([^"']*)["']""")
LITERAL_IN_PYTHON = re.compile(r"""date_format\([^()]*,\s*["']([^"']*)["']\)""")


def fixed_formats() -> list[str]:
    """Date formats written as a plain literal that name a month in words."""
    found = []
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("templates/**/*.txt")]:
        for written in LITERAL_IN_TEMPLATE.findall(path.read_text()):
            if "M" in written and not NAMED.fullmatch(written):
                found.append(f"{path.relative_to(ROOT)}: {written}")
    for app in ("candidates", "hiring", "interviews", "passionhire"):
        for path in (ROOT / app).rglob("*.py"):
            for written in LITERAL_IN_PYTHON.findall(path.read_text()):
                if "M" in written and not NAMED.fullmatch(written):
                    found.append(f"{path.relative_to(ROOT)}: {written}")
    return found


def test_no_date_format_naming_a_month_is_fixed_in_one_language():
    assert fixed_formats() == []


def test_the_spanish_month_is_in_lower_case_and_the_english_capitalised():
    moment = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    page = Template('{% load i18n %}{{ at|date:_("j M Y H:i") }}')
    with translation.override("es"):
        spanish = page.render(Context({"at": moment}))
        email = local_time_for_reader(moment, "Europe/Madrid")
    with translation.override("en"):
        english = page.render(Context({"at": moment}))
    assert (spanish, english) == ("2 nov 2026 15:00", "2 Nov 2026 15:00")
    assert email == "lun 2 nov 2026, 16:00 CET (Europe/Madrid)"
