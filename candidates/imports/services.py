"""Every write of a CSV import: upload, column mapping, start (or resume), and the job that
adds the rows to the role in batches.

Each batch is one transaction with a constant number of queries (a lookup of the batch's
addresses, bulk inserts of candidates, applications, timeline events and audit rows, one
outbox message for the acknowledgements, one update of the job): a row is imported whole or
not at all, and the job's place advances with the rows it covers. A job that dies mid-way
resumes from its last committed batch; running a batch twice changes nothing, because a
candidate already in the role (by address, in any letter case) is passed over.
"""

import time
from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_entry, audit_record
from passionhire.models import AuditEntry
from passionhire.numbers import number
from passionhire.people import display_name

from ..models import Application, ApplicationEvent, Candidate, ImportJob, Role
from ..services.pipeline import application_send_acknowledgement
from ..services.webhooks import emit_application_created
from . import parsing
from .selectors import (
    ERASED_ROW,
    already_in_role,
    import_limits,
    known_candidates,
    parsed_file,
    row_cells,
    stages_in_role,
)

IMPORT_BATCH = 500
# A task imports batches for this long, then hands the rest to a fresh task (well inside
# CELERY_TASK_SOFT_TIME_LIMIT).
TASK_TIME_BUDGET_S = 45
IMPORT_TASK = "candidates.tasks.import_candidates_task"
ACK_TASK = "candidates.tasks.send_import_acknowledgements_task"


def _check_role_open(role: Role) -> None:
    if not role.is_open:
        raise ValidationError(
            gettext("“{title}” is closed and cannot receive candidates. Reopen it first.").format(
                title=role.title
            ),
            code="role_closed",
        )


@transaction.atomic
def import_upload(*, role: Role, uploaded_by, file_name: str, data: bytes) -> ImportJob:
    """Read an uploaded CSV and keep it as a draft import with guessed columns. Refuses a
    closed role, a file past the size limit, and anything that is not UTF-8 CSV with a
    header line (ValidationError saying why and what to do)."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    _check_role_open(role)
    max_bytes, max_rows = import_limits()
    if len(data) > max_bytes:
        raise ValidationError(
            gettext(
                "The file is {size} MB; the largest we import is {limit} MB. Split it and "
                "import the parts one after the other."
            ).format(size=number(len(data) / 1024 / 1024, 1), limit=max_bytes // 1024 // 1024),
            code="too_large",
        )
    try:
        text = parsing.decode(data)
        parsed = parsing.read(text, max_rows=max_rows)
    except parsing.ImportFileError as error:
        raise ValidationError(str(error), code="unreadable") from None
    job = ImportJob.objects.create(
        role=role,
        file_name=file_name[:200],
        source_text=text,
        header=parsed.header,
        mapping=parsing.guess_mapping(parsed.header),
        requested_by=uploaded_by,
    )
    audit_record(
        actor=uploaded_by,
        action="import.upload",
        target=f"import:{job.pk}",
        role_id=role.pk,
        after={"rows": len(parsed.records), "columns": len(parsed.header)},
        summary=f"CSV import #{job.pk} uploaded for role #{role.pk}",
    )
    return job


def _draft(job: ImportJob) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.status != ImportJob.Status.DRAFT:
        raise ValidationError(gettext("This import has already started."), code="started")
    return job


@transaction.atomic
def import_set_mapping(*, job: ImportJob, mapping: dict[str, int | None], changed_by) -> ImportJob:
    """Which column holds each field. Name and email are required; a column serves one field."""
    job = _draft(job)
    clean: dict[str, int | None] = {}
    for name in parsing.FIELDS:
        index = mapping.get(name)
        if index is not None and not (0 <= index < len(job.header)):
            raise ValidationError({name: gettext("Choose one of the file's columns.")})
        clean[name] = index
    for name in parsing.REQUIRED_FIELDS:
        if clean[name] is None:
            raise ValidationError(
                {
                    name: gettext("Choose the column with the {field}.").format(
                        field=gettext(parsing.FIELD_LABELS[name]).lower()
                    )
                }
            )
    used = [index for index in clean.values() if index is not None]
    if len(used) != len(set(used)):
        raise ValidationError(gettext("Each column can hold only one field."), code="column_twice")
    before = job.mapping
    job.mapping = clean
    job.save(update_fields=["mapping"])
    audit_record(
        actor=changed_by,
        action="import.mapping",
        target=f"import:{job.pk}",
        role_id=job.role_id,
        before=before,
        after=clean,
        summary=f"Columns of CSV import #{job.pk} chosen",
    )
    return job


@transaction.atomic
def import_start(*, job: ImportJob, started_by) -> ImportJob:
    """Check every row, keep the good ones on the job and queue the import (after commit).
    On a job already running (its worker died, or a task was lost) this resumes it from its
    last committed batch. A finished job or a closed role is refused."""
    job = ImportJob.objects.select_for_update().select_related("role").get(pk=job.pk)
    if job.status in (ImportJob.Status.DONE, ImportJob.Status.STOPPED):
        raise ValidationError(
            gettext("This import has finished; upload the file again to re-run it.")
        )
    _check_role_open(job.role)
    action = "import.resume"
    if job.status == ImportJob.Status.DRAFT:
        if job.mapping.get("name") is None or job.mapping.get("email") is None:
            raise ValidationError(
                gettext("Choose the name and email columns first."), code="mapping"
            )
        good, problems = parsing.check_rows(parsed_file(job), job.mapping)
        job.rows = [[row.row, row.name, row.email, row.phone, row.consent] for row in good]
        job.problems = [asdict(problem) for problem in problems]
        job.total = len(good)
        job.status = ImportJob.Status.RUNNING
        job.started_at = timezone.now()
        job.save()
        action = "import.start"
    audit_record(
        actor=started_by,
        action=action,
        target=f"import:{job.pk}",
        role_id=job.role_id,
        after={"rows": job.total, "done": job.done, "errors": job.error_count},
        summary=f"CSV import #{job.pk} {'started' if action == 'import.start' else 'resumed'}",
    )
    outbox.enqueue(IMPORT_TASK, job.pk)
    return job


def import_run(*, job_id: int, time_budget_s: float | None = TASK_TIME_BUDGET_S) -> None:
    """Import the job's remaining rows batch by batch. Past the time budget the rest goes to
    a fresh task, so no task runs into Celery's time limit whatever the file's size."""
    started = time.monotonic()
    while import_run_batch(job_id=job_id):
        if time_budget_s is not None and time.monotonic() - started > time_budget_s:
            with transaction.atomic():
                outbox.enqueue(IMPORT_TASK, job_id)
            return


@transaction.atomic
def import_run_batch(*, job_id: int) -> bool:
    """Import the job's next batch; True while rows remain. The job row is locked, so two
    workers given the same job take turns and never import a batch twice."""
    job = (
        ImportJob.objects.select_for_update(of=("self",))
        .select_related("requested_by")
        .defer("source_text")
        .filter(pk=job_id)
        .first()
    )
    if job is None or job.status != ImportJob.Status.RUNNING:
        return False
    role = Role.objects.select_for_update().get(pk=job.role_id)  # cannot close mid-batch
    if not role.is_open:
        _finish(job, ImportJob.Status.STOPPED, f"“{role.title}” was closed during the import.")
        return False
    batch = job.rows[job.done : job.done + IMPORT_BATCH]
    if batch:
        for attempt in range(2):
            try:
                with transaction.atomic():
                    _import_batch(job, role, batch)
                break
            except IntegrityError:
                # Someone added one of these addresses (or applications) a moment ago: the
                # savepoint is gone, look them up again and redo the batch.
                if attempt:
                    raise
        job.done += len(batch)
        job.progressed_at = timezone.now()
    if job.done >= job.total:
        _finish(job, ImportJob.Status.DONE, "")
        return False
    job.save(update_fields=["done", "imported", "linked", "emailed", "problems", "progressed_at"])
    return True


def _finish(job: ImportJob, status: str, reason: str) -> None:
    """Close the job; the file's text and the rows to import are personal data we no longer
    need (the rows not imported stay, for their list)."""
    job.status = status
    job.stop_reason = reason
    job.finished_at = timezone.now()
    job.rows = []
    job.source_text = ""
    job.save()
    audit_record(
        actor=job.requested_by,
        action="import.finish" if status == ImportJob.Status.DONE else "import.stop",
        target=f"import:{job.pk}",
        role_id=job.role_id,
        after={
            "imported": job.imported,
            "linked": job.linked,
            "errors": job.error_count,
            "skipped": job.skipped_count,
        },
        summary=f"CSV import #{job.pk} {'finished' if status == 'done' else 'stopped'}",
    )


def _import_batch(job: ImportJob, role: Role, batch: list[list]) -> None:
    rows = [parsing.CleanRow(*row) for row in batch]
    known = known_candidates([row.email for row in rows])
    in_role = stages_in_role(role, [candidate.pk for candidate in known.values()])
    now = timezone.now()
    consent_source = (
        f"Consent column of CSV import #{job.pk}, recorded by "
        f"{display_name(job.requested_by) if job.requested_by else 'a recruiter'}"
    )[:200]
    plan: list[tuple[parsing.CleanRow, Candidate, bool]] = []
    new: list[Candidate] = []
    changed: list[Candidate] = []
    problems: list[dict] = []
    for row in rows:
        candidate = known.get(row.email.lower())
        if candidate is None:
            candidate = Candidate(
                name=row.name,
                email=row.email,
                phone=row.phone,
                source=Candidate.Source.SOURCED,
                consent_to_contact=row.consent,
                consent_given_at=now if row.consent else None,
                consent_source=consent_source if row.consent else "",
            )
            new.append(candidate)
            plan.append((row, candidate, False))
        elif candidate.is_erased:
            problems.append(asdict(parsing.RowProblem(row.row, ERASED_ROW, row_cells(row))))
        elif candidate.pk in in_role:
            problems.append(asdict(already_in_role(row, in_role[candidate.pk])))
        else:
            # As when a recruiter adds them by hand: never overwrite, add what is new.
            if (row.phone and not candidate.phone) or (
                row.consent and not candidate.consent_to_contact
            ):
                candidate.phone = candidate.phone or row.phone
                if row.consent and not candidate.consent_to_contact:
                    candidate.consent_to_contact = True
                    candidate.consent_given_at = now
                    candidate.consent_source = consent_source
                changed.append(candidate)
            plan.append((row, candidate, True))
    Candidate.objects.bulk_create(new)
    if changed:
        Candidate.objects.bulk_update(
            changed, ["phone", "consent_to_contact", "consent_given_at", "consent_source"]
        )
    applications = Application.objects.bulk_create(
        Application(
            candidate=candidate,
            role=role,
            added_by_id=job.requested_by_id,
            source=Application.Source.RECRUITER,
        )
        for _, candidate, _ in plan
    )
    _record(job, role, plan, applications)
    emit_application_created(applications)
    to_email = [
        application.pk
        for application, (_, candidate, _) in zip(applications, plan, strict=True)
        if candidate.consent_to_contact
    ]
    if to_email:
        outbox.enqueue(ACK_TASK, to_email)
    job.imported += len(plan)
    job.linked += sum(1 for _, _, existed in plan if existed)
    job.emailed += len(to_email)
    job.problems = job.problems + problems


def _record(job: ImportJob, role: Role, plan: list, applications: list[Application]) -> None:
    """The timeline event and the audit row of each imported application, in two inserts."""
    events, entries = [], []
    for application, (row, candidate, existed) in zip(applications, plan, strict=True):
        existing = " (existing candidate)" if existed else ""
        events.append(
            ApplicationEvent(
                application=application,
                kind=ApplicationEvent.Kind.CREATED,
                actor_id=job.requested_by_id,
                message=f"Added to {role.title} by CSV import #{job.pk} (row {row.row}){existing}"[
                    :500
                ],
            )
        )
        entries.append(
            audit_entry(
                actor=job.requested_by,
                action="application.create",
                target=f"application:{application.pk}",
                role_id=role.pk,
                candidate_id=candidate.pk,
                after={"stage": application.stage, "import": job.pk, "row": row.row},
                summary=f"Candidate #{candidate.pk} added to role #{role.pk} by CSV import "
                f"#{job.pk}{existing}",
            )
        )
    ApplicationEvent.objects.bulk_create(events)
    AuditEntry.objects.bulk_create(entries)


def import_send_acknowledgements(*, application_ids: list[int]) -> int:
    """The acknowledgement email of each imported application (the same email, once per
    application, as when a recruiter adds someone by hand). Returns how many were sent."""
    return sum(
        application_send_acknowledgement(application_id=application_id)
        for application_id in application_ids
    )


def import_jobs_purge(*, now=None) -> int:
    """What an upload held about people (its text, rows, and the rows that were not imported)
    is kept IMPORT_KEEP_DAYS after the job was made, for the recruiter to fix and re-upload,
    then emptied (the daily retention task). The counts stay. Returns how many jobs."""
    from datetime import timedelta

    from django.conf import settings

    cutoff = (now or timezone.now()) - timedelta(days=settings.PASSIONHIRE["IMPORT_KEEP_DAYS"])
    stale = ImportJob.objects.filter(created_at__lt=cutoff).exclude(
        source_text="", rows=[], problems=[], header=[], file_name=""
    )
    return stale.update(source_text="", rows=[], problems=[], header=[], file_name="")
