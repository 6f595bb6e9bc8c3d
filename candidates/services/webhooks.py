"""The webhook events of applications, emitted by the services that make them happen, inside
their transaction (passionhire.webhooks: thin payloads, ids and stages only)."""

from collections.abc import Iterable

from passionhire import webhooks
from passionhire.webhooks.events import application_data, candidate_path

from ..models import Stage


def emit_application_created(applications: Iterable) -> None:
    for application in applications:
        webhooks.emit(
            webhooks.Event.APPLICATION_CREATED,
            application_data(application, stage=application.stage, source=application.source),
        )


def emit_stage_changed(application, *, from_stage: str, to_stage: str) -> None:
    """A move between stages; reaching Hired is also its own event."""
    if from_stage == to_stage:
        return
    webhooks.emit(
        webhooks.Event.STAGE_CHANGED,
        application_data(application, from_stage=from_stage, to_stage=to_stage),
    )
    if to_stage == Stage.HIRED:
        webhooks.emit(webhooks.Event.HIRED, application_data(application))


def emit_decision_recorded(decision) -> None:
    application = decision.application
    webhooks.emit(
        webhooks.Event.DECISION_RECORDED,
        application_data(
            application,
            decision_id=decision.pk,
            decision=decision.kind,
            from_stage=decision.from_stage,
            to_stage=decision.to_stage,
        ),
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
