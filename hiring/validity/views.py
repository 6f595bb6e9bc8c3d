"""The validity loop's pages: the check-in a hiring manager answers through their link, the
report of how well the scores at hire predicted (recruiters; hiring managers for their own
roles), and the recruiter's one click that gives a role the suggested source weights."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from passionhire.params import parse_id
from passionhire.permissions import HIRING_MANAGER, RECRUITER, has_role, role_required
from passionhire.signed_links import LinkError
from passionhire.vocabulary import SOURCES

from ..labels import source_name
from ..views.reranked import say_reranked
from . import selectors, services
from .forms import PERFORMANCE, ApplySuggestionForm, CheckInForm, HireFilterForm


@role_required()
def checkin(request, token: str):
    try:
        item = selectors.checkin_from_token(token)
    except LinkError as error:
        return render(
            request, "passion_test/link_error.html", {"error": error}, status=error.status
        )
    if item.manager_id != request.user.pk:
        raise PermissionDenied("This check-in was asked of the hire's hiring manager.")
    form = CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_record(checkin=item, by=request.user, answers=form.answers())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                gettext(
                    "Thank you: your check-in is recorded. It counts only in totals over every "
                    "hire."
                ),
            )
            return redirect("hiring:dashboard")
    context = {"checkin": item, "form": form, "levels": PERFORMANCE}
    return render(
        request, "hiring/validity/checkin.html", context, status=422 if form.errors else 200
    )


def _scope(request, roles):
    form = HireFilterForm(request.GET or None, roles=roles)
    if not request.GET:
        return form, selectors.HireScope()
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    role = data.get("role")
    return form, selectors.HireScope(data["date_from"], data["date_to"], role.pk if role else None)


def _suggestion(request, report, roles):
    """The apply card: a recruiter picks a role (?for_role=) and sees its current source
    weights beside the suggested ones."""
    if not has_role(request.user, RECRUITER):
        return None
    pk = parse_id(request.GET.get("for_role") or "")
    role = roles.filter(pk=pk).first() if pk else None
    if role is None:
        role = roles.filter(status="open").first()
    if role is None:
        return None
    current = role.source_weights
    suggested = report.suggest(current)
    return {
        "role": role,
        "rows": [
            (source, source_name(source), current[source], suggested[source]) for source in SOURCES
        ],
        "suggested": suggested,
        "changes": suggested != current,
    }


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def validity(request):
    roles = selectors.visible_roles(request.user)
    form, scope = _scope(request, roles)
    report = suggestion = None
    if scope is not None:
        report = selectors.validity_report(request.user, scope)
        suggestion = _suggestion(request, report, roles)
    context = {
        "form": form,
        "report": report,
        "suggestion": suggestion,
        "roles": roles,
        "columns": selectors.COLUMN_LABELS,
        "minimum": selectors.MINIMUM_HIRES,
        "minimum_mean": selectors.MINIMUM_FOR_MEAN,
        "query": request.GET.urlencode(),
        "days": settings.PASSIONHIRE["CHECKIN_AFTER_DAYS"],
    }
    return render(request, "hiring/validity/report.html", context, status=200 if scope else 400)


@require_POST
@role_required(RECRUITER)
def validity_apply(request):
    """Apply the suggestion the recruiter was shown: recomputed here from the same scope, and
    refused (409, nothing changes) if the check-ins have moved it since."""
    roles = selectors.visible_roles(request.user)
    filters, scope = _scope(request, roles) if request.GET else (None, selectors.HireScope())
    form = ApplySuggestionForm(request.POST, roles=roles)
    back = reverse("hiring:validity") + (f"?{request.GET.urlencode()}" if request.GET else "")
    if scope is None or not form.is_valid():
        errors = form.errors if filters is None or filters.is_valid() else filters.errors
        for field_errors in errors.values():
            for error in field_errors:
                messages.error(request, error)
        status = 400 if scope is None else 422
        return render(request, "hiring/validity/refused.html", {"back": back}, status=status)
    role = form.cleaned_data["for_role"]
    suggested = selectors.validity_report(request.user, scope).suggest(role.source_weights)
    if suggested != form.shown():
        messages.error(
            request,
            gettext(
                "The suggestion has changed since the page was loaded (new check-ins came in): "
                "look at it again before applying it."
            ),
        )
        return render(request, "hiring/validity/refused.html", {"back": back}, status=409)
    if suggested == role.source_weights:
        messages.info(
            request,
            gettext("“%(title)s” already has these source weights.") % {"title": role.title},
        )
        return redirect(back)
    result = services.suggestion_apply(role=role, by=request.user, source_weights=suggested)
    say_reranked(request, result, suggested=True)
    return redirect("hiring:shortlist", pk=role.pk)
