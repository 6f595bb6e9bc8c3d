"""The events an endpoint may subscribe to, and the thin payload of each (docs/webhooks.md).

Payloads carry ids, stages and the decision only, never a name, an email or free text: a
receiver fetches what it may see through the API path in `data["path"]`, where blind review
and erasure apply as on every page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    APPLICATION_CREATED = "application.created", _("Application created")
    STAGE_CHANGED = "application.stage_changed", _("Stage changed")
    DECISION_RECORDED = "decision.recorded", _("Decision recorded")
    HIRED = "application.hired", _("Hired")
    CANDIDATE_ERASED = "candidate.erased", _("Candidate erased")


API_PREFIX = "/api/v1"


def application_path(application_id: int) -> str:
    return f"{API_PREFIX}/applications/{application_id}/"


def candidate_path(candidate_id: int) -> str:
    return f"{API_PREFIX}/candidates/{candidate_id}/"


def application_data(application, **extra) -> dict:
    """The ids every application event carries, and where to read the rest."""
    return {
        "application_id": application.pk,
        "candidate_id": application.candidate_id,
        "role_id": application.role_id,
        **extra,
        "path": application_path(application.pk),
    }
