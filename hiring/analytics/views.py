"""The funnel-and-speed page and its CSV: recruiters for every role, hiring managers for
their own. Nothing here names a person or reads self-identification."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from hiring.fairness.counts import analytics
from passionhire.audit import audit_record
from passionhire.exports import csv_safe
from passionhire.permissions import HIRING_MANAGER, RECRUITER, has_role, role_required

from .counts import Scope
from .csv_rows import report_rows
from .forms import FunnelFilterForm
from .reports import funnel_report
from .selectors import analytics_roles, analytics_scope


def _scope(request) -> tuple[FunnelFilterForm, Scope | None]:
    recruiter = has_role(request.user, RECRUITER)
    form = FunnelFilterForm(
        request.GET or None,
        roles=analytics_roles(user=request.user),
        all_label=gettext("All roles") if recruiter else gettext("All my roles"),
    )
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    return form, analytics_scope(
        user=request.user,
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
        role=data.get("role"),
    )


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def funnel(request):
    form, scope = _scope(request)
    report = None
    if scope is not None:
        with analytics(nested_loops=True):
            report = funnel_report(scope)
    context = {"form": form, "report": report, "query": request.GET.urlencode()}
    return render(request, "hiring/analytics/funnel.html", context, status=200 if scope else 400)


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def funnel_csv(request):
    form, scope = _scope(request)
    if scope is None:
        errors = " ".join(e for errors in form.errors.values() for e in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    # The spreadsheet stays in English whatever the page's language (exports are data).
    with analytics(nested_loops=True), translation.override("en"):
        report = funnel_report(scope)
    audit_record(
        actor=request.user,
        action="analytics.funnel_csv",
        target="analytics",
        role_id=scope.role_id,
        after={
            "from": scope.date_from and scope.date_from.isoformat(),
            "to": scope.date_to and scope.date_to.isoformat(),
            "role": scope.role_id,
            "own_roles_only": scope.manager_id is not None,
        },
        summary="Funnel and speed downloaded (CSV)",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="funnel-and-speed.csv"'
    writer = csv.writer(response)
    for row in report_rows(report):
        writer.writerow([csv_safe(cell) for cell in row])
    return response
