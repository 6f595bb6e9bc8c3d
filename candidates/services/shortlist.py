"""Scoring applications for the ranked shortlist, re-ranking after weight changes, blind
review, and the decisions people make on applications."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.permissions import RECRUITER, can_decide, has_role
from passionhire.traits import Trait

from .. import ranking
from ..models import (
    Application,
    Evidence,
    RerankJob,
    Role,
)

SCORE_FIELDS = [f"score_{t.value}" for t in Trait] + [
    "composite_score",
    "confidence",
    "rank_score",
    "flags",
]
RERANK_BATCH = 1000


# --- Scores --------------------------------------------------------------------------------


def applications_rescore(*, role: Role, application_ids: list[int]) -> int:
    """Recompute the stored scores of these applications of `role` from their evidence: one
    aggregate query (evidence summed per application, trait and source, with the Passion
    Test's own rows also summed apart) and one batch of UPDATEs. Returns how many were
    written."""
    if not application_ids:
        return 0
    test_rows = Q(origin__startswith=ranking.TEST_RESPONSE_ORIGIN)
    sums = (
        Evidence.objects.filter(application_id__in=application_ids)
        .values_list("application_id", "trait", "source")
        .annotate(
            weighted=Sum(F("weight") * F("value")),
            weight_sum=Sum("weight"),
            n=Count("id"),
            test_weight=Sum("weight", filter=test_rows, default=0.0),
            test_n=Count("id", filter=test_rows),
        )
        .order_by()
    )
    groups: dict[int, dict[str, dict[str, ranking.SourceSum]]] = {}
    for application_id, trait, source, weighted, weight, n, test_weight, test_n in sums:
        groups.setdefault(application_id, {}).setdefault(trait, {})[source] = ranking.SourceSum(
            weighted, weight, n, test_weight, test_n
        )
    trait_weights = {t.value: w for t, w in role.weights.items()}
    source_weights = role.source_weights
    rows = []
    for pk in application_ids:
        result = ranking.score(groups.get(pk, {}), trait_weights, source_weights)
        rows.append(
            [
                *(result.traits[t] for t in Trait),
                result.composite,
                result.confidence,
                result.rank,
                result.flags,
                pk,
            ]
        )
    _write_scores(rows)
    return len(rows)


def _write_scores(rows: list[list]) -> None:
    """One parameterised UPDATE per application, sent with executemany (psycopg pipelines
    them; SQLite runs them in-process). Django's bulk_update builds a CASE per field and row,
    which costs seconds of Python at 10,000 rows."""
    table = connection.ops.quote_name(Application._meta.db_table)
    columns = ", ".join(
        f"{connection.ops.quote_name(Application._meta.get_field(name).column)} = %s"
        for name in SCORE_FIELDS
    )
    # Reviewed: the identifiers come from the model's metadata, every value is a parameter.
    sql = f"UPDATE {table} SET {columns} WHERE id = %s"  # nosec
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic
def application_refresh_composite(*, application_id: int) -> Application | None:
    """Re-score one application after new evidence (the scoring task calls this)."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("role")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return None
    applications_rescore(role=application.role, application_ids=[application.pk])
    application.refresh_from_db(fields=SCORE_FIELDS)
    return application


# --- Weights and re-ranking ----------------------------------------------------------------


@dataclass(frozen=True)
class Reranked:
    """What a weight change did: re-ranked `count` applications now, or started `job`."""

    count: int
    job: RerankJob | None = None


@transaction.atomic
def role_set_weights(
    *, role: Role, changed_by, trait_weights: dict[str, int], source_weights: dict[str, int]
) -> Reranked:
    """Save a role's trait and source weights and re-rank its applications: at once when the
    role is small, else through `rerank_role_task` (after commit) with a progress record."""
    role = Role.objects.select_for_update().get(pk=role.pk)
    before = _all_weights(role)
    for trait, weight in trait_weights.items():
        setattr(role, f"weight_{Trait(trait).value}", weight)
    for source, weight in source_weights.items():
        if source not in ranking.SOURCES:
            raise ValidationError(
                gettext("Unknown source of evidence: %(source)s.") % {"source": source}
            )
        setattr(role, f"source_weight_{source}", weight)
    role.full_clean()
    after = _all_weights(role)
    reranked = _save_and_rerank(role, changed_by)
    audit_record(
        actor=changed_by,
        action="role.weights",
        target=f"role:{role.pk}",
        role_id=role.pk,
        before=before,
        after=after,
        summary=f"Weights of “{role.title}” saved (version {role.weights_version})",
    )
    return reranked


def _all_weights(role: Role) -> dict:
    """Trait and source weights, as the audit trail records them."""
    return {
        "traits": {trait.value: weight for trait, weight in role.weights.items()},
        "sources": dict(role.source_weights),
    }


def _save_and_rerank(role: Role, changed_by) -> Reranked:
    role.weights_version = F("weights_version") + 1
    role.save()
    role.refresh_from_db(fields=["weights_version"])
    count = Application.objects.filter(role=role).count()
    if count <= settings.PASSIONHIRE["RERANK_SYNC_LIMIT"]:
        ids = list(Application.objects.filter(role=role).values_list("pk", flat=True))
        applications_rescore(role=role, application_ids=ids)
        return Reranked(count=count)
    job = RerankJob.objects.create(
        role=role, weights_version=role.weights_version, total=count, requested_by=changed_by
    )
    outbox.enqueue("candidates.tasks.rerank_role_task", job.pk)
    return Reranked(count=count, job=job)


def weights_changed(role: Role) -> Reranked:
    """Re-rank after someone saved `role` with new trait weights (the role form)."""
    return _save_and_rerank(role, None)


def role_rerank(*, job_id: int) -> RerankJob | None:
    """Re-score the job's role in batches of RERANK_BATCH, each in its own transaction,
    counting progress on the job. Running it again redoes the same arithmetic; a job whose
    weights were changed again meanwhile stops, and the newer job takes over."""
    job = RerankJob.objects.select_related("role").filter(pk=job_id).first()
    if job is None or job.finished_at is not None:
        return job
    last_pk, done = 0, 0
    while True:
        role = Role.objects.get(pk=job.role_id)
        if role.weights_version != job.weights_version:
            break
        ids = list(
            Application.objects.filter(role=role, pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:RERANK_BATCH]
        )
        if not ids:
            break
        with transaction.atomic():
            done += applications_rescore(role=role, application_ids=ids)
            RerankJob.objects.filter(pk=job.pk).update(done=min(done, job.total))
        last_pk = ids[-1]
    RerankJob.objects.filter(pk=job.pk).update(finished_at=timezone.now())
    job.refresh_from_db()
    return job


@transaction.atomic
def role_set_blind(*, role: Role, blind: bool, changed_by) -> Role:
    """Blind review is the recruiters' setting. The role's hiring manager, the person it
    blinds, may turn it on (more blind, never less) but never off."""
    if not can_decide(changed_by, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can change this.")
    if not blind and not has_role(changed_by, RECRUITER):
        raise PermissionDenied("Only a recruiter can turn blind review off.")
    before = Role.objects.select_for_update().values_list("blind_review", flat=True).get(pk=role.pk)
    Role.objects.filter(pk=role.pk).update(blind_review=blind, updated_at=timezone.now())
    role.blind_review = blind
    if before != blind:
        audit_record(
            actor=changed_by,
            action="role.blind_review",
            target=f"role:{role.pk}",
            role_id=role.pk,
            before={"blind_review": before},
            after={"blind_review": blind},
            summary=f"Blind review {'on' if blind else 'off'} for “{role.title}”",
        )
    return role
