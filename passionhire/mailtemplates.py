"""The emails an organisation may word itself: each kind's placeholders, its default words,
the check a wording must pass on save, and the rendering into plain text and HTML.

A wording is plain text with `{{ placeholder }}` from a fixed list per kind, and nothing else:
it is never given to the template engine, so it cannot load tags, reach settings or any other
data. Rendering is one pass of substitution (a candidate named "{{ sign_off }}" stays as typed),
the subject stays plain text (never HTML-escaped) on one line, and the HTML part escapes
everything before it links addresses. Kinds and their values: passionhire.mail_kinds."""

import html
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from .emails import one_line

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
BRACES = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
TAG_MARKS = re.compile(r"\{%|%\}|\{#|#\}|\{\{|\}\}")
LINK = re.compile(r"https?://[^\s<>\"]+")
DEFAULTS = Path(__file__).resolve().parent.parent / "templates" / "emails" / "defaults"

COMMON = {
    "candidate_name": "The candidate's full name",
    "first_name": "The first word of the candidate's name (some names put the family name first)",
    "role_title": "The role's title",
    "team": "The role's team",
    "organisation": "Your organisation's name",
    "sign_off": "The sign-off every email ends with",
}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    sent: str  # when it is sent, in a phrase
    placeholders: dict[str, str]
    required: tuple[str, ...] = ()
    many: bool = False  # more than one wording may exist (picked when sending)
    to: str = "the candidate"

    @property
    def default(self) -> tuple[str, str]:
        return default_words(self.key)

    def default_in(self, language: str) -> tuple[str, str]:
        return default_words(self.key, language)


def check(kind: Kind, subject: str, body: str) -> dict[str, list[str]]:
    """What is wrong with a wording, by field; empty if it may be saved."""
    errors: dict[str, list[str]] = {}
    if "\n" in subject or "\r" in subject:
        errors.setdefault("subject", []).append("A subject is one line.")
    for name, text in (("subject", subject), ("body", body)):
        for inner in BRACES.findall(text):
            word = inner.strip()
            if not re.fullmatch(r"[a-z_]+", word) or word not in kind.placeholders:
                shown = one_line(inner)[:40]
                errors.setdefault(name, []).append(
                    f"“{{{{ {shown} }}}}” is not a placeholder of this email. Use only: "
                    + ", ".join(f"{{{{ {p} }}}}" for p in kind.placeholders)
                    + "."
                )
        if TAG_MARKS.search(PLACEHOLDER.sub("", text)):
            errors.setdefault(name, []).append(
                "Only the listed placeholders may be used: no template tags ({% … %}), "
                "comments ({# … #}) or unclosed braces."
            )
    used = set(PLACEHOLDER.findall(subject + body))
    missing = [p for p in kind.required if p not in used]
    if missing:
        errors.setdefault("body", []).append(
            "This email must keep "
            + ", ".join(f"{{{{ {p} }}}}" for p in missing)
            + ": without it the candidate cannot go on."
        )
    return errors


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each placeholder replaced by its value, in one pass."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), text)


# The sign-off when the organisation has not written its own (EMAIL_SIGN_OFF): in the language
# the email is written in. One it has written is its own words, sent as they are.
SIGN_OFF = gettext_noop("With best wishes,\nThe hiring team at {organisation}")


def branding() -> dict[str, str]:
    """The organisation's name, sign-off and colour, in the active language."""
    organisation = settings.PASSIONHIRE["ORGANISATION_NAME"]
    sign_off = settings.PASSIONHIRE["EMAIL_SIGN_OFF"] or gettext(SIGN_OFF)
    return {
        "organisation": organisation,
        "sign_off": sign_off.replace("{organisation}", organisation),
        "colour": settings.PASSIONHIRE["BRAND_COLOUR"],
    }


def html_part(text: str, *, subject: str) -> str:
    """The HTML alternative of a rendered plain-text body: escaped, paragraphs kept, links
    made clickable, in the organisation's colours."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = html.escape(block)
        linked = LINK.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append(linked.replace("\n", "<br>\n"))
    return render_to_string(
        "emails/layout.html",
        {"paragraphs": paragraphs, "subject": subject, "brand": branding()},
    )


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(subject: str, body: str, values: dict[str, str]) -> Rendered:
    values = {**branding(), **values}
    title = one_line(fill(subject, values))
    text = fill(body, values).strip() + "\n"
    return Rendered(subject=title, text=text, html=html_part(text, subject=title))


def message(rendered: Rendered, to: list[str]) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(subject=rendered.subject, body=rendered.text, to=to)
    email.attach_alternative(rendered.html, "text/html")
    return email


@cache
def default_words(key: str, language: str = "en") -> tuple[str, str]:
    """(subject, body) of a kind's default wording in `language`:
    templates/emails/defaults/<language>/<key>.txt (English: defaults/<key>.txt), whose first
    line is "Subject: …". A language without its own wording of the kind gets English."""
    path = DEFAULTS / language / f"{key}.txt"
    if language == settings.LANGUAGE_CODE or not path.exists():
        path = DEFAULTS / f"{key}.txt"
    first, _, body = path.read_text(encoding="utf-8").partition("\n")
    return first.removeprefix("Subject:").strip(), body.strip() + "\n"


def words_for(kind: Kind, template_id: int | None = None, language: str = "en") -> tuple[str, str]:
    """The wording a kind sends in `language`: the one picked (if it is of this kind) in that
    language, else the organisation's default in that language, else PassionHire's built-in
    words in that language. A wording picked is named by its English version; its version in
    another language has the same name (docs/i18n.md)."""
    from .models import EmailTemplate

    rows = EmailTemplate.objects.filter(kind=kind.key)
    picked = rows.filter(pk=template_id).first() if template_id else None
    if picked is not None and picked.language != language:
        picked = rows.filter(name=picked.name, language=language).first()
    row = picked or rows.filter(is_default=True, language=language).first()
    if row is not None:
        return row.subject, row.body
    return kind.default if language == settings.LANGUAGE_CODE else kind.default_in(language)


def local_time_for_reader(moment, zone: str) -> str:
    """`local_time` in the active language's words ("mar 1 dic 2026, 14:00 CET
    (Europe/Madrid)"), for an email rendered in its reader's language or a refusal shown on a
    page. Records kept for staff (the timeline) use `local_time`, which stays in English
    whatever language is active."""
    from zoneinfo import ZoneInfo

    from django.utils.formats import date_format

    zone = zone or "UTC"
    local = timezone.localtime(moment, ZoneInfo(zone))
    written = f"{date_format(local, gettext('D j M Y, H:i'))} {local:%Z}"
    return written if zone == local.tzname() else f"{written} ({zone})"


def local_time(moment, zone: str) -> str:
    """A time as its reader reads it, written once, in their zone: "Tue 1 Dec 2026, 14:00 GMT
    (Europe/London)" (the abbreviation alone is ambiguous, the zone's name alone unfamiliar)."""
    from zoneinfo import ZoneInfo

    zone = zone or "UTC"
    local = timezone.localtime(moment, ZoneInfo(zone))
    written = f"{local:%a} {local.day} {local:%b %Y, %H:%M %Z}"
    return written if zone == local.tzname() else f"{written} ({zone})"
