"""Applying: the form on a phone, then straight into the Passion Test."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from passionhire import languages
from passionhire.forms import add_validation_error
from passionhire.permissions import public_view
from passionhire.views import client_ip

from ..passion_test.services import invitation_token
from ..referrals.share import referrer_from_share_token
from . import selectors
from .apply import application_submit
from .cv import cv_max_bytes
from .forms import ApplyForm


def apply_rate(group, request) -> str:
    return settings.PASSIONHIRE["APPLY_RATE"]


def _page(request, role, form, status=200):
    return render(
        request,
        "careers/apply.html",
        {
            "role": role,
            "form": form,
            "cv_max_bytes": cv_max_bytes(),
            "cv_max_mb": settings.PASSIONHIRE["CV_MAX_MB"],
        },
        status=status,
    )


@public_view
@require_http_methods(["GET", "POST"])
@ratelimit(key=client_ip, rate=apply_rate, method="POST", block=True)
def apply(request, pk: int):
    role = selectors.published_role(pk)
    if role is None:
        if request.method == "POST":
            return render(request, "careers/closed.html", status=410)
        raise Http404("This role is not open for applications.")
    questions = selectors.knockout_questions(role)
    if request.method == "GET":
        initial = {key: request.GET.get(key, "") for key in ("ref", "utm_source", "utm_campaign")}
        return _page(request, role, ApplyForm(initial=initial, questions=questions))
    form = ApplyForm(request.POST, request.FILES, questions=questions)
    if form.is_bot:
        # Looks accepted, so the bot learns nothing; nothing is saved.
        return render(request, "careers/received.html", {"role": role})
    if not form.is_valid():
        return _page(request, role, form, status=422)
    try:
        applied = application_submit(
            role=role,
            applicant=form.applicant(language=languages.current()),
            questions=questions,
            referrer=referrer_from_share_token(form.cleaned_data["ref"], role=role),
        )
    except ValidationError as error:
        if error.code == "role_closed":
            return render(request, "careers/closed.html", status=410)
        add_validation_error(form, error)
        return _page(request, role, form, status=422)
    if not applied.created:
        return render(request, "careers/already_applied.html", {"role": role})
    if applied.invitation is None:  # a knock-out answer: a recruiter reads it first
        return render(request, "careers/received.html", {"role": role})
    messages.success(
        request,
        _(
            "Thank you, your application is in. The next step is your Passion Test. We have "
            "also emailed you this link, so you can stop and come back whenever you like."
        ),
    )
    return redirect(reverse("passion_test:take", args=[invitation_token(applied.invitation)]))


@public_view
@require_GET
def privacy(request):
    return render(
        request,
        "careers/privacy.html",
        {"notice_version": settings.PASSIONHIRE["PRIVACY_NOTICE_VERSION"]},
    )
