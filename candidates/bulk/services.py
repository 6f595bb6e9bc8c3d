"""Bulk actions: advance or reject many applications of a role at once, each one a person's
decision with the reason they gave, or add a tag to their candidates (bulk/tagging.py); written
in batches (a constant number of queries per batch, whatever its size). Small selections run in
the request; larger ones as a Celery job with a progress bar. A row that moved since the
recruiter saw it is skipped and reported. Rejection emails wait out the undo grace in the
outbox, and a whole rejection can be undone."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_entry, audit_record
from passionhire.models import AuditEntry, OutboxMessage
from passionhire.permissions import can_decide

from ..models import Application, ApplicationEvent, Decision, Referral, Role, Stage
from ..services.decisions import DECISION_VERBS, decision_choices, decision_undo
from ..services.stage_history import stage_changes_note_many
from ..services.webhooks import emit_decisions_recorded
from ..tags.services import tag_for_name, tag_name_clean
from .emails import check_wording, email_batch, email_job_check_undo
from .models import BulkJob
from .tagging import tag_batch
from .testing import passion_test_batch

BATCH = 500
NO_REASON = {"email": "Email to candidates", "test": "Passion Test sent"}
REJECTION_TASK = "candidates.tasks.send_rejection_email_task"
NOTIFY_TASK = "candidates.tasks.notify_referrers_task"


def _next_stage(kind: str, stage: str) -> str:
    if kind == BulkJob.Kind.REJECT:
        return Stage.REJECTED
    order = [Stage.APPLIED, Stage.PASSION_TEST, Stage.INTERVIEWS, Stage.TEAM_MEET]
    return order[order.index(stage) + 1] if stage != Stage.TEAM_MEET else Stage.DECISION


@transaction.atomic
def bulk_start(
    *,
    role: Role,
    kind: str,
    reason: str,
    selection: list[tuple[int, str]],
    actor,
    tag: str = "",
    email_template_id: int | None = None,
):
    """Record a bulk action on `selection` ([(application id, stage seen)]); a big one is sent
    to a worker through the outbox, a small one the caller runs (`runs_in_request`). Refused
    whole (nothing saved) for an unknown action, a decision without a reason, a tag that
    cannot be one, an empty selection, or someone who may not decide."""
    if not can_decide(actor, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager decide on it.")
    reason = (reason or "").strip()
    if kind not in BulkJob.Kind.values:
        raise ValidationError({"kind": gettext("Choose an action from the list.")})
    if kind == BulkJob.Kind.TAG:
        try:
            tag = tag_for_name(tag_name_clean(tag)).name
        except ValidationError as error:
            raise ValidationError({"tag": error.messages}) from error
    else:
        tag = ""
        if not reason and kind not in (BulkJob.Kind.EMAIL, BulkJob.Kind.TEST):
            raise ValidationError(
                {"reason": gettext("Give a reason: every decision is a person's, with why.")}
            )
    check_wording(kind, email_template_id)
    if not selection:
        raise ValidationError(gettext("Select at least one candidate."))
    job = BulkJob.objects.create(
        role=role,
        kind=kind,
        reason=reason[:2000] or NO_REASON.get(kind, ""),
        email_template_id=email_template_id,
        tag=tag,
        selection=[[int(pk), str(stage)] for pk, stage in selection],
        total=len(selection),
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action="bulk.start",
        target=f"role:{role.pk}",
        role_id=role.pk,
        after={"job": job.pk, "kind": kind, "rows": len(selection)},
        summary=f"Bulk {kind} of {len(selection)} applications on role #{role.pk}",
    )
    if not runs_in_request(job):
        outbox.enqueue("candidates.tasks.run_bulk_job_task", job.pk)
    return job


def runs_in_request(job: BulkJob) -> bool:
    """Up to BULK_SYNC_LIMIT rows the request runs the job (`bulk_run`) once it is saved."""
    return job.total <= settings.PASSIONHIRE["BULK_SYNC_LIMIT"]


def bulk_run(*, job_id: int) -> BulkJob | None:
    """Work through the job batch by batch (each its own transaction, so progress shows and a
    rerun carries on where it stopped). Safe to run twice. In English whoever's request runs
    it: what it records (the skipped rows' reasons, the timeline) stays English."""
    with translation.override(settings.LANGUAGE_CODE):
        while bulk_run_batch(job_id=job_id):
            pass
    return BulkJob.objects.filter(pk=job_id).first()


@transaction.atomic
def bulk_run_batch(*, job_id: int) -> bool:
    """One batch; False once the job is finished."""
    job = BulkJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None or job.finished_at is not None:
        return False
    batch = job.selection[job.done : job.done + BATCH]
    if batch:
        run = {
            BulkJob.Kind.TAG: tag_batch,
            BulkJob.Kind.EMAIL: email_batch,
            BulkJob.Kind.TEST: passion_test_batch,
        }.get(job.kind, _decide_batch)
        changed, skipped = run(job, dict(batch))
        job.changed += changed
        job.skipped += skipped
        job.done += len(batch)
    if job.done >= job.total:
        job.finished_at = timezone.now()
    job.save(update_fields=["done", "changed", "skipped", "finished_at"])
    return job.finished_at is None


@dataclass
class _Row:
    application: Application
    to: str


def _decide_batch(job: BulkJob, seen: dict[int, str]) -> tuple[int, list]:
    actor, kind, now = job.requested_by, job.kind, timezone.now()
    applications = {
        a.pk: a
        for a in Application.objects.select_for_update(of=("self",))
        .filter(pk__in=list(seen), role_id=job.role_id)
        .select_related("candidate")
    }
    rows, skipped = [], []
    for pk, stage in seen.items():
        application = applications.get(pk)
        if application is None:
            skipped.append([pk, "not on this role"])
        elif application.stage != stage:
            skipped.append([pk, f"moved to {application.get_stage_display()} meanwhile"])
        elif kind not in decision_choices(application.stage):
            skipped.append([pk, f"cannot {kind} at {application.get_stage_display()}"])
        elif application.candidate.is_erased:
            skipped.append([pk, "personal data erased"])
        else:
            rows.append(_Row(application, _next_stage(kind, application.stage)))
    if not rows:
        return 0, skipped
    stage_changes_note_many(((row.application, row.to) for row in rows), at=now)
    for to in {row.to for row in rows}:
        Application.objects.filter(pk__in=[r.application.pk for r in rows if r.to == to]).update(
            stage=to, stage_changed_at=now, on_hold=False
        )
    grace = settings.PASSIONHIRE["UNDO_GRACE_SECONDS"] if kind == BulkJob.Kind.REJECT else 0
    decisions = Decision.objects.bulk_create(
        Decision(
            application=row.application,
            kind=kind,
            reason=job.reason,
            from_stage=row.application.stage,
            to_stage=row.to,
            decided_by=actor,
            undo_until=now + timedelta(seconds=grace) if grace else None,
            bulk_job=job,
            email_template_id=job.email_template_id,
        )
        for row in rows
    )
    emit_decisions_recorded(decisions)
    verb = DECISION_VERBS[Decision.Kind(kind)]
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=row.application,
            kind=ApplicationEvent.Kind.DECISION,
            actor=actor,
            message=f"{verb} ({Stage(row.application.stage).label} → {Stage(row.to).label}), "
            f"bulk action #{job.pk}. Reason: {job.reason}"[:500],
        )
        for row in rows
    )
    AuditEntry.objects.bulk_create(
        audit_entry(
            actor=actor,
            action="decision.record",
            target=f"application:{row.application.pk}",
            role_id=job.role_id,
            candidate_id=row.application.candidate_id,
            before={"stage": row.application.stage},
            after={"stage": row.to, "decision": kind, "bulk": job.pk},
            summary=f"{verb} in bulk action #{job.pk}: application #{row.application.pk}",
        )
        for row in rows
    )
    _queue_emails(kind, rows, decisions, grace)
    return len(rows), skipped


def _queue_emails(kind: str, rows: list[_Row], decisions: list[Decision], grace: int) -> None:
    """Rejection emails (to those who agreed to email), held for the undo's grace, and the
    referrers' stage emails: outbox rows written in bulk, published as `outbox.enqueue` does."""
    messages = []
    if kind == BulkJob.Kind.REJECT:
        wanted = [
            d
            for d, row in zip(decisions, rows, strict=True)
            if row.application.candidate.consent_to_contact
        ]
        not_before = timezone.now() + timedelta(seconds=grace) if grace else None
        emails = OutboxMessage.objects.bulk_create(
            OutboxMessage(task=REJECTION_TASK, args=[d.pk], not_before=not_before) for d in wanted
        )
        for decision, message in zip(wanted, emails, strict=True):
            decision.email_outbox_id = message.pk
        Decision.objects.bulk_update(wanted, ["email_outbox_id"])
        if not grace:
            messages += emails
    referred = set(
        Referral.objects.filter(
            application__in=[r.application.pk for r in rows], status=Referral.Status.ACCEPTED
        ).values_list("application_id", flat=True)
    )
    messages += OutboxMessage.objects.bulk_create(
        OutboxMessage(task=NOTIFY_TASK, args=[pk]) for pk in sorted(referred)
    )
    for message in messages:
        transaction.on_commit(lambda pk=message.pk: outbox.publish_after_commit(pk))


def bulk_undo(*, job_id: int, undone_by) -> tuple[int, list]:
    """Undo every rejection of a bulk job that can still be undone (each as `decision_undo`);
    returns (undone, [(application id, why not)])."""
    job = BulkJob.objects.select_related("role").get(pk=job_id)
    if not can_decide(undone_by, job.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager decide on it.")
    if job.kind == BulkJob.Kind.EMAIL and not job.is_running and job.undone_at is None:
        email_job_check_undo(job)
        BulkJob.objects.filter(pk=job.pk).update(undone_at=timezone.now())
        return job.changed, []
    if job.kind != BulkJob.Kind.REJECT or job.is_running:
        raise ValidationError(
            gettext("Only a finished bulk rejection or email can be undone."), code="not_undoable"
        )
    decisions = Decision.objects.filter(bulk_job=job, undone_at__isnull=True).values_list(
        "pk", "application_id"
    )
    undone, refused = 0, []
    for decision_id, application_id in decisions:
        try:
            decision_undo(decision_id=decision_id, undone_by=undone_by)
        except ValidationError as error:
            refused.append([application_id, " ".join(error.messages)])
        else:
            undone += 1
    BulkJob.objects.filter(pk=job.pk).update(undone_at=timezone.now())
    return undone, refused
