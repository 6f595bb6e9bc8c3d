"""Recording an application's moves between stages, for the funnel and adverse impact.

Every service that changes `Application.stage` calls one of these in its transaction, after
setting the new stage and before saving it with "reached" among its update_fields; so they
are also where the stage-changed (and hired) webhooks are emitted."""

from collections.abc import Iterable
from datetime import datetime

from ..models import Application, StageChange, funnel_index
from .webhooks import emit_stage_changed, emit_stages_changed


def stage_change_note(
    application: Application, *, from_stage: str, entered_at: datetime, at: datetime
) -> StageChange | None:
    """Write the move from `from_stage` to the application's (new, unsaved) stage and raise
    `application.reached` in memory when the new stage is further on. Nothing for no move."""
    if application.stage == from_stage:
        return None
    index = funnel_index(application.stage)
    if index is not None and index > application.reached:
        application.reached = index
    emit_stage_changed(application, from_stage=from_stage, to_stage=application.stage)
    return StageChange.objects.create(
        application=application,
        from_stage=from_stage,
        to_stage=application.stage,
        entered_at=min(entered_at, at),
        changed_at=at,
    )


def stage_changes_note_many(moves: Iterable[tuple[Application, str]], *, at: datetime) -> None:
    """The bulk form for moves already written with a queryset update: (application as it was
    before the move, the stage it moved to). One insert, and one update per stage moved to."""
    moves = [(a, to) for a, to in moves if a.stage != to]
    if not moves:
        return
    StageChange.objects.bulk_create(
        StageChange(
            application=a,
            from_stage=a.stage,
            to_stage=to,
            entered_at=min(a.stage_changed_at, at),
            changed_at=at,
        )
        for a, to in moves
    )
    by_index: dict[int, list[int]] = {}
    emit_stages_changed((a, a.stage, to) for a, to in moves)
    for application, to in moves:
        index = funnel_index(to)
        if index is not None:
            by_index.setdefault(index, []).append(application.pk)
    for index, pks in by_index.items():
        Application.objects.filter(pk__in=pks, reached__lt=index).update(reached=index)
