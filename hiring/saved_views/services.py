"""Saving a page's filter under a name, deleting it, and forgetting the views that name an
erased candidate. Each saved view belongs to one person; nobody else can reach it."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext

from passionhire.audit import audit_record
from passionhire.redaction import redactor

from ..forms import PipelineFilterForm, ShortlistFilterForm
from .models import SAVED_VIEW_NAME_MAX, SavedView

MAX_SAVED_VIEWS = 30  # per person and page: quick links, not an archive
FILTER_FORMS = {
    SavedView.Page.PIPELINE: PipelineFilterForm,
    SavedView.Page.SHORTLIST: ShortlistFilterForm,
}


def filters_of(page: str, data: QueryDict) -> dict[str, str]:
    """The page's filter parameters in `data`, as its own form validated them (empty ones
    and anything else left out); ValidationError listing what was not understood."""
    form = FILTER_FORMS[page](data)
    if not form.is_valid():
        problems = [f"{form.fields[n].label}: {' '.join(e)}" for n, e in form.errors.items()]
        raise ValidationError([gettext("Nothing saved: fix the filters first."), *problems])
    return {
        name: str(value)
        for name, value in sorted(form.cleaned_data.items())
        if value not in (None, "")
    }


@transaction.atomic
def saved_view_save(*, owner, page: str, name: str, filters: dict[str, str]) -> SavedView:
    """Save `filters` (from `filters_of`) as `owner`'s view of `page` called `name`; saving
    under a name they already use replaces that view's filters."""
    if page not in SavedView.Page.values:
        raise ValidationError(gettext("Views are saved from the role pipeline or the shortlist."))
    name = " ".join(str(name or "").split())
    if not name:
        raise ValidationError({"name": gettext("Give the view a name, to find it again.")})
    if len(name) > SAVED_VIEW_NAME_MAX:
        raise ValidationError(
            {"name": gettext("Keep the name to %(n)s characters.") % {"n": SAVED_VIEW_NAME_MAX}}
        )
    if not filters:
        raise ValidationError(gettext("Choose a filter first: this view shows everything already."))
    mine = SavedView.objects.select_for_update().filter(owner=owner, page=page)
    view = mine.filter(name__iexact=name).first()
    if view is None:
        if mine.count() >= MAX_SAVED_VIEWS:
            raise ValidationError(
                gettext("You have %(n)s saved views here: delete one.") % {"n": MAX_SAVED_VIEWS}
            )
        view = SavedView(owner=owner, page=page)
    view.name, view.params = name, filters
    view.full_clean(exclude=["owner"], validate_constraints=False)
    view.save()
    audit_record(
        actor=owner,
        action="saved_view.save",
        target=f"saved_view:{view.pk}",
        # The filters' names only: a search may name a candidate.
        after={"page": page, "filters": sorted(filters)},
        summary=f"Saved view #{view.pk} of the {page}",
    )
    return view


@transaction.atomic
def saved_view_delete(*, owner, view_id: int) -> SavedView:
    """Delete one of `owner`'s views; SavedView.DoesNotExist for anyone else's (or none)."""
    view = SavedView.objects.select_for_update().get(owner=owner, pk=view_id)
    view.delete()
    audit_record(
        actor=owner,
        action="saved_view.delete",
        target=f"saved_view:{view_id}",
        summary=f"Saved view #{view_id} deleted",
    )
    return view


def saved_views_forget(*, names: list[str], emails: list[str], tags: list[str]) -> int:
    """Part of erasure: delete every saved view whose name, search or tag names the erased
    candidate (their name or any part of it, their address) or one of their tags that went
    with them. Reads every saved view: a small table (MAX_SAVED_VIEWS a person and page)."""
    mentions = redactor(names, emails)
    gone = {t.lower() for t in tags}
    doomed = [
        view.pk
        for view in SavedView.objects.only("pk", "name", "params")
        if any(mentions(str(v)) != str(v) for v in (view.name, *view.params.values()))
        or str(view.params.get("tag", "")).lower() in gone
    ]
    SavedView.objects.filter(pk__in=doomed).delete()
    return len(doomed)
