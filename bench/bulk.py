"""Bulk work at scale: a CSV import of 10,000 candidates to a role, then a bulk rejection of
every one of them (everything matching the filter) with its courteous emails.

    .venv/bin/python bench/bulk.py [--rows 10000]
    DATABASE_URL=postgres://… .venv/bin/python bench/bulk.py

On a throwaway database (SQLite in memory, or a test copy of DATABASE_URL's PostgreSQL): builds
a CSV of N rows (every 10th agreeing to email, every 3rd with a phone number, 1 in 100 bad, 1 in
50 a person we already hold), then times the upload (decode, read, guess columns), the start
(every row checked, the good ones kept on the job) and the job itself (`import_run`, batches of
IMPORT_BATCH, each one transaction). Counts the statements that do work (BEGIN, COMMIT and
savepoints left out) during the job, per 1,000 rows. Acknowledgement emails are only queued
(one outbox message per batch); a worker sends them. Then the imported applications are
rejected with one bulk job (`bulk_run`, batches of 500: decisions, events, audit rows and the
held rejection emails written in bulk), its statements counted per 1,000 rows, and the
rejection emails of those who agreed to email are rendered from their template and sent
(in-memory backend), timed apart. Prints a table; the last line is JSON.
"""

import argparse
import json
import sys
import time

import _django

_django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from candidates import services  # noqa: E402
from candidates.bulk import services as bulk  # noqa: E402
from candidates.imports.services import IMPORT_BATCH  # noqa: E402
from candidates.models import Application, Candidate, Decision, ImportJob, Role  # noqa: E402
from passionhire.permissions import HIRING_MANAGER, RECRUITER  # noqa: E402

NOT_WORK = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def build_csv(rows: int) -> bytes:
    lines = ["name,email,phone,consent"]
    for i in range(rows):
        if i % 100 == 99:
            lines.append(f"Bad Row {i},not-an-address-{i},,yes")
            continue
        email = f"known{i}@bench.example" if i % 50 == 1 else f"person{i}@bench.example"
        phone = f"+44 20 7946 {i % 10000:04d}" if i % 3 == 0 else ""
        lines.append(f"Person {i},{email},{phone},{'yes' if i % 10 == 0 else 'no'}")
    return ("\r\n".join(lines) + "\r\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    options = parser.parse_args()
    User = get_user_model()
    recruiter = User.objects.create(username="bench-recruiter")
    recruiter.groups.add(Group.objects.get_or_create(name=RECRUITER)[0])
    manager = User.objects.create(username="bench-hm")
    manager.groups.add(Group.objects.get_or_create(name=HIRING_MANAGER)[0])
    role = Role.objects.create(title="Bench role", team="Bench", hiring_manager=manager)
    Candidate.objects.bulk_create(
        Candidate(name=f"Known {i}", email=f"known{i}@bench.example")
        for i in range(1, options.rows, 50)
    )
    data = build_csv(options.rows)

    started = time.perf_counter()
    job = services.import_upload(role=role, uploaded_by=recruiter, file_name="bench.csv", data=data)
    uploaded = time.perf_counter()
    job = services.import_start(job=job, started_by=recruiter)
    checked = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        services.import_run(job_id=job.pk, time_budget_s=None)
    finished = time.perf_counter()

    job = ImportJob.objects.get(pk=job.pk)
    work = [q for q in queries if not q["sql"].split('"')[0].strip().startswith(NOT_WORK)]
    per_1000 = 1000 * len(work) / options.rows
    imported = Application.objects.filter(role=role).count()
    assert imported == job.imported, (imported, job.imported)
    # Everything matching the filter "Applied": rejected in one bulk job.
    selection = list(Application.objects.filter(role=role).values_list("pk", "stage"))
    reject_started = time.perf_counter()
    bulk_job = bulk.bulk_start(
        role=role,
        kind="reject",
        reason="The role was filled.",
        selection=selection,
        actor=recruiter,
    )
    with CaptureQueriesContext(connection) as reject_queries:
        bulk.bulk_run(job_id=bulk_job.pk)
    reject_finished = time.perf_counter()
    rejected = Application.objects.filter(role=role, stage="rejected").count()
    assert rejected == len(selection), (rejected, len(selection))
    emailed = Decision.objects.filter(bulk_job=bulk_job, email_outbox_id__isnull=False)
    emails_started = time.perf_counter()
    sent = sum(
        services.decision_send_rejection_email(decision_id=pk)
        for pk in emailed.values_list("pk", flat=True)
    )
    emails_finished = time.perf_counter()
    reject_work = [
        q for q in reject_queries if not q["sql"].split('"')[0].strip().startswith(NOT_WORK)
    ]
    result = {
        "db": connection.vendor,
        "rows": options.rows,
        "imported": job.imported,
        "linked": job.linked,
        "not_imported": job.error_count + job.skipped_count,
        "acknowledgements_queued": job.emailed,
        "batch": IMPORT_BATCH,
        "upload_s": round(uploaded - started, 2),
        "check_s": round(checked - uploaded, 2),
        "run_s": round(finished - checked, 2),
        "import_s": round(finished - started, 2),
        "import_queries": len(work),
        "import_queries_per_1000": round(per_1000, 1),
        "queries_per_batch": round(len(work) / -(-options.rows // IMPORT_BATCH), 1),
        "rejected": rejected,
        "bulk_reject_s": round(reject_finished - reject_started, 2),
        "queries_per_1000": round(1000 * len(reject_work) / rejected, 1),
        "reject_queries_per_batch": round(len(reject_work) / -(-rejected // bulk.BATCH), 1),
        "rejection_emails_sent": sent,
        "rejection_emails_s": round(emails_finished - emails_started, 2),
    }
    width = max(len(key) for key in result)
    for key, value in result.items():
        print(f"{key:<{width}}  {value}")
    print(json.dumps(result))


if __name__ == "__main__":
    try:
        main()
    finally:
        _django.teardown()
    sys.exit(0)
