"""CSV import of candidates to a role: reading the file, the dry run, and the job."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from candidates import services
from candidates.imports import parsing
from candidates.imports.selectors import import_preview
from candidates.models import Application, ApplicationEvent, Candidate, ImportJob, erased_email
from passionhire.models import AuditEntry, OutboxMessage
from tests.factories import ApplicationFactory, CandidateFactory


def csv_bytes(rows, header="name,email,phone,consent", *, bom=False) -> bytes:
    text = "\r\n".join([header, *rows]) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode()


def upload(role, recruiter, data: bytes, name="people.csv") -> ImportJob:
    return services.import_upload(role=role, uploaded_by=recruiter, file_name=name, data=data)


def run(job, recruiter, capture) -> ImportJob:
    with capture(execute=True):
        services.import_start(job=job, started_by=recruiter)
    job.refresh_from_db()
    return job


def test_a_utf8_file_with_bom_is_read_and_its_columns_guessed(role, recruiter):
    job = upload(role, recruiter, csv_bytes(["Zoë Brontë,zoe@example.com,,yes"], bom=True))
    assert job.header == ["name", "email", "phone", "consent"]
    assert job.mapping == {"name": 0, "email": 1, "phone": 2, "consent": 3}
    assert job.source_text.startswith("name,")  # the BOM is gone


def test_headers_are_guessed_whatever_their_spelling():
    mapping = parsing.guess_mapping(["E-mail Address", "Full name", "Mobile", "Opt-in", "Notes"])
    assert mapping == {"name": 1, "email": 0, "phone": 2, "consent": 3}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        ("name,email\r\nJosé,jose@example.com\r\n".encode("cp1252"), "not UTF-8"),
        ("name,email\r\nJosé,j@example.com\r\n".encode("utf-16"), "UTF-16"),
        (b"PK\x03\x04\x14\x00\x06\x00rest-of-a-workbook", "workbook"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "not a CSV"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV"),
        (b"Ann Lee,ann@example.com,yes\r\nBo Diaz,bo@example.com,no\r\n", "header line"),
        (b"name,email\r\n", "no candidate rows"),
        (b",,,\r\nAnn,ann@example.com\r\n", "first line is empty"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_what_to_do(role, recruiter, data, says):
    with pytest.raises(ValidationError) as error:
        upload(role, recruiter, data)
    assert says in " ".join(error.value.messages)
    assert not ImportJob.objects.exists()


def test_a_file_past_the_size_limit_is_refused(role, recruiter, settings):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "IMPORT_MAX_MB": 1}
    data = csv_bytes([f"Person {i},p{i}@example.com,,yes" for i in range(40_000)])
    assert len(data) > 1024 * 1024
    with pytest.raises(ValidationError, match="largest we import is 1 MB"):
        upload(role, recruiter, data)


def test_a_closed_role_takes_no_import(role, recruiter):
    services.role_set_status(role=role, status="closed", changed_by=recruiter)
    with pytest.raises(ValidationError, match="closed"):
        upload(role, recruiter, csv_bytes(["Ann Lee,ann@example.com,,yes"]))


def test_the_mapping_needs_name_and_email_and_each_column_once(role, recruiter):
    job = upload(role, recruiter, csv_bytes(["Ann Lee,ann@example.com,,yes"]))
    with pytest.raises(ValidationError):
        services.import_set_mapping(
            job=job, mapping={"name": 0, "email": None}, changed_by=recruiter
        )
    with pytest.raises(ValidationError, match="only one field"):
        services.import_set_mapping(job=job, mapping={"name": 0, "email": 0}, changed_by=recruiter)
    with pytest.raises(ValidationError):
        services.import_set_mapping(job=job, mapping={"name": 0, "email": 9}, changed_by=recruiter)


def test_the_dry_run_reports_row_errors_and_duplicates_and_writes_nothing(role, recruiter):
    elsewhere = CandidateFactory(email="Known@Example.com")
    in_role = ApplicationFactory(role=role, candidate=CandidateFactory(email="here@example.com"))
    rows = [
        "Ann Lee,ann@example.com,+44 20 7946 0958,yes",  # row 2: new
        "Known Person,known@example.com,,no",  # row 3: existing candidate elsewhere
        "Here Again,HERE@example.com,,yes",  # row 4: already in this role
        "Ann Again,ANN@example.com,,no",  # row 5: repeats row 2
        ",nobody@example.com,,yes",  # row 6: no name
        "Bad Mail,not-an-address,,yes",  # row 7
        '"=HYPERLINK(""http://x"")",evil@example.com,,yes',  # row 8: formula
        f"Erased,{erased_email(99)},,yes",  # row 9: an erased candidate's address
        "Odd Consent,odd@example.com,,perhaps",  # row 10
        "",  # row 11: blank, passed over
        "Bad Phone,phone@example.com,12,yes",  # row 12
    ]
    job = upload(role, recruiter, csv_bytes(rows))
    before = (Candidate.objects.count(), Application.objects.count())
    preview = import_preview(job)
    assert [row.row for row in preview.new] == [2]
    assert [row.row for row in preview.linked] == [3]
    assert [(p.row, p.kind) for p in preview.skipped] == [(4, "skipped")]
    assert "Already in this role" in preview.skipped[0].message
    errors = {p.row: p.message for p in preview.errors}
    assert sorted(errors) == [5, 6, 7, 8, 9, 10, 12]
    assert "same email address as row 2" in errors[5]
    assert "name is missing" in errors[6]
    assert "not valid" in errors[7]
    assert "formula" in errors[8]
    assert "erased" in errors[9]
    assert "yes or no" in errors[10]
    assert "phone" in errors[12]
    assert (Candidate.objects.count(), Application.objects.count()) == before
    assert elsewhere.pk
    assert in_role.pk


@pytest.mark.parametrize("cell", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "  =1+2", "\t=1"])
def test_formula_cells_are_refused_in_every_field(cell):
    for field in ("name", "email", "consent"):
        cells = {"name": "Ann", "email": "ann@example.com", "phone": "", "consent": "yes"}
        cells[field] = cell
        assert isinstance(parsing.clean_row(2, cells), parsing.RowProblem), (field, cell)


def test_a_phone_number_with_a_plus_is_a_number_not_a_formula():
    cells = {"name": "Ann", "email": "ann@example.com", "phone": "+44 20 7946 0958", "consent": ""}
    row = parsing.clean_row(2, cells)
    assert isinstance(row, parsing.CleanRow)
    assert row.phone == "+442079460958"
    cells["phone"] = "+1+cmd|' /C calc'!A0"
    assert isinstance(parsing.clean_row(2, cells), parsing.RowProblem)


def test_the_import_adds_good_rows_links_known_people_and_emails_only_with_consent(
    role, recruiter, django_capture_on_commit_callbacks
):
    known = CandidateFactory(email="known@example.com", phone="", consent_to_contact=False)
    rows = [
        "Ann Lee,ann@example.com,020 7946 0958,yes",
        "Bo Diaz,bo@example.com,,no",
        "Known Person,KNOWN@example.com,+44 20 7946 0959,yes",
        "Bad Row,nope,,yes",
    ]
    job = run(
        upload(role, recruiter, csv_bytes(rows)), recruiter, django_capture_on_commit_callbacks
    )
    assert job.status == ImportJob.Status.DONE
    assert (job.imported, job.linked, job.emailed, job.error_count) == (3, 1, 2, 1)
    assert job.rows == []
    assert job.source_text == ""
    assert [p["row"] for p in job.problems] == [5]
    applications = Application.objects.filter(role=role).select_related("candidate")
    assert {a.candidate.email for a in applications} == {
        "ann@example.com",
        "bo@example.com",
        "known@example.com",
    }
    assert {a.source for a in applications} == {Application.Source.RECRUITER}
    assert {a.added_by for a in applications} == {recruiter}
    ann = Candidate.objects.get(email="ann@example.com")
    assert ann.phone == "+442079460958"
    assert ann.consent_to_contact
    assert f"CSV import #{job.pk}" in ann.consent_source
    known.refresh_from_db()
    assert known.phone == "+442079460959"
    assert known.consent_to_contact
    assert Candidate.objects.filter(email__iexact="known@example.com").count() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.com", "known@example.com"]
    events = ApplicationEvent.objects.filter(application__role=role, kind="created")
    assert events.count() == 3
    assert all(f"CSV import #{job.pk}" in event.message for event in events)
    audits = AuditEntry.objects.filter(action="application.create", role_id=role.pk)
    assert {entry.after["import"] for entry in audits} == {job.pk}
    assert AuditEntry.objects.filter(action="import.finish", target=f"import:{job.pk}").exists()


def test_five_thousand_rows_with_three_hundred_bad_import_the_good_ones(
    role, recruiter, django_capture_on_commit_callbacks
):
    rows, bad_rows = [], set()
    for i in range(5000):
        if i % 50 == 7 or i % 50 == 31 or i % 250 == 3:  # 100 + 100 + 20 ...
            rows.append(f"Bad {i},not-an-email-{i},,yes")
            bad_rows.add(i + 2)
        elif i % 125 == 11:  # ... + 40 formula cells
            rows.append(f"=cmd{i},f{i}@example.com,,no")
            bad_rows.add(i + 2)
        elif i % 125 == 99:  # ... + 40 repeats of an earlier address
            rows.append(f"Twin {i},p{i - 90}@example.com,,no")
            bad_rows.add(i + 2)
        else:
            rows.append(f"Person {i},p{i}@example.com,,{'yes' if i % 2 else 'no'}")
    assert len(bad_rows) == 300
    job = run(
        upload(role, recruiter, csv_bytes(rows)), recruiter, django_capture_on_commit_callbacks
    )
    assert job.status == ImportJob.Status.DONE
    assert job.imported == 4700
    assert {p["row"] for p in job.problems} == bad_rows
    assert Application.objects.filter(role=role).count() == 4700


def test_a_batch_run_twice_or_a_job_rerun_imports_nobody_twice(
    role, recruiter, django_capture_on_commit_callbacks
):
    rows = [f"Person {i},p{i}@example.com,,no" for i in range(1200)]
    job = upload(role, recruiter, csv_bytes(rows))
    services.import_start(job=job, started_by=recruiter)  # the task is never run here
    assert services.import_run_batch(job_id=job.pk)  # one batch, then the worker "dies"
    assert Application.objects.filter(role=role).count() == 500
    # The job is resumed (a recruiter presses Resume, or the relay delivers it again) ...
    job.refresh_from_db()
    assert job.done == 500
    assert job.is_running
    with django_capture_on_commit_callbacks(execute=True):
        services.import_start(job=job, started_by=recruiter)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.imported == 1200
    # ... and the same file imported again passes everyone over.
    again = run(
        upload(role, recruiter, csv_bytes(rows)), recruiter, django_capture_on_commit_callbacks
    )
    assert again.imported == 0
    assert again.skipped_count == 1200
    assert Application.objects.filter(role=role).count() == 1200
    assert Candidate.objects.count() == 1200


def test_a_role_closed_mid_import_stops_the_job_after_its_last_batch(
    role, recruiter, django_capture_on_commit_callbacks
):
    job = upload(role, recruiter, csv_bytes([f"P {i},p{i}@example.com,,no" for i in range(900)]))
    services.import_start(job=job, started_by=recruiter)
    services.import_run_batch(job_id=job.pk)
    services.role_set_status(role=role, status="closed", changed_by=recruiter)
    assert not services.import_run_batch(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.STOPPED
    assert "closed" in job.stop_reason
    assert Application.objects.filter(role=role).count() == 500
    with pytest.raises(ValidationError, match="finished"):
        services.import_start(job=job, started_by=recruiter)


def work(queries) -> list[str]:
    """Statements that do work (savepoints left out: they are the per-batch retry's)."""
    return [q["sql"] for q in queries if not q["sql"].split('"')[0].strip().endswith("SAVEPOINT")]


def test_a_batch_queries_the_database_a_constant_number_of_times(role, recruiter):
    # One known person, whose consent (row 4 says yes) is added in the batch.
    CandidateFactory(email="p3@example.com", consent_to_contact=False)
    rows = [f"Person {i},p{i}@example.com,,{'yes' if i % 2 else 'no'}" for i in range(1000)]
    job = upload(role, recruiter, csv_bytes(rows))
    services.import_start(job=job, started_by=recruiter)
    # Lock the job and the role, look up addresses and the role's applications, insert
    # candidates, update known ones, insert applications, events, audit rows and one outbox
    # message, look up the webhook endpoints (none here), save the job.
    with CaptureQueriesContext(connection) as queries:
        services.import_run_batch(job_id=job.pk)
    assert len(work(queries)) == 12, work(queries)
    with CaptureQueriesContext(connection) as queries:  # the second, last batch finishes
        services.import_run_batch(job_id=job.pk)
    # No known address in it (no lookup of applications, no update), and the audit row of
    # the finish.
    assert len(work(queries)) == 12 - 2 + 1, work(queries)
    # One acknowledgement message per batch, for the rows that agreed to email.
    assert OutboxMessage.objects.filter(task__contains="acknowledgements").count() == 2


def test_an_erased_candidate_found_by_address_is_not_imported(
    role, recruiter, django_capture_on_commit_callbacks
):
    gone = CandidateFactory(email="gone@example.com")
    Candidate.objects.filter(pk=gone.pk).update(erased_at="2026-01-01T00:00:00Z")
    job = run(
        upload(role, recruiter, csv_bytes(["Gone,gone@example.com,,yes"])),
        recruiter,
        django_capture_on_commit_callbacks,
    )
    assert job.imported == 0
    assert "erased" in job.problems[0]["message"]
