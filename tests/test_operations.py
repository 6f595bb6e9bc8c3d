"""What the people running PassionHire rely on: probes that a container platform can call,
logs a log system can parse without personal data, a mail server that hangs not holding a
worker, optional error reports that keep candidates' links out, and production as the default."""

import gzip
import io
import json
import logging
import smtplib
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.test import override_settings

from passionhire.error_reports import before_send
from tests.redis_server import free_port
from tests.test_settings import PRODUCTION, run_manage

# --- Probes -------------------------------------------------------------------------------


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["hire.example.com"])
def test_liveness_answers_a_probe_on_the_containers_own_address_without_a_redirect(client):
    response = client.get("/healthz", HTTP_HOST="172.18.0.5:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    # The same address gets the refusal any page gets: only the probes are let through.
    assert client.get("/accounts/login/", HTTP_HOST="172.18.0.5:8000").status_code == 400


@pytest.mark.django_db
@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_readiness_checks_the_real_database_and_broker(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.9")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@pytest.mark.django_db
def test_readiness_is_503_and_says_which_when_the_broker_is_down(client, caplog):
    nobody = f"redis://127.0.0.1:{free_port()}/0"  # a port nothing listens on
    with override_settings(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=nobody):
        started = time.monotonic()
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unreachable"}
    assert time.monotonic() - started < 10  # a probe gets its answer, not a hang
    assert "the broker does not answer" in caplog.text


@pytest.mark.django_db
def test_readiness_under_eager_tasks_says_there_is_no_broker_to_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["broker"] == "not used (tasks run in-process)"


def test_probes_take_only_reads(client):
    assert client.post("/healthz").status_code in (403, 404, 405)


# --- Logs ---------------------------------------------------------------------------------


def json_lines(logger_name: str):
    """A handler formatting like production's console (settings.LOGGING's json formatter and
    filters), writing to a buffer."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    config = settings.LOGGING
    formatter_config = dict(config["formatters"]["json"])
    formatter = import_string(formatter_config.pop("()"))(**formatter_config)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    for name in ("redact_link_tokens", "request_context"):
        handler.addFilter(import_string(config["filters"][name]["()"])())
    logging.getLogger(logger_name).addHandler(handler)
    return stream, handler


@pytest.mark.django_db
def test_a_log_line_is_json_with_the_request_id_and_user_id_and_no_personal_data(client, recruiter):
    stream, handler = json_lines("django.request")
    try:
        client.force_login(recruiter)
        response = client.get(
            "/t/secret-link-token/x/no-such-page/", HTTP_X_REQUEST_ID="req-12345678"
        )
    finally:
        logging.getLogger("django.request").removeHandler(handler)
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-12345678"
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["level"] == "WARNING"
    assert line["logger"] == "django.request"
    assert line["request_id"] == "req-12345678"
    assert "secret-link-token" not in line["message"]
    assert "/t/~" in line["message"]
    # The user is an id; their name, username and email appear nowhere in the line.
    assert "user_id" in line
    for personal in (recruiter.username, recruiter.email):
        assert personal not in stream.getvalue()


@pytest.mark.django_db
def test_a_request_id_that_could_forge_a_log_line_is_replaced(client):
    response = client.get("/careers/", HTTP_X_REQUEST_ID='x"\n{"level": "ERROR"}')
    assert response.status_code == 200
    assert len(response["X-Request-ID"]) == 32  # a fresh one
    assert response["X-Request-ID"].isalnum()


# --- Email --------------------------------------------------------------------------------


def test_a_mail_server_that_never_answers_fails_the_send_within_the_timeout():
    with socket.socket() as silent:  # accepts connections and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_TIMEOUT=1,
        ):
            started = time.monotonic()
            # smtplib reports the silence as a timeout or as the server having gone away.
            with pytest.raises((TimeoutError, smtplib.SMTPServerDisconnected), match="timed out"):
                mail.send_mail("Hello", "Body", "hiring@example.com", ["a@example.com"])
    assert time.monotonic() - started < 5


def test_the_email_timeout_is_set_by_default():
    from django.conf import settings

    assert settings.EMAIL_TIMEOUT == 10


# --- Production is the default ------------------------------------------------------------


def test_without_debug_set_the_app_runs_as_production_and_needs_a_secret_key():
    result = run_manage("check")  # DEBUG and SECRET_KEY both unset
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_logs_are_json_lines():
    code = "import logging; logging.getLogger('ops-check').warning('hello %s', 'there')"
    result = run_manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello there"
    assert line["level"] == "WARNING"
    assert line["request_id"] is None


# --- Error reports ------------------------------------------------------------------------


class Collector(BaseHTTPRequestHandler):
    """A stand-in for the error-report service: records what it is sent."""

    received: list[bytes] = []

    def do_POST(self):  # noqa: N802 (the standard library's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # sentry-sdk compresses with brotli only when it is installed
            import brotli

            body = brotli.decompress(body)
        Collector.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_an_error_report_reaches_the_service_without_the_link_token():
    server = HTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Collector.received.clear()
    try:
        code = (
            "import sentry_sdk\n"
            "try:\n    raise RuntimeError('broke on /t/secret-link-token/')\n"
            "except RuntimeError as error:\n    sentry_sdk.capture_exception(error)\n"
            "sentry_sdk.flush(5)\n"
        )
        dsn = f"http://publickey@127.0.0.1:{server.server_port}/1"
        result = run_manage("shell", "-c", code, **PRODUCTION, SENTRY_DSN=dsn)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr
    sent = b"".join(Collector.received).decode(errors="replace")
    assert "broke on /t/~" in sent
    assert "secret-link-token" not in sent


def test_an_error_report_keeps_no_cookies_bodies_addresses_or_user_details():
    event = {
        "request": {
            "url": "https://hire.example.com/s/status-token/",
            "cookies": {"sessionid": "abc"},
            "data": {"email": "ana@example.com"},
            "env": {"REMOTE_ADDR": "203.0.113.9"},
            "headers": {"Cookie": "sessionid=abc", "User-Agent": "x", "X-Forwarded-For": "1.2.3.4"},
        },
        "user": {"id": 7, "email": "staff@example.com", "username": "ana"},
    }
    sent = before_send(event, {})
    assert sent["request"] == {
        "url": sent["request"]["url"],
        "headers": {"User-Agent": "x"},
    }
    assert "status-token" not in sent["request"]["url"]
    assert sent["user"] == {"id": 7}


# --- Queues and the email pace ------------------------------------------------------------


def test_bulk_work_scoring_and_email_go_to_their_own_queues():
    from passionhire.celery import app

    def queue(name):
        return app.amqp.router.route({}, name)["queue"].name

    assert queue("interviews.tasks.send_slot_link_task") == "email"
    assert queue("candidates.tasks.send_rejection_email_task") == "email"
    assert queue("candidates.tasks.notify_referrers_task") == "email"
    assert queue("candidates.tasks.run_bulk_job_task") == "bulk"
    assert queue("candidates.tasks.send_bulk_message_task") == "bulk"  # not with the invitations
    assert queue("candidates.tasks.score_passion_test_task") == "scoring"
    assert queue("candidates.tasks.rerank_role_task") == "scoring"
    assert queue("passionhire.tasks.relay_outbox_task") == "celery"


@override_settings(CELERY_TASK_ALWAYS_EAGER=False)
def test_emails_over_the_minutes_allowance_wait_for_the_next_minute(settings):
    from django.core.cache import cache

    from passionhire.emails import EmailRateLimited, take_email_slot

    cache.clear()
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "EMAIL_PER_MINUTE": 2}
    minute = 1_800_000_000 // 60 * 60  # the start of some minute
    take_email_slot(now=minute + 10)
    take_email_slot(now=minute + 20)
    with pytest.raises(EmailRateLimited) as limited:
        take_email_slot(now=minute + 45)
    assert limited.value.retry_in == 16  # the next minute, and a second
    take_email_slot(now=minute + 61)  # a new minute, a new allowance
