"""Evidence rows and the composite score they add up to."""

from django.db import transaction

from ..models import Application, Evidence


def evidence_record(
    *,
    application_id: int,
    source: str,
    origin: str,
    values: dict[str, tuple[float, float, str]],
    author=None,
    raw_values: dict[str, float] | None = None,
    replace: bool = False,
) -> None:
    """Write (or rewrite) the evidence one thing produced: {trait: (value 0-100, weight,
    summary)}. The same `origin` always updates its own rows, so a rerun adds nothing.
    `raw_values` holds the uncalibrated value of calibrated traits. With `replace`, this
    origin's rows on traits no longer in `values` are deleted (an edited scorecard that now
    says "no evidence"). The composite is refreshed by a task after commit."""
    raw_values = raw_values or {}
    if replace:
        Evidence.objects.filter(application_id=application_id, origin=origin).exclude(
            trait__in=list(values)
        ).delete()
    Evidence.objects.bulk_create(
        [
            Evidence(
                application_id=application_id,
                trait=trait,
                origin=origin,
                source=source,
                value=max(0.0, min(100.0, value)),
                weight=weight,
                summary=summary[:200],
                author=author,
                raw_value=raw_values.get(trait),
            )
            for trait, (value, weight, summary) in values.items()
        ],
        update_conflicts=True,
        unique_fields=["application", "trait", "origin"],
        update_fields=["source", "value", "weight", "summary", "author", "raw_value", "updated_at"],
    )
    from ..tasks import refresh_composite_task

    refresh_composite_task.delay_on_commit(application_id)


@transaction.atomic
def application_refresh_composite(*, application_id: int) -> Application | None:
    """The role-weighted mean of per-trait evidence, and a confidence that grows with the
    share of the role's weight that has evidence and with the number of independent sources.
    (The shortlist issue adds source weights and rater calibration.)"""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("role")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return None
    sums: dict[str, list[float]] = {}
    sources = set()
    for trait, source, value, weight in Evidence.objects.filter(
        application=application
    ).values_list("trait", "source", "value", "weight"):
        total = sums.setdefault(trait, [0.0, 0.0])
        total[0] += value * weight
        total[1] += weight
        if weight > 0:
            sources.add(source)
    trait_values = {trait: s / w for trait, (s, w) in sums.items() if w > 0}
    role_weights = {t.value: w for t, w in application.role.weights.items()}
    covered = sum(role_weights[t] for t in trait_values)
    if covered == 0:
        application.composite_score = application.confidence = None
    else:
        application.composite_score = round(
            sum(role_weights[t] * v for t, v in trait_values.items()) / covered, 1
        )
        coverage = covered / sum(role_weights.values())
        application.confidence = round(coverage * (1 - 0.5 ** len(sources)), 3)
    application.save(update_fields=["composite_score", "confidence"])
    return application
