"""The adverse-impact report as a PDF for the compliance file: the same numbers and the same
suppression as the page and the CSV, Compliance only, bad filters answered plainly, every
opening audited, and WeasyPrint never reaching anything but our static files."""

import io
import sys

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hiring.fairness import pdf
from passionhire.models import AuditEntry
from tests.fairness.test_adverse_impact_report import people

PDF = reverse("hiring:fairness_report_pdf")
CSV = reverse("hiring:fairness_report_csv")


def text_of(response) -> str:
    """The PDF's text, whitespace folded (table cells and line breaks become single spaces)."""
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def planted(role):
    """75 % of men and 25 % of women past the first step; three non-binary people."""
    people(role, "Man", moved_on=30, rejected=10)
    people(role, "Woman", moved_on=10, rejected=30)
    people(role, "Non-binary", moved_on=2, rejected=1)  # never shown


def test_compliance_downloads_a_pdf_with_the_flagged_step_and_the_scope(
    client, compliance, planted, role
):
    client.force_login(compliance)
    response = client.get(PDF, {"role": role.pk, "date_from": "2020-01-01"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="adverse-impact.pdf"'
    assert response.content.startswith(b"%PDF-")
    text = text_of(response)
    assert "Adverse-impact report" in text
    assert "Applied from 1 Jan 2020" in text
    assert role.title in text
    assert "Cora Compliance" in text  # who generated it
    assert "Findings" in text
    assert "Applied → Passion Test: Woman at 0.33 of the highest rate" in text
    assert "Page 1 of" in text  # the print stylesheet (a static file) was fetched and applied
    # The caveats come from docs/fairness.md.
    assert "What this report can and cannot conclude" in text
    assert "A flag is a reason to look, not a finding of discrimination." in text


def test_the_pdf_is_a4(client, compliance, planted):
    client.force_login(compliance)
    page = PdfReader(io.BytesIO(client.get(PDF).content)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # 210 x 297 mm in points


def test_a_group_of_three_is_never_shown_in_the_pdf(client, compliance, planted, role):
    # A later step that men reached and none of the three did: their 0 is hidden there too.
    people(role, "Man", moved_on=5, rejected=5, at="passion_test")
    client.force_login(compliance)
    text = text_of(client.get(PDF))
    assert "Passion Test → Interviews" in text
    # Every mention of the group is followed by the suppression, never by a count.
    mentions = text.split("Non-binary")[1:]
    assert mentions
    for after in mentions:
        assert after.lstrip().startswith("fewer than 5"), after[:60]
    # Nor can it be worked out from a total: 40 + 40 + 3 is nowhere.
    assert "43" not in text.split()


@pytest.mark.parametrize("user", ["recruiter", "hiring_manager", "employee"])
def test_nobody_without_compliance_downloads_the_pdf(client, request, planted, user):
    client.force_login(request.getfixturevalue(user))
    response = client.get(PDF)
    assert response.status_code == 403
    assert not response.content.startswith(b"%PDF")
    assert "Woman" not in response.content.decode()
    assert not AuditEntry.objects.filter(action="fairness.report").exists()


def test_a_reversed_range_is_refused_with_the_csvs_sentence(client, compliance, planted):
    client.force_login(compliance)
    reversed_range = {"date_from": "2026-06-01", "date_to": "2026-01-01"}
    response = client.get(PDF, reversed_range)
    assert response.status_code == 400
    assert response.content == client.get(CSV, reversed_range).content
    assert "The range ends before it starts: swap the two dates." in response.content.decode()
    for garbage in ({"date_from": "yesterday"}, {"role": "999999"}, {"role": "١"}):
        assert client.get(PDF, garbage).status_code == 400
    assert not AuditEntry.objects.filter(action="fairness.report").exists()


def test_an_empty_range_is_a_pdf_that_says_there_are_no_applications(client, compliance, planted):
    client.force_login(compliance)
    response = client.get(PDF, {"date_from": "2001-01-01", "date_to": "2001-01-31"})
    assert response.status_code == 200
    text = text_of(response)
    assert "No applications in this range have answers about their applicants yet." in text
    assert "Applied 1 Jan 2001 to 31 Jan 2001" in text
    assert "Woman" not in text


def test_every_pdf_opening_is_in_the_audit_log_with_its_slice(client, compliance, planted, role):
    client.force_login(compliance)
    client.get(PDF, {"role": role.pk, "date_to": "2030-12-31"})
    entry = AuditEntry.objects.get(action="fairness.report", actor=compliance)
    assert entry.after == {"format": "pdf", "from": None, "to": "2030-12-31", "role": role.pk}


def test_the_report_page_links_to_the_pdf_with_its_filters(client, compliance, planted, role):
    client.force_login(compliance)
    page = client.get(reverse("hiring:fairness_report"), {"role": role.pk}).content.decode()
    assert f'href="{PDF}?role={role.pk}"' in page
    assert "Download PDF" in page


def test_without_weasyprint_the_pdf_is_unavailable_not_an_error(
    client, compliance, planted, monkeypatch
):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` fails
    client.force_login(compliance)
    response = client.get(PDF)
    assert response.status_code == 503
    assert "cannot be made on this server" in response.content.decode()
    assert not AuditEntry.objects.filter(action="fairness.report").exists()


# --- WeasyPrint fetches nothing but our static files -------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/tracker.png",
        "http://127.0.0.1:6379/",
        "file:///etc/passwd",
        f"{pdf.STATIC_ORIGIN}/static/../../passionhire/settings.py",
        f"{pdf.STATIC_ORIGIN}/static/%2e%2e/%2e%2e/passionhire/settings.py",
        f"{pdf.STATIC_ORIGIN}/elsewhere/hiring/report-pdf.css",
        f"{pdf.STATIC_ORIGIN}/static/hiring/no-such-file.css",
        "data:text/css,body{}",
    ],
)
def test_the_fetcher_refuses_anything_but_a_static_file(url):
    with pytest.raises(ValueError, match="not"):
        pdf.static_only_fetcher().fetch(url)


def test_the_fetcher_serves_a_static_file():
    response = pdf.static_only_fetcher().fetch(f"{pdf.STATIC_ORIGIN}/static/hiring/report-pdf.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


def test_rendering_never_opens_a_connection(monkeypatch):
    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise AssertionError("WeasyPrint tried to open a connection")

    monkeypatch.setattr("socket.socket.connect", refuse)
    monkeypatch.setattr("socket.create_connection", refuse)
    html = (
        '<link rel="stylesheet" href="https://example.com/x.css">'
        '<img src="http://127.0.0.1:8000/x.png"><img src="file:///etc/hostname">'
        '<p style="background: url(https://example.com/bg.png)">Hello</p>'
    )
    assert pdf.render_pdf(html).startswith(b"%PDF-")
    assert opened == []
