"""Health probes for containers and load balancers, answered before anything else runs.

`/healthz`: the process is alive and serving (no database, no broker: a probe that restarts
a web process should not do so because the database is down). `/readyz`: the database and,
when tasks go through a broker, the broker answer; 503 names which does not.

They are answered by the first middleware, ahead of the host check (a probe calls the
container's own address, which ALLOWED_HOSTS rightly refuses for pages), the redirect to https
(the probe speaks plain http inside the network), sessions and logins. They say nothing but
"ok" or which dependency is down; the reason goes to the log.
"""

import logging

from celery import current_app
from django.conf import settings
from django.db import connection
from django.http import JsonResponse

log = logging.getLogger(__name__)

LIVE, READY = "/healthz", "/readyz"
BROKER_TIMEOUT_S = 2


def database_ready() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure is "not ready"; the log has which
        log.exception("Readiness: the database does not answer")
        return False


def broker_ready() -> bool | None:
    """True or False; None when tasks run in-process (no broker to reach)."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return None
    try:
        with current_app.connection_for_write(
            url=settings.CELERY_BROKER_URL or None, connect_timeout=BROKER_TIMEOUT_S
        ) as conn:
            conn.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_S)
        return True
    except Exception:
        log.exception("Readiness: the broker does not answer")
        return False


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == LIVE and request.method in ("GET", "HEAD"):
            return JsonResponse({"status": "ok"}, headers={"Cache-Control": "no-store"})
        if request.path == READY and request.method in ("GET", "HEAD"):
            return self.ready()
        return self.get_response(request)

    @staticmethod
    def ready() -> JsonResponse:
        checks = {"database": database_ready(), "broker": broker_ready()}
        words = {True: "ok", False: "unreachable", None: "not used (tasks run in-process)"}
        ok = all(value is not False for value in checks.values())
        return JsonResponse(
            {"status": "ok" if ok else "unavailable"}
            | {name: words[value] for name, value in checks.items()},
            status=200 if ok else 503,
            headers={"Cache-Control": "no-store"},
        )
