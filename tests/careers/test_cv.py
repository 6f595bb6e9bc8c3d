"""CVs: PDF or DOCX judged by their bytes, within the size limit, never active content or a
zip bomb; kept in the private storage with the application, and nowhere without one."""

import pytest
from django.urls import reverse

from candidates.models import Application
from tests.careers.conftest import PDF, docx_bytes, upload

pytestmark = pytest.mark.django_db


def post_cv(client, role, form, cv):
    return client.post(reverse("careers:apply", args=[role.pk]), {**form(), "cv": cv})


def stored_files(settings) -> list:
    folder = settings.STORAGES["private"]["OPTIONS"]["location"]
    import pathlib

    return [p for p in pathlib.Path(folder).rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("My CV.pdf", PDF),
        ("cv.docx", docx_bytes()),
        ("cv-without-extension", PDF),  # the content decides, not the name
    ],
)
def test_a_pdf_or_docx_cv_is_kept_privately_with_the_application(
    client, settings, open_role, application_form, name, data
):
    response = post_cv(client, open_role, application_form, upload(name, data, "text/plain"))
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.cv_name == name
    assert application.cv.name.startswith("cv/")
    assert name not in application.cv.name  # the given name is never a path
    with application.cv.open("rb") as kept:
        assert kept.read() == data
    (path,) = stored_files(settings)
    assert str(path).endswith(application.cv.name)


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("cv.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "neither"),  # a .exe renamed .pdf
        ("cv.pdf", b"plain text pretending", "neither"),
        ("cv.docx", b"PK\x03\x04 broken zip", "neither"),
        (
            "cv.pdf",
            PDF.replace(
                b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>"
            ),
            "scripts",
        ),
        (
            "cv.pdf",
            PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/J#61vaScript>>"),
            "scripts",
        ),
        ("cv.docx", docx_bytes(b"<w:document/>" + b" " * (60 * 1024 * 1024)), "unpacks"),
        ("cv.docx", docx_bytes(extra={"word/x.xml": b"0" * (3 * 1024 * 1024)}), "unpacks"),
        ("cv.zip", docx_bytes().replace(b"word/document.xml", b"word/somethings.xml"), "neither"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_file_that_is_not_a_safe_cv_is_refused_and_nothing_is_kept(
    client, settings, open_role, application_form, name, data, error
):
    response = post_cv(client, open_role, application_form, upload(name, data))
    assert response.status_code == 422
    assert error in response.content.decode()
    assert not Application.objects.exists()
    assert stored_files(settings) == []


def test_a_cv_over_the_limit_is_refused_with_the_limit_named(
    client, settings, open_role, application_form
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "CV_MAX_MB": 1}
    big = PDF + b"%" * (1024 * 1024)
    response = post_cv(client, open_role, application_form, upload("big.pdf", big))
    assert response.status_code == 422
    assert "larger than 1 MB" in response.content.decode()
    assert not Application.objects.exists()


def test_a_50_mb_upload_is_refused_before_it_is_read(client, open_role, application_form):
    huge = upload("huge.pdf", PDF + b"0" * (50 * 1024 * 1024))
    response = post_cv(client, open_role, application_form, huge)
    assert response.status_code == 413
    assert "5 MB" in response.content.decode()
    assert not Application.objects.exists()
