"""Reading the audit trail: a role's and a candidate's history, newest first."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from passionhire.models import AuditEntry

HISTORY_PAGE_SIZE = 50


def _entries() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.select_related("actor").order_by("-at", "-pk")


def role_history(*, role_id: int, page: int | str | None = 1) -> Page:
    """Everything recorded about a role and its applications: one page of 50 (2 queries)."""
    return Paginator(_entries().filter(role_id=role_id), HISTORY_PAGE_SIZE).get_page(page)


def candidate_history(*, candidate_id: int, page: int | str | None = 1) -> Page:
    """Everything recorded about a candidate on any role, their erasure included (2 queries).
    Rows carry ids and aliases, never the candidate's name, so an erased candidate's history
    stays readable."""
    return Paginator(_entries().filter(candidate_id=candidate_id), HISTORY_PAGE_SIZE).get_page(page)
