"""A role's interview guide: recruiters generate and edit it, the role's hiring manager reads
it, and interviewers on the role's interviews print it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from candidates.models import Role
from passionhire.nearby import near
from passionhire.permissions import RECRUITER, can_view_role, has_role, role_required
from passionhire.traits import Trait, guide_for, trait_name

from .. import selectors, services
from ..forms import GuideAddForm
from ..models import GuideQuestion, Participant


def _guide_context(role: Role) -> dict:
    guide = services.guide_for_role(role=role)
    items = list(selectors.guide_items(guide))
    covered = {t for item in items for t in item.question.traits}
    counts = {t: sum(1 for item in items if t in item.question.traits) for t in Trait.values}
    missing = [Trait(t) for t in Trait.values if t not in covered]
    return {
        "role": role,
        "guide": guide,
        "items": items,
        "missing": missing,
        "missing_text": ", ".join(str(trait_name(t)).lower() for t in missing),
        "coverage": [
            {"trait": t, "weight": w, "share": share, "questions": counts[t.value]}
            for t, w, share in role.weight_shares()
        ],
        "rubrics": [guide_for(Trait(t)) for t in Trait.values if t in covered],
    }


@role_required()
def guide(request, pk: int):
    role = get_object_or_404(Role.objects.select_related("hiring_manager"), pk=pk)
    if not can_view_role(request.user, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can see its guide.")
    context = _guide_context(role)
    context["can_edit"] = has_role(request.user, RECRUITER)
    if context["can_edit"]:
        context["add_form"] = GuideAddForm(guide=context["guide"])
    return render(request, "interviews/guide.html", context)


@role_required()
def guide_print(request, pk: int):
    """The printable guide. Also open to anyone on one of the role's interviews."""
    role = get_object_or_404(Role, pk=pk)
    on_interview = Participant.objects.filter(
        interviewer=request.user, interview__application__role=role
    ).exists()
    if not (can_view_role(request.user, role) or on_interview):
        raise PermissionDenied("This guide is for the people interviewing for this role.")
    return render(request, "interviews/guide_print.html", _guide_context(role))


@require_POST
@role_required(RECRUITER)
def guide_generate(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    guide = services.guide_generate(role=role, by=request.user)
    count = guide.items.count()
    messages.success(
        request,
        ngettext(
            "Guide generated from the role's weights: {n} question.",
            "Guide generated from the role's weights: {n} questions.",
            count,
        ).format(n=count),
    )
    return redirect("interviews:guide", pk=pk)


@require_POST
@role_required(RECRUITER)
def guide_add(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    guide = services.guide_for_role(role=role)
    form = GuideAddForm(request.POST, guide=guide)
    if form.is_valid():
        try:
            services.guide_add_question(
                guide=guide, question=form.cleaned_data["question"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages), extra_tags=near("guide-add"))
        else:
            messages.success(
                request,
                gettext("Question added to the end of the guide."),
                extra_tags=near("guide-add"),
            )
    else:
        messages.error(request, " ".join(form.errors["question"]), extra_tags=near("guide-add"))
    return redirect(reverse("interviews:guide", args=[pk]) + "#guide-add")


@require_POST
@role_required(RECRUITER)
def guide_item_remove(request, pk: int):
    item = get_object_or_404(GuideQuestion.objects.select_related("guide"), pk=pk)
    role_id = item.guide.role_id
    uncovered = services.guide_remove_question(item=item, by=request.user)
    if uncovered:
        labels = ", ".join(str(trait_name(t)).lower() for t in uncovered)
        messages.warning(
            request,
            gettext("Question removed. The guide no longer covers {traits}.").format(traits=labels),
        )
    else:
        messages.success(request, gettext("Question removed."))
    return redirect("interviews:guide", pk=role_id)


@require_POST
@role_required(RECRUITER)
def guide_item_move(request, pk: int):
    item = get_object_or_404(GuideQuestion.objects.select_related("guide"), pk=pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        messages.error(request, gettext("Unknown move; nothing changed."))
    else:
        services.guide_move_question(item=item, direction=direction, by=request.user)
    return redirect(f"{reverse('interviews:guide', args=[item.guide.role_id])}#item-{item.pk}")
