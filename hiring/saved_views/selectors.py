"""A person's saved views of a page: their own, never anyone else's."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError

from .models import SAVED_VIEW_NAME_MAX, SavedView
from .services import filters_of


def saved_views_for(*, user, page: str) -> list[SavedView]:
    return list(SavedView.objects.filter(owner=user, page=page))


def saved_views_context(*, user, page: str, data) -> dict:
    """What templates/hiring/partials/saved_views.html needs: the user's views of `page` (one
    query), and the filter on screen as a saved view would hold it ("" if none or invalid)."""
    try:
        filters = urlencode(filters_of(page, data))
    except ValidationError:
        filters = ""
    return {
        "saved_views": saved_views_for(user=user, page=page),
        "saved_page": page,
        "saved_name_max": SAVED_VIEW_NAME_MAX,
        "filters": filters,
    }
