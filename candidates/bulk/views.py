"""A bulk action's job: its progress, what it skipped and why, and Undo within the grace. The
pages that start one (pipeline, shortlist, board) are the composition app's (hiring/views/bulk)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET, require_POST

from passionhire.permissions import HIRING_MANAGER, RECRUITER, can_decide, role_required

from ..models import Application, Decision
from . import services
from .emails import undo_until as email_undo_until
from .models import BulkJob


def _job_for(request, pk: int) -> BulkJob:
    job = get_object_or_404(BulkJob.objects.select_related("role"), pk=pk)
    if not can_decide(request.user, job.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager may see it.")
    return job


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def bulk_job(request, pk: int):
    job = _job_for(request, pk)
    names = dict(
        Application.objects.filter(pk__in=[pk for pk, _ in job.skipped[:200]]).values_list(
            "pk", "candidate__name"
        )
    )
    undo_until = (
        email_undo_until(job)
        if job.kind == BulkJob.Kind.EMAIL
        else Decision.objects.filter(bulk_job=job, undone_at__isnull=True)
        .order_by("undo_until")
        .values_list("undo_until", flat=True)
        .first()
    )
    template = "candidates/bulk/_job.html" if request.htmx else "candidates/bulk/job.html"
    return render(
        request,
        template,
        {
            "job": job,
            "role": job.role,
            "skipped": [(names.get(pk, f"#{pk}"), why) for pk, why in job.skipped[:200]],
            "can_undo": job.kind in ("reject", "email")
            and not job.is_running
            and job.undone_at is None
            and undo_until is not None
            and undo_until > timezone.now(),
            "undo_until": undo_until,
        },
    )


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def bulk_undo(request, pk: int):
    job = _job_for(request, pk)
    try:
        undone, refused = services.bulk_undo(job_id=job.pk, undone_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("Undone: none of the {count} emails will be sent.").format(count=undone)
            if job.kind == BulkJob.Kind.EMAIL
            else gettext(
                "Undone: {count} back where they were; none of their emails was sent."
            ).format(count=undone),
        )
        if refused:
            messages.warning(
                request,
                ngettext(
                    "{count} could not be undone: {why}",
                    "{count} could not be undone: {why}",
                    len(refused),
                ).format(count=len(refused), why=refused[0][1]),
            )
    return redirect("candidates:bulk_job", pk=job.pk)
