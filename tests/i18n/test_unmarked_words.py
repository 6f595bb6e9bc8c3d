"""No words in a template outside the translation tags: a page's own words are marked, so a
reader in Spanish or Arabic never meets English the catalog could not reach. Words that are
the same in every language (our names, protocol names) are listed here."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CUT = [
    re.compile(r"\{%\s*blocktranslate\b.*?\{%\s*endblocktranslate\s*%\}", re.DOTALL),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}|\{#.*?#\}", re.DOTALL),
    re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE),
    re.compile(r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL),  # tags and variables, translate included
]
SHOWN_ATTRIBUTE = re.compile(r'\b(?:title|placeholder|aria-label|alt)="([^"]*)"')
TAG = re.compile(r"<[^>]+>", re.DOTALL)
WORDS = re.compile(r"[A-Za-z][A-Za-z_'’]+(?:[ ,.:;?!-]+[A-Za-z][A-Za-z_'’]+)*")
# The same in every language: names, protocol and format names, a header's own name, and
# two that are code rather than words.
SAME_EVERYWHERE = {
    "PassionHire",
    "Passion Test",
    "CSV",
    "JSON",
    "PDF",
    "HTTP",
    "UTC",
    "webhook-id",
    "utm_source",  # the campaign parameters' own names
    "utm_campaign",
    "ph_",  # an API token's prefix
    "col-xl",  # a Bootstrap class passed through a block
}


def cut(text: str) -> str:
    for pattern in CUT:
        text = pattern.sub(" ", text)
    return text


def bare_words(path: Path) -> list[str]:
    text = path.read_text()
    # An attribute a reader sees or hears, its template tags taken out first (they quote).
    shown = [cut(value) for value in SHOWN_ATTRIBUTE.findall(cut_blocks_only(text))]
    body = TAG.sub(" ", cut(text))
    found = []
    for chunk in [body, *shown]:
        found += [m.group(0) for m in WORDS.finditer(chunk) if m.group(0) not in SAME_EVERYWHERE]
    return found


def cut_blocks_only(text: str) -> str:
    """The text with blocktranslate, comments and scripts removed, other tags kept."""
    for pattern in CUT[:3]:
        text = pattern.sub(" ", text)
    return re.sub(r"\{%.*?%\}", lambda m: m.group(0).replace('"', "'"), text, flags=re.DOTALL)


def test_every_word_in_a_template_is_inside_a_translation_tag():
    found = {
        str(path.relative_to(TEMPLATES)): words
        for path in sorted(TEMPLATES.rglob("*"))
        if path.suffix in (".html", ".txt")
        # PassionHire's own emails in each language are whole files per language.
        and "emails/defaults" not in str(path)
        and (words := bare_words(path))
    }
    assert found == {}


def test_the_check_finds_a_bare_word_and_an_untranslated_label(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        '{% load i18n %}<nav aria-label="Main">{% translate "Hello" %}</nav>'
        "<p>{% blocktranslate %}Fine {{ x }}{% endblocktranslate %} Left out</p>"
        '<a title="{% translate "Kept" %}">{{ name }}</a>'
    )
    assert bare_words(page) == ["Left out", "Main"]
