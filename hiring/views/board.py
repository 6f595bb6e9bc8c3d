"""A role's board (a column per stage) and the move of one card.

Who: recruiters and the role's own hiring manager, as on the role page. A move answers an htmx
request with the moved card (and the new column counts, out of band) or a short refusal
(409 stale, 422 refused); a plain form post is redirected back to the board, or shown its
refusal on a small page with the form to try again.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from candidates import selectors as candidate_selectors
from candidates.models import Application
from candidates.models.shortlist import REASON_MAX_LENGTH
from candidates.stage_names import stage_name
from passionhire.permissions import HIRING_MANAGER, RECRUITER, can_view_role, role_required

from ..forms import MoveForm
from ..selectors.board import board_card, board_for_role
from ..selectors.bulk import bulk_context
from ..services.board import (
    REASON_NEEDED,
    MoveRefused,
    StaleMove,
    application_move,
    move_targets,
)
from ..tags.selectors import tag_names_on_role
from ..viewer import viewer_for_role


def _card_context() -> dict:
    """What every card's "Move to…" form needs to say and allow, in the request's language."""
    return {
        "reason_needed": REASON_NEEDED,
        # Said on every card: joined once here rather than looped in each card's template.
        "reason_needed_text": ", ".join(stage_name(stage).lower() for stage in REASON_NEEDED),
        "reason_max": REASON_MAX_LENGTH,
    }


def _role(request, pk: int):
    role = candidate_selectors.role_with_pipeline(role_id=pk)
    if role is None:
        raise Http404("No such role.")
    if not can_view_role(request.user, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can open it.")
    return role


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def role_board(request, pk: int):
    role = _role(request, pk)
    viewer = viewer_for_role(request.user, role)
    board = board_for_role(viewer=viewer, role=role)
    context = {"role": role, "board": board, **_card_context()}
    if viewer.is_recruiter:  # the bulk bar: on every card, or on the whole board
        context |= bulk_context("hiring:board_bulk", role)
        context["tags"] = tag_names_on_role(viewer=viewer, role=role)
    return render(request, "hiring/board/board.html", context)


def _refused(request, application, form, message: str, status: int):
    if request.htmx:
        return render(request, "hiring/board/_refused.html", {"message": message}, status=status)
    role = application.role
    fresh = Application.objects.get(pk=application.pk)
    card = board_card(
        viewer=viewer_for_role(request.user, role), role=role, application_id=fresh.pk
    )
    retry = MoveForm(targets=move_targets(fresh.stage), stage=fresh.stage)
    if form.is_bound and form.is_valid():
        retry.fields["to"].initial = form.cleaned_data["to"]
        retry.fields["reason"].initial = form.cleaned_data["reason"]
    context = {"role": role, "card": card, "form": retry, "message": message}
    context |= _card_context()
    return render(request, "hiring/board/move.html", context, status=status)


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def card_move(request, pk: int):
    application = get_object_or_404(Application.objects.select_related("role"), pk=pk)
    role = application.role
    if not can_view_role(request.user, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager move its cards.")
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _refused(request, application, form, gettext("Choose a stage to move to."), 422)
    try:
        moved = application_move(
            application_id=application.pk,
            to=form.cleaned_data["to"],
            moved_by=request.user,
            reason=form.cleaned_data["reason"],
            seen_stage=form.cleaned_data["seen_stage"],
        )
    except StaleMove as error:
        return _refused(request, application, form, error.messages[0], 409)
    except (MoveRefused, ValidationError) as error:
        return _refused(request, application, form, error.messages[0], 422)
    viewer = viewer_for_role(request.user, role)
    card = board_card(viewer=viewer, role=role, application_id=moved.pk)
    said = gettext("Moved %(name)s to %(stage)s.") % {
        "name": card.candidate.name,
        "stage": stage_name(moved.stage),
    }
    if request.htmx:
        counts = candidate_selectors.role_with_pipeline(role_id=role.pk)
        context = {"card": card, "role": counts, "said": said, **_card_context()}
        context["bulk_select"] = viewer.is_recruiter
        return render(request, "hiring/board/_moved.html", context)
    messages.success(request, said)
    return redirect(f"{reverse('hiring:role_board', args=[role.pk])}#card-{moved.pk}")
