"""Checking an uploaded CV before it is kept: PDF or DOCX only, judged by the bytes (the
`filetype` library reads the file's signature; a name or a browser's Content-Type says
nothing), within the size limit, no PDF that carries JavaScript or launches something, and no
DOCX that unpacks into far more than it weighs (a zip bomb)."""

import re
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSIONS = {PDF: ".pdf", DOCX: ".docx"}
# A DOCX is a zip: these bound what opening it could cost.
DOCX_MAX_ENTRIES = 2000
DOCX_MAX_UNPACKED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 100
# PDF name tokens that run code or other programs when the file is opened. Names may spell a
# character as #xx, so they are decoded before matching.
ACTIVE_PDF_NAMES = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia|XFA)\b")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")

NOT_A_CV = gettext_lazy(
    "Upload your CV as a PDF or Word (.docx) file. This file is neither, whatever its name."
)


def cv_max_bytes() -> int:
    return settings.PASSIONHIRE["CV_MAX_MB"] * 1024 * 1024


def _read_all(upload) -> bytes:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data


def _check_pdf(data: bytes) -> None:
    decoded = PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    if ACTIVE_PDF_NAMES.search(decoded):
        raise ValidationError(
            _(
                "This PDF contains scripts or embedded programs, which we can't accept. Save "
                "or print it again as a plain PDF and upload that."
            ),
            code="cv_active",
        )


def _check_docx(upload) -> None:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > DOCX_MAX_ENTRIES:
                raise ValidationError(NOT_A_CV, code="cv_type")
            unpacked = sum(entry.file_size for entry in entries)
            packed = sum(entry.compress_size for entry in entries) or 1
            if unpacked > DOCX_MAX_UNPACKED or unpacked / packed > DOCX_MAX_RATIO:
                raise ValidationError(
                    _(
                        "This file unpacks to far more than a CV would. Save it again as a "
                        "plain PDF or Word file and upload that."
                    ),
                    code="cv_bomb",
                )
            if "word/document.xml" not in archive.namelist():
                raise ValidationError(NOT_A_CV, code="cv_type")
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ValidationError(NOT_A_CV, code="cv_type") from error
    finally:
        upload.seek(0)


def check_cv(upload) -> str:
    """The CV's type (PDF or DOCX) from its content; ValidationError for anything we refuse."""
    if upload.size > cv_max_bytes():
        raise ValidationError(
            _(
                "Your CV is larger than %(mb)s MB. Save a smaller version (a PDF without large "
                "images is usually under 1 MB) and upload that."
            )
            % {"mb": settings.PASSIONHIRE["CV_MAX_MB"]},
            code="cv_size",
        )
    if upload.size == 0:
        raise ValidationError(_("This file is empty."), code="cv_empty")
    data = _read_all(upload)
    kind = filetype.guess_mime(data)
    if kind == PDF or data[:1024].lstrip().startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if kind in (DOCX, "application/zip"):
        _check_docx(upload)
        return DOCX
    raise ValidationError(NOT_A_CV, code="cv_type")


def safe_display_name(filename: str) -> str:
    """The applicant's file name for showing to recruiters: the last path part, printable
    characters only, at most 120."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:120] or "cv"
