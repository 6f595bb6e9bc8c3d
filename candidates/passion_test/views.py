"""Recruiters sending the Passion Test and reading its results on the application page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from passionhire.params import parse_ids
from passionhire.permissions import (
    RECRUITER,
    role_required,
)

from .. import services
from ..models import Answer, Application, PassionTestInvitation, Question, Role
from .forms import WhyRatingForm


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
    return redirect("hiring:application_detail", pk=pk)


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
    return redirect("hiring:application_detail", pk=pk)


@require_POST
@role_required(RECRUITER)
def passion_test_send_many(request, pk: int):
    """The role page's bulk action: send the test to every selected application."""
    role = get_object_or_404(Role, pk=pk)
    ids = parse_ids(request.POST.getlist("application"))
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
    return redirect(reverse("hiring:application_detail", args=[pk]) + f"#why-{answer.pk}")
