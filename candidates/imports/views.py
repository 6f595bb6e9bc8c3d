"""Pages of a CSV import (recruiters only): upload, columns, dry-run preview, start, the
job's progress and its rows that were not imported (also as a CSV)."""

import csv
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from passionhire.exports import csv_safe
from passionhire.forms import add_validation_error
from passionhire.permissions import RECRUITER, role_required

from ..models import ImportJob, Role
from . import parsing, selectors, services
from .forms import ImportMappingForm, ImportUploadForm

SHOWN_PROBLEMS = 200
# A running job with no batch committed for this long may be resumed by hand.
STALLED_AFTER = timedelta(minutes=2)


@role_required(RECRUITER)
def import_upload(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    if not role.is_open and request.method == "GET":
        messages.warning(
            request,
            gettext("“{title}” is closed. Reopen it to import candidates.").format(
                title=role.title
            ),
        )
        return redirect(role)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.import_upload(
                role=role,
                uploaded_by=request.user,
                file_name=upload.name,
                data=upload.read(selectors.import_limits()[0] + 1),
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect("candidates:import_mapping", pk=job.pk)
    return render(
        request,
        "candidates/imports/upload.html",
        {"form": form, "role": role, "fields": parsing.FIELD_LABELS},
        status=422 if request.method == "POST" else 200,
    )


def _job(pk: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.select_related("role"), pk=pk)


@role_required(RECRUITER)
def import_mapping(request, pk: int):
    job = _job(pk)
    if job.status != ImportJob.Status.DRAFT:
        return redirect(job)
    form = ImportMappingForm(request.POST or None, header=job.header, initial_mapping=job.mapping)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_set_mapping(job=job, mapping=form.mapping(), changed_by=request.user)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            return redirect("candidates:import_preview", pk=job.pk)
    return render(
        request,
        "candidates/imports/mapping.html",
        {"form": form, "job": job, "role": job.role},
        status=422 if request.method == "POST" else 200,
    )


@require_GET
@role_required(RECRUITER)
def import_preview(request, pk: int):
    """The dry run: what importing would do, row by row; nothing is written."""
    job = _job(pk)
    if job.status != ImportJob.Status.DRAFT:
        return redirect(job)
    preview = selectors.import_preview(job)
    return render(
        request,
        "candidates/imports/preview.html",
        {
            "job": job,
            "role": job.role,
            "preview": preview,
            "errors": preview.errors[:SHOWN_PROBLEMS],
            "skipped": preview.skipped[:SHOWN_PROBLEMS],
            "shown": SHOWN_PROBLEMS,
            "has_consent_column": job.mapping.get("consent") is not None,
        },
    )


@require_POST
@role_required(RECRUITER)
def import_start(request, pk: int):
    """Start the import (or resume a running one whose worker stopped)."""
    job = _job(pk)
    try:
        job = services.import_start(job=job, started_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        if job.status == ImportJob.Status.DRAFT:
            return redirect("candidates:import_preview", pk=job.pk)
    return redirect(job)


def _stalled(job: ImportJob) -> bool:
    last = job.progressed_at or job.started_at
    return job.is_running and last is not None and timezone.now() - last > STALLED_AFTER


@require_GET
@role_required(RECRUITER)
def import_detail(request, pk: int):
    job = _job(pk)
    if job.status == ImportJob.Status.DRAFT:
        return redirect("candidates:import_preview", pk=job.pk)
    problems = sorted(job.problems, key=lambda problem: problem["row"])
    return render(
        request,
        "candidates/imports/detail.html",
        {
            "job": job,
            "role": job.role,
            "problems": problems[:SHOWN_PROBLEMS],
            "shown": SHOWN_PROBLEMS,
            "stalled": _stalled(job),
        },
    )


@require_GET
@role_required(RECRUITER)
def import_progress(request, pk: int):
    """The progress bar of a running import (polled by htmx); reloads the page when done."""
    job = _job(pk)
    if not job.is_running:
        response = HttpResponse("Import finished.")
        response["HX-Refresh"] = "true"
        return response
    return render(request, "candidates/imports/_progress.html", {"job": job})


@require_GET
@role_required(RECRUITER)
def import_errors(request, pk: int):
    """The rows not imported (or, before the start, that would not be) with their row
    numbers and why, as a CSV. No cell can run as a formula in a spreadsheet."""
    job = _job(pk)
    if job.status == ImportJob.Status.DRAFT:
        problems = [problem.__dict__ for problem in selectors.import_preview(job).problems]
    else:
        problems = sorted(job.problems, key=lambda problem: problem["row"])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-problems.csv"'
    response.write("\ufeff")  # spreadsheets then read it as UTF-8
    writer = csv.writer(response)
    writer.writerow(["row", "outcome", "problem", *parsing.FIELDS])
    for problem in problems:
        cells = problem["cells"]
        writer.writerow(
            [
                problem["row"],
                "not imported" if problem["kind"] == "error" else "passed over",
                csv_safe(problem["message"]),
                *(csv_safe(cells.get(name, "")) for name in parsing.FIELDS),
            ]
        )
    return response
