"""Recruiters sending the Passion Test and reading its results on the application page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from passionhire.permissions import (
    HIRING_MANAGER,
    RECRUITER,
    can_view_role,
    has_role,
    role_required,
)

from .. import selectors, services
from ..forms_passion_test import WhyRatingForm
from ..models import Answer, Application, PassionTestInvitation, Question, Role


@role_required(RECRUITER, HIRING_MANAGER)
def application_detail(request, pk: int):
    """The candidate on one role: stage, Passion Test status, results and why answers."""
    results = selectors.application_results(application_id=pk)
    if results is None:
        raise Http404("No such application.")
    if not can_view_role(request.user, results.application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can see this.")
    can_rate = has_role(request.user, RECRUITER)
    if not can_rate and selectors.is_blind(results.application.role, results.application):
        # A blind review: the hiring manager reads the anonymised profile instead.
        return redirect("candidates:application_profile", pk=pk)
    from interviews import selectors as interview_selectors

    # Someone on an interview of this candidate who has not recorded it yet sees no scores:
    # their judgement stays their own (no anchoring).
    anchoring_hidden = interview_selectors.anchoring_hidden(request.user, results.application)
    for why in results.why_answers:
        why.form = WhyRatingForm(
            traits=why.answer.question.traits, initial=why.ratings, prefix=f"why{why.answer.pk}"
        )
    return render(
        request,
        "candidates/application_detail.html",
        {
            "results": results,
            "application": results.application,
            "can_rate": can_rate and not anchoring_hidden,
            "anchoring_hidden": anchoring_hidden,
            "interviews": interview_selectors.interviews_of_application(results.application),
        },
    )


@require_POST
@role_required(RECRUITER)
def passion_test_send(request, pk: int):
    """Send the test to one application's candidate, or send the live link again."""
    application = get_object_or_404(Application.objects.select_related("candidate"), pk=pk)
    try:
        invitation = services.passion_test_invite(application=application, invited_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        again = " again" if invitation.send_count > 1 else ""
        messages.success(
            request,
            f"Passion Test sent{again} to {application.candidate.email}; the link is valid until "
            f"{invitation.expires_at:%d %b %Y}.",
        )
    return redirect("candidates:application_detail", pk=pk)


@require_POST
@role_required(RECRUITER)
def passion_test_revoke(request, pk: int):
    invitation = PassionTestInvitation.objects.filter(
        application_id=pk, revoked_at__isnull=True
    ).first()
    if invitation is None:
        messages.info(request, "There is no live Passion Test link to withdraw.")
    else:
        try:
            services.passion_test_revoke(invitation=invitation, revoked_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The Passion Test link is withdrawn; it no longer opens.")
    return redirect("candidates:application_detail", pk=pk)


@require_POST
@role_required(RECRUITER)
def passion_test_send_many(request, pk: int):
    """The role page's bulk action: send the test to every selected application."""
    role = get_object_or_404(Role, pk=pk)
    ids = [value for value in request.POST.getlist("application") if value.isdigit()]
    applications = list(
        Application.objects.filter(role=role, pk__in=ids).select_related("candidate")
    )
    if not applications:
        messages.warning(request, "Select at least one candidate to send the Passion Test to.")
        return redirect(role)
    result = services.passion_test_invite_many(applications=applications, invited_by=request.user)
    if result.sent:
        messages.success(request, f"Passion Test sent to {len(result.sent)} candidate(s).")
    for application, reason in result.skipped:
        messages.warning(request, f"Not sent to {application.candidate.name}: {reason}")
    return redirect(role)


@require_POST
@role_required(RECRUITER)
def why_answer_rate(request, pk: int, answer_pk: int):
    answer = get_object_or_404(
        Answer.objects.select_related("question"),
        pk=answer_pk,
        response__application_id=pk,
        question__kind=Question.Kind.WHY,
    )
    form = WhyRatingForm(request.POST, traits=answer.question.traits, prefix=f"why{answer.pk}")
    if form.is_valid():
        try:
            services.why_answer_rate(answer=answer, rated_by=request.user, ratings=form.ratings())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Rating saved; it now counts as evidence.")
    else:
        messages.error(request, " ".join(form.non_field_errors()) or "Choose ratings from 1 to 5.")
    return redirect(reverse("candidates:application_detail", args=[pk]) + f"#why-{answer.pk}")
