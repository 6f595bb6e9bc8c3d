"""Referral pages: any staff member refers and follows their own; recruiters decide; everyone
sees the leaderboard (names of those who opted out hidden), recruiters export it."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from passionhire.exports import csv_safe
from passionhire.forms import add_validation_error
from passionhire.permissions import RECRUITER, has_role, role_required

from .. import selectors, services
from ..models import Referral
from .forms import DeclineForm, ReferralForm


@role_required()
def referral_create(request):
    form = ReferralForm(request.POST or None, open_roles=selectors.open_roles())
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_submit(referrer=request.user, **form.service_kwargs())
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            # The same words whether or not this person is already known to us: what the
            # pipeline holds is not the referrer's to learn. Recruiters see the duplicate.
            messages.success(
                request,
                gettext(
                    "Thank you! {name} is referred for “{role}”. "
                    "You'll get an email as things move."
                ).format(name=referral.name, role=referral.role.title),
            )
            return redirect("candidates:referral_list")
    return render(request, "candidates/referrals/form.html", {"form": form})


@role_required()
def referral_list(request):
    referrals = list(selectors.referrals_of(user=request.user))
    for referral in referrals:
        referral.public_status = services.public_status(referral)
    return render(
        request,
        "candidates/referrals/mine.html",
        {
            "referrals": referrals,
            "shown": selectors.leaderboard_shown_to_me(user=request.user),
        },
    )


@role_required()
def referral_detail(request, pk: int):
    """One of your own referrals. Anyone else's is a 404: it does not exist for you."""
    referral = selectors.referral_of(user=request.user, referral_id=pk)
    if referral is None:
        raise Http404("No such referral.")
    referral.public_status = services.public_status(referral)
    context = {
        "referral": referral,
        "decline_wording": services.decline_wording(referral) if referral.decline_reason else "",
    }
    return render(request, "candidates/referrals/detail.html", context)


@role_required(RECRUITER)
def referral_inbox(request):
    pending, decided = selectors.referral_inbox()
    return render(
        request,
        "candidates/referrals/inbox.html",
        {"pending": pending, "decided": decided, "decline_form": DeclineForm()},
    )


@require_POST
@role_required(RECRUITER)
def referral_accept(request, pk: int):
    referral = get_object_or_404(Referral, pk=pk)
    try:
        referral = services.referral_accept(referral=referral, accepted_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext(
                "{name} is in the pipeline for “{role}”; the Passion Test is on its way and the "
                "referrer is told."
            ).format(name=referral.name, role=referral.role.title),
        )
    return redirect("candidates:referral_inbox")


@require_POST
@role_required(RECRUITER)
def referral_decline(request, pk: int):
    referral = get_object_or_404(Referral, pk=pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, gettext("Choose a reason to decline; the referrer sees a kind version.")
        )
        return redirect("candidates:referral_inbox")
    try:
        services.referral_decline(
            referral=referral,
            declined_by=request.user,
            reason=form.cleaned_data["decline_reason"],
            note=form.cleaned_data["decline_note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("Declined; the referrer gets a courteous note about {name}.").format(
                name=referral.name
            ),
        )
    return redirect("candidates:referral_inbox")


@role_required()
def referral_leaderboard(request):
    is_recruiter = has_role(request.user, RECRUITER)
    return render(
        request,
        "candidates/referrals/leaderboard.html",
        {"rows": selectors.referral_leaderboard(with_scores=is_recruiter), "full": is_recruiter},
    )


@role_required(RECRUITER)
def referral_leaderboard_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="referral-quality.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "employee",
            "username",
            "shown_on_leaderboard",
            "referred",
            "accepted",
            "reached_interviews",
            "hired",
            "mean_composite",
        ]
    )
    for row in selectors.referral_leaderboard(with_scores=True):
        writer.writerow(
            [
                csv_safe(row.name),
                csv_safe(row.user.get_username()),
                "yes" if row.shown else "no",
                row.referred,
                row.accepted,
                row.interviewed,
                row.hired,
                "" if row.mean_composite is None else f"{row.mean_composite:.1f}",
            ]
        )
    return response


@require_POST
@role_required()
def referral_visibility(request):
    show = request.POST.get("show") == "true"
    services.referrer_set_visibility(user=request.user, show=show)
    messages.success(
        request,
        gettext("You're shown by name on the leaderboard.")
        if show
        else gettext("You're no longer shown by name on the leaderboard."),
    )
    return redirect("candidates:referral_list")
