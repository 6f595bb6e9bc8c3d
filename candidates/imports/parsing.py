"""Reading a recruiter's CSV of candidates: bytes to text, header and rows, column guesses,
and each row checked on its own. No database here; what depends on the data we hold
(duplicates, erased people) is looked up in batches by the services.

Encoding: we accept UTF-8, with or without the byte-order mark Excel writes ("CSV UTF-8").
Anything else is refused with a message that says how to save the file again, instead of
guessing: Latin-1, Windows-1252 and Mac Roman decode the same bytes to different letters, and a
guess would store "JosÃ©" or "Jos‚" as someone's name without anybody noticing.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first candidate row 2,
and blank lines count (a spreadsheet shows them as empty rows).
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.formats import number_format
from django.utils.translation import gettext, gettext_noop

from passionhire.phones import phone_to_e164

from ..models.pipeline import is_erased_email

FIELDS = ("name", "email", "phone", "consent")
# English here (the rows' problems are stored in English); forms translate them as they show.
FIELD_LABELS = {
    "name": gettext_noop("Name"),
    "email": gettext_noop("Email"),
    "phone": gettext_noop("Phone"),
    "consent": gettext_noop("Consent to email"),
}
REQUIRED_FIELDS = ("name", "email")
NAME_MAX = 150
EMAIL_MAX = 254
CELL_MAX = 1000
# Cells a spreadsheet would run as a formula (CSV injection), after any leading spaces.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A phone number may start with + (+44 20 …) when nothing but a number follows.
PHONE_SHAPE = re.compile(r"^\+?[0-9 ()./-]+$")
CONSENT_YES = {"yes", "y", "true", "1", "x", "agreed", "consent", "opt-in", "optin", "ja", "oui"}
CONSENT_NO = {"", "no", "n", "false", "0", "none", "not given", "nein", "non"}
# Header names (lower case, letters and digits only) each field is guessed from.
HEADER_GUESSES = {
    "name": {"name", "fullname", "candidate", "candidatename", "person", "nom", "vollername"},
    "email": {"email", "emailaddress", "mail", "emails", "address", "courriel"},
    "phone": {"phone", "phonenumber", "mobile", "mobilephone", "tel", "telephone", "cell"},
    "consent": {
        "consent",
        "consenttocontact",
        "consenttoemail",
        "emailconsent",
        "optin",
        "canemail",
        "agreed",
        "gdprconsent",
    },
}
_email_validator = EmailValidator()


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class ParsedFile:
    header: list[str]
    # (row number as a spreadsheet shows it, the cells)
    records: list[tuple[int, list[str]]]


@dataclass
class CleanRow:
    row: int
    name: str
    email: str
    phone: str
    consent: bool


@dataclass
class RowProblem:
    row: int
    message: str
    cells: dict[str, str] = field(default_factory=dict)
    kind: str = "error"  # "error": not imported; "skipped": already there


def decode(data: bytes) -> str:
    """The file's text, or ImportFileError with what to do about it."""
    if not data.strip():
        raise ImportFileError(gettext("The file is empty."))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(
            gettext(
                "This file is in UTF-16. Save it again as “CSV UTF-8 (comma delimited)” and "
                "upload that."
            )
        )
    if data.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            gettext(
                "This is a spreadsheet workbook (.xlsx or .ods), not a CSV file. In your "
                "spreadsheet choose File → Save as → “CSV UTF-8 (comma delimited)” and upload "
                "that."
            )
        )
    if data.startswith(b"%PDF") or b"\x00" in data[:4096]:
        raise ImportFileError(
            gettext(
                "This is not a CSV file (it holds binary data). Upload a text file of comma-"
                "separated values, saved as “CSV UTF-8”."
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            gettext(
                "This file is not UTF-8 text (line {line} has the byte {byte}, as "
                "Windows-1252 or Latin-1 files do). We do not guess, because a wrong guess "
                "changes letters in people's names. Save it again as “CSV UTF-8 (comma "
                "delimited)” and upload that."
            ).format(line=line, byte=f"0x{data[error.start]:02X}")
        ) from None
    if "\x00" in text:
        raise ImportFileError(gettext("This is not a CSV file (it holds NUL characters)."))
    return text


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read(text: str, *, max_rows: int) -> ParsedFile:
    """Header and records of CSV text; ImportFileError when there is no usable header or too
    many rows."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    try:
        rows = iter(reader)
        header = next(rows, None)
        if header is None or not any(cell.strip() for cell in header):
            raise ImportFileError(gettext("The first line is empty: it must name the columns."))
        records = []
        for number, cells in enumerate(rows, start=2):
            if len(records) >= max_rows:
                raise ImportFileError(
                    gettext(
                        "The file has more than {limit} candidate rows. Split it into files "
                        "of at most that many and import them one after the other."
                    ).format(limit=number_format(max_rows, force_grouping=True))
                )
            records.append((number, cells))
    except csv.Error as error:
        raise ImportFileError(
            gettext("This file cannot be read as CSV ({error}).").format(error=error)
        ) from None
    header = [cell.strip() for cell in header]
    if any("@" in cell and _looks_like_email(cell) for cell in header):
        raise ImportFileError(
            gettext(
                "The first line holds an email address, so it is a candidate, not column "
                "names. Add a header line first, e.g. “name,email,phone,consent”."
            )
        )
    if not any(cells for _, cells in records):
        raise ImportFileError(gettext("The file has column names but no candidate rows."))
    return ParsedFile(header=header, records=records)


def _looks_like_email(value: str) -> bool:
    try:
        _email_validator(value.strip())
    except ValidationError:
        return False
    return True


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def guess_mapping(header: list[str]) -> dict[str, int | None]:
    """Which column each field is probably in (by its header name), or None."""
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    for index, name in enumerate(header):
        squashed = _squash(name)
        for field_name, guesses in HEADER_GUESSES.items():
            if mapping[field_name] is None and squashed in guesses:
                mapping[field_name] = index
                break
    return mapping


def is_formula(value: str) -> bool:
    return value[:1] in FORMULA_STARTS or value.lstrip()[:1] in FORMULA_STARTS


def mapped_cells(cells: list[str], mapping: dict[str, int | None]) -> dict[str, str]:
    return {
        name: (cells[index] if index is not None and index < len(cells) else "")
        for name, index in mapping.items()
    }


def parse_consent(value: str) -> bool | None:
    value = value.strip().lower()
    if value in CONSENT_YES:
        return True
    if value in CONSENT_NO:
        return False
    return None


def clean_row(row: int, cells: dict[str, str]) -> CleanRow | RowProblem:
    """One row checked on its own: a CleanRow, or a RowProblem saying every fault found."""
    faults = []
    for name, value in cells.items():
        if len(value) > CELL_MAX:
            faults.append(f"{FIELD_LABELS[name]} is longer than {CELL_MAX} characters")
        elif is_formula(value) and not (name == "phone" and PHONE_SHAPE.match(value.strip())):
            faults.append(
                f"{FIELD_LABELS[name]} starts with “{value.strip()[:1] or value[:1]!s}”, which "
                "a spreadsheet would run as a formula"
            )
    if faults:
        return RowProblem(row, "; ".join(faults) + ".", cells)
    name = " ".join(cells["name"].split())
    email = cells["email"].strip()
    if not name:
        faults.append("the name is missing")
    elif len(name) > NAME_MAX:
        faults.append(f"the name is longer than {NAME_MAX} characters")
    if not email:
        faults.append("the email address is missing")
    elif len(email) > EMAIL_MAX or not _looks_like_email(email):
        faults.append("the email address is not valid")
    elif is_erased_email(email):
        faults.append("the address stands for an erased candidate; give the person's own")
    else:
        email = BaseUserManager.normalize_email(email)
    phone = ""
    try:
        phone = phone_to_e164(cells["phone"])
    except ValidationError:
        faults.append("the phone number is not one we can call (include the country code)")
    consent = parse_consent(cells["consent"])
    if consent is None:
        faults.append("consent must be yes or no")
    if faults:
        message = "; ".join(faults)
        return RowProblem(row, message[0].upper() + message[1:] + ".", cells)
    return CleanRow(row=row, name=name, email=email, phone=phone, consent=bool(consent))


def check_rows(
    parsed: ParsedFile, mapping: dict[str, int | None]
) -> tuple[list[CleanRow], list[RowProblem]]:
    """Every row on its own, then addresses repeated within the file (the first one wins).
    Blank rows are passed over."""
    good: list[CleanRow] = []
    problems: list[RowProblem] = []
    first_row: dict[str, int] = {}
    for number, cells in parsed.records:
        if not any(cell.strip() for cell in cells):
            continue
        result = clean_row(number, mapped_cells(cells, mapping))
        if isinstance(result, RowProblem):
            problems.append(result)
            continue
        key = result.email.lower()
        if key in first_row:
            problems.append(
                RowProblem(
                    number,
                    f"The same email address as row {first_row[key]} (each person once).",
                    mapped_cells(cells, mapping),
                )
            )
            continue
        first_row[key] = number
        good.append(result)
    return good, problems
