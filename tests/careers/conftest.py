"""Fixtures for the careers site: a published role with knock-out questions, CV files."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from candidates.models import KnockoutQuestion
from tests.factories import RoleFactory

# The smallest file a PDF reader opens: header, one empty page, trailer.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def docx_bytes(document: bytes = b"<w:document/>", extra: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def open_role(db):
    """A published role asking two knock-out questions (a "no" to weekends rules one out)."""
    role = RoleFactory(title="Customer Hero", team="Care", published_at=timezone.now())
    KnockoutQuestion.objects.create(
        role=role, text="Can you work weekends?", disqualifying_answer="no", position=1
    )
    KnockoutQuestion.objects.create(
        role=role, text="Do you need a visa sponsor?", disqualifying_answer="yes", position=2
    )
    return role


@pytest.fixture
def application_form(open_role):
    """The POST of a complete, passing application to `open_role`."""
    questions = list(open_role.knockout_questions.order_by("position"))

    def build(**changes) -> dict:
        data = {
            "name": "Ada Applicant",
            "email": "ada@example.com",
            "phone": "020 7946 0958",
            "consent": "on",
            "website": "",
            f"knockout_{questions[0].pk}": "yes",
            f"knockout_{questions[1].pk}": "no",
        }
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    build.questions = questions
    return build
