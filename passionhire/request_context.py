"""Which request a log line belongs to: a request id (the caller's X-Request-ID when it is a
plain token, else a new one; sent back on the response) and the signed-in user's id, added to
every record logged while the request runs. Ids only: no names, emails or addresses."""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept when it could not smuggle anything into a log line.
GOOD_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
_request: ContextVar[object | None] = ContextVar("request", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def _user_id() -> int | None:
    """The signed-in user's id if this request already loaded the user: a log line never
    triggers a query of its own (Django's auth middleware caches the user it loads)."""
    request = _request.get()
    user = getattr(request, "_cached_user", None)
    return user.pk if getattr(user, "is_authenticated", False) else None


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = given if GOOD_ID.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        # Cleared when the response is closed (`forget`), not on the way out of here: Django
        # logs a 4xx or 5xx response after the middleware has returned it.
        _request_id.set(request_id)
        _request.set(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        return response


@receiver(request_finished)
def forget(**kwargs) -> None:
    _request_id.set(None)
    _request.set(None)


class RequestContext(logging.Filter):
    """Adds `request_id` and `user_id` to every record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        record.user_id = _user_id()
        return True
