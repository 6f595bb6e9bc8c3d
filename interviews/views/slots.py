"""The candidate's slot picker: no account, just the signed link from the email."""

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from candidates import services as candidate_services
from passionhire import languages
from passionhire.permissions import signed_link_view
from passionhire.signed_links import LinkError

from .. import services
from ..models import Interview


def _page(request, interview: Interview, *, status=200, error="", taken=False):
    # Without JavaScript the candidate reads the times in the recruiter's zone, named.
    with timezone.override(ZoneInfo(interview.time_zone)):
        return _render(request, interview, status=status, error=error, taken=taken)


def _render(request, interview: Interview, *, status, error, taken):
    return render(
        request,
        "interviews/slots/pick.html",
        {
            "interview": interview,
            "candidate": interview.application.candidate,
            "role": interview.application.role,
            "slots": services.open_slots(interview)
            if interview.status == Interview.Status.OFFERED
            else [],
            "error": error,
            "taken": taken,
            "tz_name": interview.time_zone.replace("_", " "),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@signed_link_view
def slot_pick(request, token: str):
    try:
        interview = services.interview_from_token(token)
    except LinkError as error:
        return render(
            request, "passion_test/link_error.html", {"error": error}, status=error.status
        )
    languages.open_in(request, interview.application.language)
    if request.method == "GET":
        return _page(request, interview)
    try:
        services.interview_pick_slot(interview=interview, slot_id=request.POST.get("slot"))
    except services.AlreadyScheduled:
        interview.refresh_from_db()
        return _page(
            request, interview, status=409, error=_("You have already picked a time: it is below.")
        )
    except services.SlotTaken:
        return _page(request, interview, status=409, taken=True)
    except ValidationError as error:
        return _page(request, interview, status=422, error=" ".join(error.messages))
    except LinkError as error:
        return render(
            request, "passion_test/link_error.html", {"error": error}, status=error.status
        )
    return redirect("slots:pick", token=token)


@never_cache
@signed_link_view
@require_POST
def language(request, token: str):
    """The language switch on the slot picker: kept in a cookie and on the application, for
    the confirmation and calendar emails that follow (passionhire/languages.py)."""
    return languages.switched_on_link(
        request,
        fallback=reverse("slots:pick", args=[token]),
        application_id=lambda: services.interview_from_token(token).application_id,
        remember=candidate_services.application_set_language,
    )
