"""The candidate's status page and its actions: no account, the signed link is the
permission. Every action is a POST (CSRF-checked); the two that cannot be undone (withdraw,
ask to be erased) first show a confirmation step. A link that does not work gets the link
error page with its status (404 tampered, 410 expired or erased); an action the application's
state refuses gets the page back with a 409 and a sentence saying why."""

import json
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from candidates import services as candidate_services
from candidates.services import application_from_status_token
from passionhire import languages
from passionhire.permissions import signed_link_view
from passionhire.signed_links import LinkError

from ..fairness.selectors import self_id_card
from . import selectors, services
from .forms import PhoneForm

CONFIRM = "yes"
WITHDRAW_CONFIRM = {
    "title": gettext_lazy("Withdraw your application?"),
    "text": (
        gettext_lazy(
            "You will leave the process for this role: your Passion Test link stops working and "
            "any interview offered or booked is cancelled. This cannot be undone."
        )
    ),
    "button": gettext_lazy("Yes, withdraw my application"),
    "action": "status:withdraw",
    "danger": True,
}
ERASURE_CONFIRM = {
    "title": gettext_lazy("Ask us to erase your data?"),
    "text": (
        gettext_lazy(
            "We will erase your name, contact details, answers and everything written about you, "
            "for every role you applied for, and your applications will stop. A person from our "
            "team handles the request within {days} days; this page then stops working. Download "
            "your data first if you want a copy."
        )
    ),
    "button": gettext_lazy("Yes, erase my data"),
    "action": "status:erasure",
    "danger": True,
}


def _day(value) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return date_format(value, "DATE_FORMAT")


def _link_error(request, error: LinkError):
    return render(request, "passion_test/link_error.html", {"error": error}, status=error.status)


def _page(request, application, token: str, *, status=200, phone_form=None, refusal=""):
    page = selectors.status_page(application)
    context = {
        "page": page,
        "self_id": self_id_card(application.candidate_id),
        "token": token,
        "phone_form": phone_form or PhoneForm(initial={"phone": page.phone}),
        "refusal": refusal,
    }
    return render(request, "hiring/status/page.html", context, status=status)


def _confirm(request, token: str, step: dict, **fill):
    context = {"step": {**step, "text": step["text"].format(**fill)}, "token": token}
    return render(request, "hiring/status/confirm.html", context)


def _already_asked(request, application, token: str, erasure_request):
    messages.info(
        request,
        gettext(
            "We already have your request to be erased, from {asked}. It will be handled by {due}."
        ).format(asked=_day(erasure_request.requested_at), due=_day(erasure_request.due_on)),
    )
    return redirect("status:page", token=token)


def link_view(view):
    """The view's first argument after the request is the application the link stands for;
    a link that does not work gets its error page."""

    @wraps(view)
    def wrapper(request, token: str):
        try:
            application = application_from_status_token(token)
        except LinkError as error:
            return _link_error(request, error)
        languages.open_in(request, application.language)
        return view(request, application, token)

    return never_cache(signed_link_view(wrapper))


@require_GET
@link_view
def status_page(request, application, token: str):
    """Where the application stands, in plain words, and what the candidate can do."""
    return _page(request, application, token)


@require_POST
@link_view
def withdraw(request, application, token: str):
    """Confirm, then withdraw. A closed application is refused with 409."""
    if not application.is_active:
        return _page(
            request,
            application,
            token,
            status=409,
            refusal=gettext("Your application is already closed, so there is nothing to withdraw."),
        )
    if request.POST.get("confirm") != CONFIRM:
        return _confirm(request, token, WITHDRAW_CONFIRM)
    try:
        services.application_withdraw(application=application)
    except (services.ApplicationClosed, ValidationError) as error:
        message = getattr(error, "message", None) or " ".join(error.messages)
        application.refresh_from_db()
        return _page(request, application, token, status=409, refusal=message)
    messages.success(
        request, gettext("You withdrew your application. Thank you for your interest.")
    )
    return redirect("status:page", token=token)


@require_POST
@link_view
def phone(request, application, token: str):
    """A new phone number; an invalid one comes back as an error on the page (422)."""
    form = PhoneForm(request.POST)
    if form.is_valid():
        try:
            services.candidate_update_phone(
                application=application, phone=form.cleaned_data["phone"]
            )
        except ValidationError as error:
            form.add_error("phone", error)
        else:
            messages.success(request, gettext("Your phone number is saved."))
            return redirect(reverse("status:page", args=[token]) + "#your-details")
    return _page(request, application, token, status=422, phone_form=form)


@require_POST
@link_view
def data(request, application, token: str):
    """Everything we hold about the candidate, as a JSON file."""
    export = services.candidate_export_own_data(application=application)
    response = HttpResponse(
        json.dumps(export, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-application-data.json"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@link_view
def erasure(request, application, token: str):
    """Confirm, then record the request (one open per candidate)."""
    existing = selectors.open_erasure_request(application.candidate_id)
    if existing is not None:
        return _already_asked(request, application, token, existing)
    if request.POST.get("confirm") != CONFIRM:
        return _confirm(
            request, token, ERASURE_CONFIRM, days=settings.PASSIONHIRE["ERASURE_DUE_DAYS"]
        )
    erasure_request, created = services.erasure_request_create(application=application)
    if not created:
        return _already_asked(request, application, token, erasure_request)
    messages.success(
        request,
        gettext(
            "We have your request to be erased. A person from our team will handle it by {due}."
        ).format(due=_day(erasure_request.due_on)),
    )
    return redirect("status:page", token=token)


@never_cache
@signed_link_view
@require_POST
def language(request, token: str):
    """The language switch on the status page (and the pages it leads to): kept in a cookie
    and on the application, for every email that follows (passionhire/languages.py)."""
    return languages.switched_on_link(
        request,
        fallback=reverse("status:page", args=[token]),
        application_id=lambda: application_from_status_token(token).pk,
        remember=candidate_services.application_set_language,
    )
