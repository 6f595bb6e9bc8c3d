"""The audit row of an interview write, filed under its application's role and candidate."""

from datetime import datetime

from candidates.models import Application
from passionhire.audit import audit_record


def _plain(value):
    return value.isoformat() if isinstance(value, datetime) else value


def interview_audit(interview, *, actor, action: str, summary: str, **changes) -> None:
    """Record `action` on `interview`; each keyword is a field's (before, after). Ids and
    settings only: no names, no free text about the candidate."""
    role_id, candidate_id = Application.objects.values_list("role_id", "candidate_id").get(
        pk=interview.application_id
    )
    audit_record(
        actor=actor,
        action=action,
        target=f"interview:{interview.pk}",
        role_id=role_id,
        candidate_id=candidate_id,
        before={k: _plain(b) for k, (b, _) in changes.items() if b is not None},
        after={k: _plain(a) for k, (_, a) in changes.items()},
        summary=f"{summary} (interview #{interview.pk})",
    )
