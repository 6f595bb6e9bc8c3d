"""Template helpers of the interview pages."""

from django import template

from ..labels import RECOMMENDATION_LABELS

register = template.Library()


@register.filter
def recommendation_label(value: str) -> str:
    """A stored recommendation ("strong_yes") as people read it, in their language; unknown
    values as they are."""
    return RECOMMENDATION_LABELS.get(value, value)
