"""A bulk email: a wording of "Message" to each selected candidate who agreed to email. The
emails wait out the undo's grace in the outbox; undoing the job before then sends none."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_entry
from passionhire.models import AuditEntry, EmailTemplate, OutboxMessage

from ..models import Application
from ..services.contact import email_candidate_once
from ..services.status_link import status_url
from .models import BulkJob

MESSAGE_TASK = "candidates.tasks.send_bulk_message_task"
KINDS = {BulkJob.Kind.REJECT: "rejection", BulkJob.Kind.EMAIL: "message"}


def check_wording(kind: str, template_id: int | None) -> None:
    """Refuse a wording that is not one of the action's email (a tampered form)."""
    if template_id is None:
        return
    if (
        kind not in KINDS
        or not EmailTemplate.objects.filter(pk=template_id, kind=KINDS[kind]).exists()
    ):
        raise ValidationError({"email_template": gettext("Choose one of the wordings listed.")})


def email_batch(job: BulkJob, seen: dict[int, str]) -> tuple[int, list]:
    """Queue one held email per candidate of the batch who may be written to."""
    applications = {
        a.pk: a
        for a in Application.objects.filter(pk__in=list(seen), role_id=job.role_id).select_related(
            "candidate"
        )
    }
    wanted, skipped = [], []
    for pk in seen:
        application = applications.get(pk)
        if application is None:
            skipped.append([pk, "not on this role"])
        elif application.candidate.is_erased:
            skipped.append([pk, "personal data erased"])
        elif not application.candidate.consent_to_contact:
            skipped.append([pk, "did not agree to be emailed"])
        else:
            wanted.append(application)
    grace = settings.PASSIONHIRE["UNDO_GRACE_SECONDS"]
    not_before = timezone.now() + timedelta(seconds=grace) if grace else None
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(task=MESSAGE_TASK, args=[job.pk, a.pk], not_before=not_before) for a in wanted
    )
    AuditEntry.objects.bulk_create(
        audit_entry(
            actor=job.requested_by,
            action="bulk.email",
            target=f"application:{a.pk}",
            role_id=job.role_id,
            candidate_id=a.candidate_id,
            after={"bulk": job.pk, "email_template": job.email_template_id},
            summary=f"Email queued in bulk action #{job.pk}: application #{a.pk}",
        )
        for a in wanted
    )
    if not grace:
        for message in messages:
            transaction.on_commit(lambda pk=message.pk: outbox.publish_after_commit(pk))
    return len(wanted), skipped


def bulk_send_message(*, job_id: int, application_id: int) -> bool:
    """Send one email of a bulk job, once; nothing once the job was undone."""
    job = BulkJob.objects.filter(pk=job_id, kind=BulkJob.Kind.EMAIL).first()
    application = (
        Application.objects.select_related("candidate", "role").filter(pk=application_id).first()
    )
    if job is None or job.undone_at is not None or application is None:
        return False
    if application.candidate.is_erased or not application.candidate.consent_to_contact:
        return False
    return email_candidate_once(
        application,
        "message",
        "Bulk",
        email_template_id=job.email_template_id,
        key=f"bulk:{job.pk}:{application.pk}",
        status_url=status_url(application),
    )


def undo_until(job: BulkJob):
    grace = settings.PASSIONHIRE["UNDO_GRACE_SECONDS"]
    if job.kind != BulkJob.Kind.EMAIL or not grace or job.finished_at is None:
        return None
    return job.finished_at + timedelta(seconds=grace)


def email_job_check_undo(job: BulkJob) -> None:
    """Refuse to undo a bulk email once its messages may have left. Undoing marks the job;
    each held message, once due, sees that and sends nothing."""
    until = undo_until(job)
    if until is None or until <= timezone.now():
        raise ValidationError(
            gettext("Too late to undo: the emails have left (the grace period is over)."),
            code="late",
        )
