"""Template helpers shared by every app's pages."""

import math
from dataclasses import dataclass

from django import template
from django.utils.safestring import mark_safe

from passionhire import language_names, numbers
from passionhire.markdown import render_markdown
from passionhire.nearby import place_of
from passionhire.people import display_name
from passionhire.phones import phone_display
from passionhire.traits import Trait, trait_name
from passionhire.vocabulary import (
    NEGLIGIBLE_RELIABILITY,
    RATER_GAP_NOTABLE,
    RELIABLE_FROM,
    SOURCE_LABELS,
    UNRELIABLE_TEST_BELOW,
)

register = template.Library()


@dataclass(frozen=True)
class Segment:
    stage: object
    count: int
    x: float
    width: float


@register.simple_tag
def pipeline_segments(pipeline) -> list[Segment]:
    """Lay a role's stage counts out as stacked-bar segments in percent (drawn in SVG, so no
    inline styles are needed)."""
    total = sum(item.count for item in pipeline)
    segments, x = [], 0.0
    if not total:
        return segments
    for item in pipeline:
        if item.count:
            width = 100 * item.count / total
            segments.append(Segment(item.stage, item.count, round(x, 3), round(width, 3)))
            x += width
    return segments


@register.filter
def initials(user) -> str:
    name = (user.get_display_name()).split()
    return "".join(part[0] for part in name[:2]).upper()


@register.filter
def in_sentence(language_name: str) -> str:
    """A language's name as written mid-sentence: "en español" in Spanish (language_names)."""
    return language_names.in_sentence(str(language_name))


@register.filter
def trait_label(value: str) -> str:
    """ "attention_to_detail" -> "Attention to detail", in the reader's language (unknown
    values shown as they are)."""
    return trait_name(value) if value in Trait.values else value


@register.filter
def person(user) -> str:
    return display_name(user)


@register.filter
def redact(text: str, profile) -> str:
    """Free text as a blind review may show it: the candidate's and referrer's names hidden."""
    return profile.redact(text or "")


@register.filter
def source_label(value: str) -> str:
    return SOURCE_LABELS.get(value, value)


@register.filter
def percent(value: float) -> str:
    return numbers.percent(value or 0)


@register.filter
def percentage(value: float) -> str:
    """A value already on 0-100 (a share of the weights) with the reader's percent sign."""
    return numbers.percent((value or 0) / 100)


@register.filter
def signed(value: float | None) -> str:
    """+3.5 / -2.0 / ±0 for how far a piece of evidence moved a score."""
    if value is None:
        return "—"
    return "±0" if abs(value) < 0.05 else numbers.number(value, 1, sign=True)


@register.filter
def minutes(duration) -> int:
    """A timedelta as whole minutes, rounded up (a 30 s wait is "1 minute")."""
    return max(1, math.ceil(duration.total_seconds() / 60)) if duration else 0


@register.filter
def reliability_badge(reliability: float | None) -> str:
    """The badge colour of a Passion Test's reliability index, from the thresholds the
    ranking uses (vocabulary.py), never re-typed in a template."""
    if reliability is None:
        return "text-bg-light border"
    if reliability >= RELIABLE_FROM:
        return "text-bg-success"
    return "text-bg-warning" if reliability >= UNRELIABLE_TEST_BELOW else "text-bg-danger"


@register.filter
def notable_gap(gap: float | None) -> bool:
    """Does an interviewer's average gap to colleagues stand out?"""
    return gap is not None and abs(gap) >= RATER_GAP_NOTABLE


@register.filter
def negligible(reliability: float | None) -> bool:
    """Is a Passion Test's reliability so low that its evidence carries no real weight?"""
    return reliability is not None and reliability < NEGLIGIBLE_RELIABILITY


@register.filter
def markdown(text: str):
    """A staff-written Markdown text as safe HTML (rendered and sanitised by
    passionhire.markdown: raw HTML off, an allow-list of tags, safe link schemes only)."""
    return mark_safe(render_markdown(text))  # noqa: S308  # nosec B308 B703


@register.filter
def phone(value: str) -> str:
    """An E.164 number as people write it (+44 7700 900123)."""
    return phone_display(value or "")


@register.filter
def in_banner(messages):
    """The messages for the banner at the top: those not placed beside a form."""
    return [m for m in messages if place_of(m) is None]


@register.inclusion_tag("partials/messages_near.html", takes_context=True)
def messages_near(context, *parts):
    """The messages a view placed beside the place named by `parts` joined with "-"
    ({% messages_near "why" answer.pk %} for "why-12"; see passionhire.nearby)."""
    place = "-".join(str(part) for part in parts)
    here = [m for m in context.get("messages") or () if place_of(m) == place]
    return {"messages": here}
