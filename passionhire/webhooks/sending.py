"""One signed POST of a delivery to its endpoint (Standard Webhooks: webhook-id,
webhook-timestamp, webhook-signature over "id.timestamp.body"), with urllib3: connect and read
timeouts, no redirect followed, connected to the address that was checked."""

import json
import time
from dataclasses import dataclass

import urllib3
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.utils import timezone
from standardwebhooks import Webhook

from .addresses import AddressRefused, target_for

USER_AGENT = "PassionHire-Webhooks/1"


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str
    response_ms: int

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def body_of(payload: dict) -> str:
    """The JSON sent: keys sorted, so every attempt of a delivery sends the same bytes."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def signed_headers(*, message_id: str, body: str, secrets: list[str], now=None) -> dict:
    """The three Standard Webhooks headers; one v1 signature per secret (two while a rotated
    secret is still honoured)."""
    now = now or timezone.now()
    signatures = " ".join(
        Webhook(secret).sign(msg_id=message_id, timestamp=now, data=body) for secret in secrets
    )
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signatures,
    }


def _pool(target):
    options = settings.PASSIONHIRE
    timeout = urllib3.Timeout(
        connect=options["WEBHOOKS_CONNECT_TIMEOUT"], read=options["WEBHOOKS_READ_TIMEOUT"]
    )
    if target.scheme == "https":
        # The socket goes to the checked address; TLS still names and verifies the host.
        return urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=timeout,
            retries=False,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(target.address, target.port, timeout=timeout, retries=False)


def post(*, url: str, message_id: str, payload: dict, secrets: list[str]) -> Outcome:
    """POST the payload once. A refused address, a timeout or a connection error is an
    Outcome with no status code and the reason, never an exception."""
    started = time.monotonic()

    def elapsed() -> int:
        return int((time.monotonic() - started) * 1000)

    try:
        target = target_for(url)
    except AddressRefused as refused:
        return Outcome(None, f"Refused: {refused}"[:300], 0)
    body = body_of(payload)
    default_port = 443 if target.scheme == "https" else 80
    host_header = target.host if ":" not in target.host else f"[{target.host}]"
    if target.port != default_port:
        host_header = f"{host_header}:{target.port}"
    headers = {
        **signed_headers(message_id=message_id, body=body, secrets=secrets),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "host": host_header,
    }
    try:
        with _pool(target) as pool:
            response = pool.urlopen(
                "POST",
                target.path,
                body=body.encode(),
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                assert_same_host=False,
            )
            # A little of the answer, so the receiver can finish; never more than the read
            # timeout in all (a receiver dripping a byte at a time would hold the worker).
            deadline = started + settings.PASSIONHIRE["WEBHOOKS_READ_TIMEOUT"]
            read = 0
            while read < 64 * 1024 and time.monotonic() < deadline:
                chunk = response.read1(4096)  # what has come, not wait for 4 KB
                if not chunk:
                    break
                read += len(chunk)
            response.release_conn()
    except SoftTimeLimitExceeded:
        # The task's own time limit: logged as this attempt's failure, so it counts towards
        # disabling the endpoint, instead of vanishing with the task.
        return Outcome(None, "Timed out: the answer came too slowly", elapsed())
    except urllib3.exceptions.TimeoutError:
        return Outcome(None, "Timed out", elapsed())
    except urllib3.exceptions.HTTPError as error:
        reason = getattr(error, "reason", None) or error
        return Outcome(None, f"{type(error).__name__}: {reason}"[:300], elapsed())
    return Outcome(response.status, "", elapsed())
