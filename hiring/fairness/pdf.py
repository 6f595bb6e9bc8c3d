"""The adverse-impact report as a printable PDF for the compliance file.

It lays out the same report object as the page and the CSV (reports.py suppresses small groups
once, for all three), through templates/hiring/fairness/report_pdf.html, and WeasyPrint turns
that into PDF. WeasyPrint is imported here only when a PDF is asked for: it needs Debian's
pango, and a machine without it still serves every other page (the view answers 503).
WeasyPrint never reaches the network: its URL fetcher reads static files from disk and refuses
every other address, so a report cannot be made to call out (a tracker, a local service).
"""

import logging
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext

from passionhire.markdown import render_markdown

from .counts import Scope
from .reports import MINIMUM_FOR_TEST, QuestionReport

# The PDF's base address: `{% static %}` paths resolve under it and the fetcher maps them back
# to files. `.invalid` can never resolve (RFC 2606), so nothing is fetched even by mistake.
STATIC_ORIGIN = "https://static.passionhire.invalid"
TEMPLATE = "hiring/fairness/report_pdf.html"
# What the report can and cannot conclude is written once, in docs/fairness.md.
GUIDE = Path(settings.BASE_DIR) / "docs" / "fairness.md"
GUIDE_SECTIONS = ("What it measures", "What it cannot conclude")
GUIDE_MISSING = (
    "A flag asks a person to look, and decides nothing: the report shows differences between "
    "groups and cannot say why they arise."
)
# WeasyPrint logs every layout step at INFO; its warnings (addresses refused) still show.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
UNAVAILABLE = (
    "The PDF cannot be made on this server: WeasyPrint or the system libraries it needs "
    "(pango) are not installed. The page and the CSV still work."
)


class PdfUnavailable(Exception):
    """WeasyPrint, or the pango library it loads, is missing on this machine."""


class RefusedURL(ValueError):
    """The PDF asked for something that is not one of our static files."""


@dataclass(frozen=True)
class Heading:
    """What the PDF's header says about its slice and its making."""

    dates: str
    role: str
    generated_at: datetime
    generated_by: str


def scope_heading(scope: Scope, role_title: str | None) -> tuple[str, str]:
    """("Applied 1 Jan 2026 to 30 Jun 2026", "All roles") in words, for the header."""
    start = scope.date_from and date_format(scope.date_from, "SHORT_DATE_FORMAT")
    end = scope.date_to and date_format(scope.date_to, "SHORT_DATE_FORMAT")
    if start and end:
        dates = gettext("Applied %(start)s to %(end)s") % {"start": start, "end": end}
    elif start:
        dates = gettext("Applied from %(start)s") % {"start": start}
    elif end:
        dates = gettext("Applied until %(end)s") % {"end": end}
    else:
        dates = gettext("All dates")
    return dates, role_title or gettext("All roles")


def static_file(url: str) -> Path | None:
    """The file on disk behind a `{% static %}` address under STATIC_ORIGIN, else None."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != STATIC_ORIGIN or parts.query:
        return None
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    name = path.removeprefix(prefix)
    if not name or name.startswith("/") or ".." in Path(name).parts:
        return None
    found = finders.find(name)  # source files (bin/serve, tests)
    if found:
        return Path(found)
    try:  # collected files, hashed names included (production)
        if staticfiles_storage.exists(name):
            return Path(staticfiles_storage.path(name))
    except (NotImplementedError, ImproperlyConfigured, SuspiciousFileOperation):
        return None  # no STATIC_ROOT (tests), or storage not on disk
    return None


@cache
def guide_sections() -> list[tuple[str, str]]:
    """(heading, safe HTML) of the guide's sections named in GUIDE_SECTIONS."""
    try:
        text = GUIDE.read_text(encoding="utf-8")
    except OSError:
        return [("What it cannot conclude", f"<p>{GUIDE_MISSING}</p>")]
    sections, heading, lines = {}, None, []
    for line in [*text.splitlines(), "## "]:
        if line.startswith("## "):
            if heading in GUIDE_SECTIONS:
                sections[heading] = render_markdown("\n".join(lines))
            heading, lines = line[3:].strip(), []
        else:
            lines.append(line)
    return [(name, sections[name]) for name in GUIDE_SECTIONS if name in sections] or [
        ("What it cannot conclude", f"<p>{GUIDE_MISSING}</p>")
    ]


def _weasyprint():
    try:
        import weasyprint  # needs pango: imported only when a PDF is made
    except (ImportError, OSError) as error:  # OSError: the module is there, pango is not
        raise PdfUnavailable(UNAVAILABLE) from error
    return weasyprint


def static_only_fetcher(weasyprint=None):
    """A WeasyPrint URL fetcher that serves our static files and refuses everything else."""
    urls = (weasyprint or _weasyprint()).urls

    class StaticFilesOnly(urls.URLFetcher):
        def fetch(self, url, headers=None):
            path = static_file(url)
            if path is None:
                raise RefusedURL(f"The PDF reads only this app's static files, not {url[:200]}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return urls.URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return StaticFilesOnly(allowed_protocols={"https"}, allow_redirects=False)


def render_pdf(html: str) -> bytes:
    """PDF bytes for `html`, fetching nothing but static files."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(
        string=html, base_url=f"{STATIC_ORIGIN}/", url_fetcher=static_only_fetcher(weasyprint)
    )
    return document.write_pdf()


def report_pdf(*, report: list[QuestionReport], heading: Heading) -> bytes:
    """The adverse-impact report, printable: header, findings, the tables, the caveats."""
    html = render_to_string(
        TEMPLATE,
        {
            "report": report,
            "heading": heading,
            "guide": guide_sections(),
            "minimum_for_test": MINIMUM_FOR_TEST,
        },
    )
    return render_pdf(html)
