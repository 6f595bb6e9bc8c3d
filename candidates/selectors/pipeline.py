"""Reads that feed pages: roles with pipeline counts, a role's applications, candidate search."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from ..models import (
    ACTIVE_STAGES,
    Application,
    Candidate,
    PassionTestInvitation,
    Role,
    Stage,
)


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int


def _with_stage_counts(roles: QuerySet[Role]) -> list[Role]:
    """Annotate each role with one count per stage, all in the same query, and attach them
    as `role.pipeline` (a list of StageCount in pipeline order) and `role.active_count`."""
    annotations = {
        f"n_{stage.value}": Count("applications", filter=Q(applications__stage=stage))
        for stage in Stage
    }
    rows = list(roles.select_related("hiring_manager").annotate(**annotations))
    for role in rows:
        role.pipeline = [StageCount(stage, getattr(role, f"n_{stage.value}")) for stage in Stage]
        role.active_count = sum(c.count for c in role.pipeline if c.stage in ACTIVE_STAGES)
        role.total_count = sum(c.count for c in role.pipeline)
    return rows


def roles_with_pipeline(*, status: str | None = Role.Status.OPEN) -> list[Role]:
    roles = Role.objects.all()
    if status:
        roles = roles.filter(status=status)
    return _with_stage_counts(roles)


def roles_managed_by(*, user) -> list[Role]:
    """A hiring manager's roles, open ones first."""
    return _with_stage_counts(Role.objects.filter(hiring_manager=user).order_by("status", "title"))


def role_with_pipeline(*, role_id: int) -> Role | None:
    """One role with its stage counts, or None if there is no such role."""
    rows = _with_stage_counts(Role.objects.filter(pk=role_id))
    return rows[0] if rows else None


def open_roles() -> QuerySet[Role]:
    """The roles that can receive candidates, as a queryset for a form's choice field."""
    return Role.objects.filter(status=Role.Status.OPEN)


def pipeline_totals(roles: list[Role]) -> list[StageCount]:
    """Per-stage totals over roles already annotated by `_with_stage_counts`."""
    return [
        StageCount(stage, sum(role.pipeline[i].count for role in roles))
        for i, stage in enumerate(Stage)
    ]


def applications_for_role(*, role: Role, stage: str | None = None) -> QuerySet[Application]:
    """A role's applications, newest stage change first, each with `live_invitations` (its
    Passion Test link that is not withdrawn, with the response, as a list of 0 or 1)."""
    live = PassionTestInvitation.objects.filter(revoked_at__isnull=True).select_related("response")
    applications = (
        Application.objects.filter(role=role)
        .select_related("candidate")
        .prefetch_related(
            Prefetch("passion_test_invitations", queryset=live, to_attr="live_invitations")
        )
    )
    if stage:
        applications = applications.filter(stage=stage)
    return applications.order_by("-stage_changed_at", "-pk")


def candidates_matching(*, query: str = "") -> QuerySet[Candidate]:
    candidates = Candidate.objects.annotate(application_count=Count("applications"))
    query = query.strip()
    if query:
        candidates = candidates.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return candidates.order_by("name", "pk")
