"""What "all matching" means for a bulk action started from each page: exactly the filter that
page shows, read as that viewer reads it (hiring/viewer.py), as [(application id, stage)]."""

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy

from candidates import selectors as candidate_selectors
from candidates.bulk.models import BulkJob
from candidates.models import Application, Role
from candidates.selectors.pipeline import WAITING_KNOCKED_OUT

from ..forms import PipelineFilterForm, ShortlistFilterForm
from ..viewer import Viewer
from .email_templates import bulk_wordings
from .shortlist import ShortlistQuery, shortlist_for_role

# The bulk bar's actions, in the words every page shows.
BULK_ACTIONS = [
    (BulkJob.Kind.ADVANCE.value, gettext_lazy("Advance to the next stage")),
    (BulkJob.Kind.REJECT.value, gettext_lazy("Reject (courteous email, with a grace to undo)")),
    (BulkJob.Kind.TEST.value, gettext_lazy("Send the Passion Test (again, where a link is out)")),
    (BulkJob.Kind.TAG.value, gettext_lazy("Add a tag")),
    (BulkJob.Kind.EMAIL.value, gettext_lazy("Send an email (with a grace to undo)")),
]
assert {k for k, _ in BULK_ACTIONS} == set(BulkJob.Kind.values)


def bulk_context(route: str, role: Role, data=None) -> dict:
    """What templates/hiring/partials/bulk_bar.html needs: where it posts, its actions, and
    the page's query string as it came (less the page number and compare ticks), which the
    bulk view reads with the page's own form, so "all matching" is what the page shows."""
    params = data.copy() if data is not None else QueryDict(mutable=True)
    for name in ("page", "a"):
        params.pop(name, None)
    return {
        "bulk_url": reverse(route, args=[role.pk]),
        "bulk_actions": BULK_ACTIONS,
        "bulk_filters": params.urlencode(),
        # Called by the bar alone (one query), so a page without it does not pay for it.
        "bulk_wordings": bulk_wordings,
    }


def pipeline_matching(*, viewer: Viewer, role: Role, data) -> QuerySet[Application]:
    """The role page's list: its stage and tag filters (a filter it could not read is left
    out, as the page leaves it out)."""
    form = PipelineFilterForm(data)
    form.is_valid()
    return candidate_selectors.applications_for_role(
        role=role,
        stage=form.cleaned_data.get("stage") or None,
        tag=form.cleaned_data.get("tag") or "",
        hidden=viewer.anchored,
    )


def shortlist_matching(*, viewer: Viewer, role: Role, data) -> QuerySet[Application]:
    """The ranked shortlist as filtered on screen; never the held-back candidates, whom the
    list leaves out of its count too."""
    form = ShortlistFilterForm(data or None)
    ask = form.query() if form.is_bound else ShortlistQuery()
    return shortlist_for_role(viewer=viewer, role=role, ask=ask).ranked


def board_matching(*, viewer: Viewer, role: Role, data=None) -> QuerySet[Application]:
    """Every card of the board, in every column (the board has no filter): the role's
    applications but the knocked-out ones waiting apart."""
    return Application.objects.filter(role=role).exclude(WAITING_KNOCKED_OUT)


def selection_of(applications: QuerySet[Application]) -> list[tuple[int, str]]:
    return list(applications.order_by().values_list("pk", "stage"))
