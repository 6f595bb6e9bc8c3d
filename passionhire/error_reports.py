"""Optional error reports through `sentry-sdk` (Sentry, or a compatible service such as
GlitchTip): unhandled exceptions in requests and Celery tasks, each with its request id.

Nothing personal leaves: `send_default_pii` is off (no user details, cookies, request bodies
or client addresses), the user is sent as an id only, and candidates' link tokens in URLs,
messages and breadcrumbs are replaced by their digest as in the logs."""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from .log_filters import redact_link_tokens
from .request_context import current_request_id


def _scrub(value):
    if isinstance(value, str):
        return redact_link_tokens(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value


def before_send(event: dict, hint: dict) -> dict:
    request = event.get("request") or {}
    for private in ("cookies", "data", "env"):
        request.pop(private, None)
    headers = request.get("headers") or {}
    request["headers"] = {
        name: value
        for name, value in headers.items()
        if name.lower() not in {"cookie", "authorization", "x-forwarded-for", "x-real-ip"}
    }
    user = event.get("user") or {}
    event["user"] = {"id": user["id"]} if "id" in user else {}
    request_id = current_request_id()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return _scrub(event)


def start_error_reports(dsn: str, *, environment: str) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=0.0,
        before_send=before_send,
        before_send_transaction=lambda event, hint: None,
    )
