"""The audit trail: every write service records who did what, when, and the before/after.

Call `audit_record` inside the service's transaction so the row commits (or rolls back) with
the change it describes. Values must be JSON-serialisable; pass ids and aliases, never a
candidate's name or email."""

from django.utils import timezone

from .models import AuditEntry


def _actor(actor):
    """A real user, or None for the system, a candidate acting through a link, or an
    anonymous request."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def audit_record(
    *,
    actor,
    action: str,
    target: str = "",
    role_id: int | None = None,
    candidate_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    summary: str = "",
) -> AuditEntry:
    """Write one audit row for a change just made."""
    entry = audit_entry(
        actor=actor,
        action=action,
        target=target,
        role_id=role_id,
        candidate_id=candidate_id,
        before=before,
        after=after,
        summary=summary,
    )
    entry.save()
    return entry


def audit_entry(
    *,
    actor,
    action: str,
    target: str = "",
    role_id: int | None = None,
    candidate_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
    summary: str = "",
) -> AuditEntry:
    """An unsaved audit row, for a service that writes many at once with bulk_create."""
    return AuditEntry(
        actor=_actor(actor),
        action=action,
        at=timezone.now(),
        target=target[:100],
        role_id=role_id,
        candidate_id=candidate_id,
        before=before or {},
        after=after or {},
        summary=summary[:300],
    )
