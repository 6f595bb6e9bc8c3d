from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_rank_indexes(sender, using, **kwargs) -> None:
    from django.db import connections

    from .rank_indexes import ensure_rank_indexes

    ensure_rank_indexes(connections[using])


class CandidatesConfig(AppConfig):
    name = "candidates"

    def ready(self) -> None:
        post_migrate.connect(_ensure_rank_indexes, sender=self)
        # Registered in every process, so the outbox can publish a task named by a service.
        from . import tasks  # noqa: F401
