"""The CSV import pages: upload, columns, preview, start, progress, the problems CSV, and
candidate search that opens the candidate."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from candidates import services
from candidates.models import Application, ImportJob
from tests.factories import ApplicationFactory, CandidateFactory, RoleFactory


def csv_file(text: str | bytes, name="people.csv"):
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


@pytest.fixture
def signed_in(client, recruiter):
    client.force_login(recruiter)
    return client


def test_a_recruiter_uploads_maps_previews_and_imports(
    signed_in, role, django_capture_on_commit_callbacks
):
    text = (
        "Full name;E-mail;Mobile;Notes;Opt-in\r\n"
        "Ann Lee;ann@example.com;020 7946 0958;likes tea;yes\r\n"
        '=HYPERLINK("http://evil");evil@example.com;;;yes\r\n'
        "Ann Again;ann@example.com;;;no\r\n"
    )
    response = signed_in.post(
        reverse("candidates:import_upload", args=[role.pk]), {"file": csv_file(text)}
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"/imports/{job.pk}/columns/")
    page = signed_in.get(response.url)
    assert page.status_code == 200
    assert "Which column holds what?" in page.content.decode()
    response = signed_in.post(
        reverse("candidates:import_mapping", args=[job.pk]),
        {"name": "0", "email": "1", "phone": "2", "consent": "4"},
    )
    assert response.url == reverse("candidates:import_preview", args=[job.pk])
    body = signed_in.get(response.url).content.decode()
    assert "Nothing has been saved yet" in body
    assert "same email address as row 2" in body
    assert "formula" in body
    problems = signed_in.get(reverse("candidates:import_errors", args=[job.pk]))
    rows = list(csv.reader(io.StringIO(problems.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows] == ["row", "3", "4"]
    # No cell comes back as a formula: the bad one is neutralised with an apostrophe.
    assert all(cell[:1] not in "=+-@" or not cell for row in rows for cell in row)
    assert rows[1][3].startswith("'=HYPERLINK")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(reverse("candidates:import_start", args=[job.pk]))
    assert response.url == reverse("candidates:import_detail", args=[job.pk])
    body = signed_in.get(response.url).content.decode()
    assert "Rows not imported" in body
    assert Application.objects.filter(role=role, candidate__email="ann@example.com").exists()
    assert Application.objects.filter(role=role).count() == 1


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "The submitted file is empty"),
        ("name,email\r\nJosé,j@example.com\r\n".encode("latin-1"), "not UTF-8"),
        (b"Ann,ann@example.com\r\n", "header line"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "not a CSV"),
    ],
)
def test_bad_files_come_back_as_form_errors_never_a_500(signed_in, role, data, says):
    response = signed_in.post(
        reverse("candidates:import_upload", args=[role.pk]), {"file": csv_file(data)}
    )
    assert response.status_code == 422
    assert says in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_over_the_limit_is_a_form_error_and_a_huge_body_a_413(signed_in, role, settings):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "IMPORT_MAX_MB": 1}
    big = b"name,email\r\n" + b"Person,p@example.com\r\n" * 60_000  # 1.3 MB
    response = signed_in.post(
        reverse("candidates:import_upload", args=[role.pk]), {"file": csv_file(big)}
    )
    assert response.status_code == 422
    assert "largest we import is 1 MB" in response.content.decode()
    huge = b"name,email\r\n" + b"x" * (8 * 1024 * 1024)  # past every upload limit
    response = signed_in.post(
        reverse("candidates:import_upload", args=[role.pk]), {"file": csv_file(huge)}
    )
    assert response.status_code == 413
    assert not ImportJob.objects.exists()


def test_a_closed_role_takes_no_import(signed_in, role, recruiter):
    services.role_set_status(role=role, status="closed", changed_by=recruiter)
    response = signed_in.get(reverse("candidates:import_upload", args=[role.pk]))
    assert response.status_code == 302
    response = signed_in.post(
        reverse("candidates:import_upload", args=[role.pk]),
        {"file": csv_file("name,email\r\nAnn,ann@example.com\r\n")},
    )
    assert response.status_code == 422
    assert "is closed" in response.content.decode()


def test_the_progress_bar_polls_while_running_and_reloads_when_done(signed_in, role, recruiter):
    data = "name,email\r\n" + "".join(f"P {i},p{i}@example.com\r\n" for i in range(600))
    job = services.import_upload(
        role=role, uploaded_by=recruiter, file_name="a.csv", data=data.encode()
    )
    services.import_start(job=job, started_by=recruiter)  # queued; no worker runs it here
    services.import_run_batch(job_id=job.pk)
    page = signed_in.get(reverse("candidates:import_detail", args=[job.pk])).content.decode()
    assert 'value="500"' in page
    assert 'max="600"' in page
    assert signed_in.get(reverse("candidates:import_progress", args=[job.pk])).status_code == 200
    while services.import_run_batch(job_id=job.pk):
        pass
    response = signed_in.get(reverse("candidates:import_progress", args=[job.pk]))
    assert response["HX-Refresh"] == "true"


# --- Search ----------------------------------------------------------------------------------


@pytest.fixture
def people(role):
    ann = CandidateFactory(name="Ann Lee", email="ann.lee@example.com", phone="+447700900123")
    first = ApplicationFactory(candidate=ann, role=role)
    second = ApplicationFactory(candidate=ann, role=RoleFactory(title="Night Shift Lead"))
    CandidateFactory(name="Bo Diaz", email="bo@example.org", phone="+4915112345678")
    return ann, first, second


@pytest.mark.parametrize(
    "query",
    [
        "ann lee",
        "ANN.LEE@EXAMPLE",
        "07700 900123",
        "+44 7700 900 123",
        "0044 7700 900123",
        "900123",
    ],
)
def test_search_finds_by_name_email_or_phone_and_opens_each_application(signed_in, people, query):
    ann, first, second = people
    body = signed_in.get(reverse("candidates:candidate_list"), {"q": query}).content.decode()
    assert "Ann Lee" in body
    assert "Bo Diaz" not in body
    for application in (first, second):
        assert reverse("hiring:application_detail", args=[application.pk]) in body
    assert "Night Shift Lead" in body
    assert "Applied" in body


def test_a_short_or_wordy_query_is_not_read_as_a_phone_number(signed_in, people):
    body = signed_in.get(reverse("candidates:candidate_list"), {"q": "44"}).content.decode()
    assert "Nobody matches" in body


def test_search_runs_the_same_queries_for_few_and_many_results(
    signed_in, role, django_assert_num_queries
):
    for i in range(30):
        ApplicationFactory(role=role, candidate=CandidateFactory(name=f"Sam {i}"))
    url = reverse("candidates:candidate_list")
    signed_in.get(url)  # the session warmed up
    # session, user and their groups, the count, one page of candidates, their
    # applications with roles
    with django_assert_num_queries(6):
        signed_in.get(url, {"q": "Sam"})
    with django_assert_num_queries(6):
        signed_in.get(url, {"q": "Sam 1"})
