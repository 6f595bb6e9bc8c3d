"""A role's page: its pipeline by stage, with each application's composite as the viewer may
see it (a candidate whose interview the viewer has not recorded shows no score)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from candidates import selectors
from candidates.passion_test.selectors import hide_scores
from passionhire.permissions import (
    HIRING_MANAGER,
    RECRUITER,
    can_view_role,
    has_role,
    role_required,
)

from ..forms import PipelineFilterForm
from ..saved_views.models import SavedView
from ..saved_views.selectors import saved_views_context
from ..selectors.bulk import bulk_context
from ..tags.selectors import tag_names_on_role
from ..viewer import viewer_for_role

PAGE_SIZE = 25


@role_required(RECRUITER, HIRING_MANAGER)
def role_detail(request, pk: int):
    role = selectors.role_with_pipeline(role_id=pk)
    if role is None:
        raise Http404("No such role.")
    if not can_view_role(request.user, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can open it.")
    if role.blind_review and not has_role(request.user, RECRUITER):
        # The pipeline table names everyone; a blind review reads the shortlist instead.
        return redirect("hiring:shortlist", pk=role.pk)
    form = PipelineFilterForm(request.GET)
    form.is_valid()
    if "stage" in form.errors:
        messages.warning(
            request, gettext("That stage filter is not one we know; showing every stage.")
        )
    if "tag" in form.errors:
        messages.warning(
            request,
            gettext("Ignored the tag filter: %(errors)s")
            % {"errors": " ".join(form.errors["tag"])},
        )
    stage, tag = form.cleaned_data.get("stage") or "", form.cleaned_data.get("tag") or ""
    viewer = viewer_for_role(request.user, role)
    # Ordered by stage and time, never by a score, so only the numbers need hiding; a tag
    # filter never finds someone whose tags the viewer may not see.
    applications = selectors.applications_for_role(
        role=role, stage=stage or None, tag=tag, hidden=viewer.anchored
    )
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for application in page.object_list:
        if viewer.sees_scores_of(application.pk):
            application.referrer_name = selectors.link_referrer_name(application)
            application.tag_names = [t.name for t in application.candidate.tags.all()]
        else:  # no scores, tags, nor who referred them, before the viewer's interview is in
            hide_scores(application)
            application.tag_names = []
    return render(
        request,
        "candidates/role_detail.html",
        {
            "role": role,
            "page": page,
            "stage": stage,
            "tag": tag,
            "tags": tag_names_on_role(viewer=viewer, role=role),
            **bulk_context("hiring:pipeline_bulk", role, request.GET),
            **saved_views_context(
                user=request.user, page=SavedView.Page.PIPELINE, data=request.GET
            ),
            "test_review": (selectors.TEST_REVIEW, selectors.TEST_REVIEW_LABEL),
            "knocked_out": (selectors.KNOCKED_OUT, selectors.KNOCKED_OUT_LABEL),
        },
    )
