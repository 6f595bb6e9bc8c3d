"""Template helpers of the interview pages."""

from django import template

from ..models import Recommendation

register = template.Library()


@register.filter
def recommendation_label(value: str) -> str:
    """A stored recommendation ("strong_yes") as people read it; unknown values as they are."""
    return Recommendation(value).label if value in Recommendation.values else value
