"""Recruiters sending the Passion Test and reading its results on the application page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from passionhire.nearby import near
from passionhire.params import parse_id, parse_ids
from passionhire.permissions import (
    RECRUITER,
    role_required,
)

from .. import services
from ..models import (
    Answer,
    Application,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Role,
)
from . import review
from .forms import WhyRatingForm

REVIEW_DONE = {
    "accept": gettext_lazy(
        "Test accepted: its scores count, and the candidate moves on to Interviews."
    ),
    "retake": gettext_lazy(
        "Retake asked for: a new link is on its way to %(email)s. The first test is kept, "
        "and its scores no longer count."
    ),
    "waive": gettext_lazy(
        "Going on without the test: its scores no longer count, and the candidate moves on "
        "to Interviews."
    ),
}


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
        words = (
            gettext("Passion Test sent again to %(email)s; the link is valid until %(day)s.")
            if invitation.send_count > 1
            else gettext("Passion Test sent to %(email)s; the link is valid until %(day)s.")
        )
        day = formats.date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")
        messages.success(request, words % {"email": application.candidate.email, "day": day})
    return redirect("hiring:application_detail", pk=pk)


@require_POST
@role_required(RECRUITER)
def passion_test_revoke(request, pk: int):
    invitation = PassionTestInvitation.objects.filter(
        application_id=pk, revoked_at__isnull=True
    ).first()
    if invitation is None:
        messages.info(request, gettext("There is no live Passion Test link to withdraw."))
    else:
        try:
            services.passion_test_revoke(invitation=invitation, revoked_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, gettext("The Passion Test link is withdrawn; it no longer opens.")
            )
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
        messages.warning(
            request, gettext("Select at least one candidate to send the Passion Test to.")
        )
        return redirect(role)
    result = services.passion_test_invite_many(applications=applications, invited_by=request.user)
    if result.sent:
        count = len(result.sent)
        messages.success(
            request,
            ngettext(
                "Passion Test sent to %(count)s candidate.",
                "Passion Test sent to %(count)s candidates.",
                count,
            )
            % {"count": count},
        )
    for application, reason in result.skipped:
        messages.warning(
            request,
            gettext("Not sent to %(name)s: %(reason)s")
            % {"name": application.candidate.name, "reason": reason},
        )
    return redirect(role)


@require_POST
@role_required(RECRUITER)
def passion_test_review(request, pk: int):
    """A recruiter's answer to "Review the test": accept it, ask for a retake, or go on
    without it. A test no longer waiting for this answer gets 409 and nothing changes."""
    back = reverse("hiring:application_detail", args=[pk]) + "#test-review"
    action = request.POST.get("action", "")
    response = PassionTestResponse.objects.filter(
        pk=parse_id(request.POST.get("response")) or 0, application_id=pk
    ).first()
    if action not in review.ACTIONS or response is None:
        messages.error(request, gettext("Choose one of the three answers under “Review the test”."))
        return redirect(back)
    try:
        review.REVIEW_SERVICES[action](response=response, reviewed_by=request.user)
    except ValidationError as error:
        status = 409 if isinstance(error, review.ReviewConflict) else 422
        return render(
            request,
            "candidates/test_review_refused.html",
            {"message": " ".join(error.messages), "back": back, "action": review.ACTIONS[action]},
            status=status,
        )
    email = response.application.candidate.email
    messages.success(request, str(REVIEW_DONE[action]) % {"email": email})
    return redirect(back)


@require_POST
@role_required(RECRUITER)
def why_answer_rate(request, pk: int, answer_pk: int):
    answer = get_object_or_404(
        Answer.objects.select_related("question", "response"),
        pk=answer_pk,
        response__application_id=pk,
        question__kind=Question.Kind.WHY,
    )
    if answer.response.review in review.SET_ASIDE:
        # A rating would bring back evidence of a test the recruiter set aside.
        messages.error(
            request, gettext("This test was set aside after review; its answers are not rated.")
        )
        return redirect(reverse("hiring:application_detail", args=[pk]))
    form = WhyRatingForm(request.POST, traits=answer.question.traits, prefix=f"why{answer.pk}")
    here = near(f"why-{answer.pk}")  # said beside the answer that was rated
    if form.is_valid():
        try:
            services.why_answer_rate(answer=answer, rated_by=request.user, ratings=form.ratings())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages), extra_tags=here)
        else:
            messages.success(
                request, gettext("Rating saved; it now counts as evidence."), extra_tags=here
            )
    else:
        text = " ".join(form.non_field_errors()) or gettext("Choose ratings from 1 to 5.")
        messages.error(request, text, extra_tags=here)
    return redirect(reverse("hiring:application_detail", args=[pk]) + f"#why-{answer.pk}")
