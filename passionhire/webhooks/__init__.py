"""Signed webhooks (Standard Webhooks): recruiters register endpoints for events, services emit
events inside their transaction, a Celery task delivers each one with retries.

`emit` is the one call a service makes; it is imported lazily so that importing this package
never touches the models before Django is ready."""

from .events import Event

__all__ = ["Event", "emit"]


def emit(event: str, data: dict | list[dict]) -> int:
    """Queue `event` with `data` (or one event per item of a list) for every active endpoint
    subscribed to it; call inside the emitting service's transaction (nothing is sent if it
    rolls back). Returns how many deliveries were queued."""
    from .services import webhook_emit

    return webhook_emit(event=event, data=data)
