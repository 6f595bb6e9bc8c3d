"""A role's page: its pipeline by stage, with each application's composite as the viewer may
see it (a candidate whose interview the viewer has not recorded shows no score)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from candidates import selectors
from candidates.models import Stage
from candidates.passion_test.selectors import hide_scores
from passionhire.permissions import (
    HIRING_MANAGER,
    RECRUITER,
    can_view_role,
    has_role,
    role_required,
)

from ..selectors.email_templates import bulk_wordings
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
    stage = request.GET.get("stage") or ""
    if stage and stage not in (*Stage.values, selectors.TEST_REVIEW, selectors.KNOCKED_OUT):
        messages.warning(request, "That stage filter is not one we know; showing every stage.")
        stage = ""
    # Ordered by stage and time, never by a score, so only the numbers need hiding.
    page = Paginator(
        selectors.applications_for_role(role=role, stage=stage or None), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    viewer = viewer_for_role(request.user, role)
    page.object_list = list(page.object_list)
    for application in page.object_list:
        if viewer.sees_scores_of(application.pk):
            application.referrer_name = selectors.link_referrer_name(application)
        else:  # no scores, nor who referred them, before the viewer's own interview is in
            hide_scores(application)
    return render(
        request,
        "candidates/role_detail.html",
        {
            "role": role,
            "page": page,
            "stage": stage,
            "stages": Stage,
            "test_review": (selectors.TEST_REVIEW, selectors.TEST_REVIEW_LABEL),
            "knocked_out": (selectors.KNOCKED_OUT, selectors.KNOCKED_OUT_LABEL),
            **(
                {
                    "rejection_wordings": wordings["rejection"],
                    "message_wordings": wordings["message"],
                }
                if (wordings := _wordings(request.user, role))
                else {}
            ),
        },
    )


def _wordings(user, role) -> dict:
    """The email wordings the bulk form offers (one query), only where it shows."""
    return bulk_wordings() if role.is_open and has_role(user, RECRUITER) else {}
