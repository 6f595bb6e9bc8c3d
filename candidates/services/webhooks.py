"""The webhook events of applications, emitted by the services that make them happen, inside
their transaction (passionhire.webhooks: thin payloads, ids and stages only)."""

from collections.abc import Iterable

from passionhire import webhooks
from passionhire.webhooks.events import application_data, candidate_path

from ..models import Stage


def emit_application_created(applications: Iterable) -> None:
    webhooks.emit(
        webhooks.Event.APPLICATION_CREATED,
        [application_data(a, stage=a.stage, source=a.source) for a in applications],
    )


def emit_stages_changed(moves: Iterable[tuple]) -> None:
    """Moves between stages, as (application, from stage, to stage); reaching Hired is also
    its own event."""
    moves = [(a, before, after) for a, before, after in moves if before != after]
    webhooks.emit(
        webhooks.Event.STAGE_CHANGED,
        [application_data(a, from_stage=before, to_stage=after) for a, before, after in moves],
    )
    hired = [application_data(a) for a, _, after in moves if after == Stage.HIRED]
    if hired:
        webhooks.emit(webhooks.Event.HIRED, hired)


def emit_stage_changed(application, *, from_stage: str, to_stage: str) -> None:
    emit_stages_changed([(application, from_stage, to_stage)])


def emit_decisions_recorded(decisions: Iterable) -> None:
    webhooks.emit(
        webhooks.Event.DECISION_RECORDED,
        [
            application_data(
                d.application,
                decision_id=d.pk,
                decision=d.kind,
                from_stage=d.from_stage,
                to_stage=d.to_stage,
            )
            for d in decisions
        ],
    )


def emit_candidate_erased(candidate, application_ids: list[int]) -> None:
    """Receivers holding copies of this candidate's data erase them too."""
    webhooks.emit(
        webhooks.Event.CANDIDATE_ERASED,
        {
            "candidate_id": candidate.pk,
            "application_ids": list(application_ids),
            "path": candidate_path(candidate.pk),
        },
    )
