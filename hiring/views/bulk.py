"""Starting a bulk action from the role pipeline, the ranked shortlist or the board: on the
ticked rows (each with the stage it was seen at) or on everything matching the filter the page
shows. The job itself, its progress and its undo live in candidates/bulk.

Who: recruiters (the bulk bar is theirs on every page); `bulk_start` checks again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from candidates.bulk import services
from candidates.models import Role
from passionhire.params import parse_id, parse_ids
from passionhire.permissions import RECRUITER, role_required

from ..selectors.bulk import board_matching, pipeline_matching, selection_of, shortlist_matching
from ..viewer import viewer_for_role

# The query string of the filter on screen: how the page was reached, sent back with the form.
FILTERS_MAX = 2000


def _filters(request) -> QueryDict:
    if "filters" in request.POST:
        return QueryDict(request.POST["filters"][:FILTERS_MAX])
    return request.POST  # an older form that posted its filter fields as they were


def _start(request, role: Role, matching, page: str):
    filters = _filters(request)
    back = reverse(page, args=[role.pk])
    if filters:
        back += f"?{filters.urlencode()}"
    if request.POST.get("all_matching"):
        viewer = viewer_for_role(request.user, role)
        selection = selection_of(matching(viewer=viewer, role=role, data=filters))
    else:
        ids = parse_ids(request.POST.getlist("application"))
        selection = [(pk, request.POST.get(f"seen_{pk}", "")[:20]) for pk in ids]
    try:
        job = services.bulk_start(
            role=role,
            kind=request.POST.get("action", ""),
            reason=request.POST.get("reason", ""),
            tag=request.POST.get("new_tag", ""),
            selection=selection,
            actor=request.user,
            email_template_id=parse_id(request.POST.get("email_template") or ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    if services.runs_in_request(job):
        services.bulk_run(job_id=job.pk)
    return redirect("candidates:bulk_job", pk=job.pk)


@require_POST
@role_required(RECRUITER)
def pipeline_bulk(request, pk: int):
    return _start(request, get_object_or_404(Role, pk=pk), pipeline_matching, "hiring:role_detail")


@require_POST
@role_required(RECRUITER)
def shortlist_bulk(request, pk: int):
    return _start(request, get_object_or_404(Role, pk=pk), shortlist_matching, "hiring:shortlist")


@require_POST
@role_required(RECRUITER)
def board_bulk(request, pk: int):
    return _start(request, get_object_or_404(Role, pk=pk), board_matching, "hiring:role_board")
