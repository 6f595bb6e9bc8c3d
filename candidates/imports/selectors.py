"""Reads for a CSV import: the candidates and applications we already hold for a batch of
addresses (one query each per batch, never one per row), and the dry-run preview."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models.functions import Lower

from ..models import Application, Candidate, ImportJob, Role, Stage
from . import parsing

LOOKUP_CHUNK = 1000
# What an import reads and may update of a known candidate (a deferred field would cost a
# query per row when bulk_update reads it).
KNOWN_FIELDS = (
    "pk",
    "name",
    "email",
    "phone",
    "consent_to_contact",
    "consent_given_at",
    "consent_source",
    "erased_at",
)


def import_limits() -> tuple[int, int]:
    """(largest file in bytes, most candidate rows)."""
    options = settings.PASSIONHIRE
    return options["IMPORT_MAX_MB"] * 1024 * 1024, options["IMPORT_MAX_ROWS"]


def known_candidates(emails: list[str]) -> dict[str, Candidate]:
    """The candidates holding these addresses (in any letter case), by lower-case address."""
    wanted = sorted({email.lower() for email in emails})
    found: dict[str, Candidate] = {}
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        chunk = wanted[start : start + LOOKUP_CHUNK]
        candidates = (
            Candidate.objects.annotate(email_ci=Lower("email"))
            .filter(email_ci__in=chunk)
            .only(*KNOWN_FIELDS)
        )
        found.update({candidate.email.lower(): candidate for candidate in candidates})
    return found


def stages_in_role(role: Role, candidate_ids: list[int]) -> dict[int, str]:
    """Candidate id -> stage, for those of `candidate_ids` already in the role's pipeline."""
    stages: dict[int, str] = {}
    for start in range(0, len(candidate_ids), LOOKUP_CHUNK):
        chunk = candidate_ids[start : start + LOOKUP_CHUNK]
        stages.update(
            Application.objects.filter(role=role, candidate_id__in=chunk).values_list(
                "candidate_id", "stage"
            )
        )
    return stages


def parsed_file(job: ImportJob) -> parsing.ParsedFile:
    return parsing.read(job.source_text, max_rows=import_limits()[1])


@dataclass
class Preview:
    new: list[parsing.CleanRow] = field(default_factory=list)
    # Rows whose address belongs to a candidate we hold (linked, not created again).
    linked: list[parsing.CleanRow] = field(default_factory=list)
    # Already in this role's pipeline: passed over.
    skipped: list[parsing.RowProblem] = field(default_factory=list)
    errors: list[parsing.RowProblem] = field(default_factory=list)

    @property
    def importable(self) -> int:
        return len(self.new) + len(self.linked)

    @property
    def with_consent(self) -> int:
        return sum(1 for row in self.new + self.linked if row.consent)

    @property
    def problems(self) -> list[parsing.RowProblem]:
        return sorted(self.errors + self.skipped, key=lambda problem: problem.row)


def import_preview(job: ImportJob) -> Preview:
    """What importing would do now, row by row, without writing anything."""
    good, errors = parsing.check_rows(parsed_file(job), job.mapping)
    known = known_candidates([row.email for row in good])
    in_role = stages_in_role(job.role, [candidate.pk for candidate in known.values()])
    preview = Preview(errors=errors)
    for row in good:
        candidate = known.get(row.email.lower())
        if candidate is None:
            preview.new.append(row)
        elif candidate.is_erased:
            preview.errors.append(parsing.RowProblem(row.row, ERASED_ROW, row_cells(row)))
        elif candidate.pk in in_role:
            preview.skipped.append(already_in_role(row, in_role[candidate.pk]))
        else:
            preview.linked.append(row)
    preview.errors.sort(key=lambda problem: problem.row)
    return preview


ERASED_ROW = "This address belongs to an erased candidate; nothing can be added about them."


def row_cells(row: parsing.CleanRow) -> dict[str, str]:
    return {
        "name": row.name,
        "email": row.email,
        "phone": row.phone,
        "consent": "yes" if row.consent else "no",
    }


def already_in_role(row: parsing.CleanRow, stage: str) -> parsing.RowProblem:
    label = Stage(stage).label if stage in Stage.values else stage
    return parsing.RowProblem(
        row.row,
        f"Already in this role's pipeline (stage: {label}); passed over.",
        row_cells(row),
        kind="skipped",
    )
