"""Evidence rows and the composite score they add up to."""

from passionhire import outbox

from ..models import Evidence


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
    outbox.enqueue("candidates.tasks.refresh_composite_task", application_id)
