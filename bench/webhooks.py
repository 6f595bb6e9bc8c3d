"""Webhook throughput through a real Celery worker: N events emitted (each in its own
transaction, through the outbox), delivered by real workers to a real receiver that answers 500
to 10 % of the requests at random; then a count of what was lost and what was processed twice.

    .venv/bin/python bench/webhooks.py [--n 500] [--workers 2] [--fail-share 0.1]

Needs PostgreSQL and Redis from scripts/services.sh (started here if the environment does not
name them). Works on its own throwaway database, `bench_webhooks`, and a redis-server of its
own on a free port. The receiver verifies every signature and de-duplicates on webhook-id, as
a receiver should: lost = an event whose webhook-id never got a 2xx; duplicated = a webhook-id
answered 2xx more than once (a receiver that did not de-duplicate would have processed it
twice). Latency: from the emit (the payload's timestamp) to the 2xx receipt.

`measure(n)` runs the same on whatever database and broker the caller set up (bench/api.py):
Django set up on PostgreSQL, `CELERY_BROKER_URL` a real Redis. Last line: JSON with
`webhooks`, `lost`, `duplicated`, `delivery_p95_ms`.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

# Quick retries so a delivery that failed is tried again within the run (production waits
# minutes); never disabled for the 10 % it fails.
WORKER_ENV = {
    "WEBHOOKS_RETRY_SECONDS": "0.2,0.5,1,2,4,8",
    "WEBHOOKS_DISABLE_AFTER": "1000000",
    "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "true",  # the receiver is on 127.0.0.1
    "CELERY_TASK_ALWAYS_EAGER": "false",
    "LOG_LEVEL": "WARNING",
    "EMAIL_URL": "memorymail://",
}


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _start_workers(count: int, work: Path) -> list[subprocess.Popen]:
    from django.conf import settings
    from django.db import connection

    from passionhire.celery import app

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "passionhire.settings",
        "DEBUG": "true",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        ),
        "CELERY_BROKER_URL": app.conf.broker_url,
        **WORKER_ENV,
    }
    processes = []
    for number in range(count):
        log = (work / f"w{number}.log").open("w")
        command = [sys.executable, "-m", "celery", "-A", "passionhire", "worker"]
        command += ["--pool=solo", "--loglevel=WARNING", "-n", f"bench-hooks-{number}@%h"]
        command += ["-Q", settings.CELERY_QUEUES_ALL]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        processes.append(
            subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        )
    return processes


def _wait_until_ready(app, count: int, processes, work: Path, timeout: float = 60) -> None:
    """Every worker answers a ping: the run measures delivery, not a worker's start."""
    deadline = time.monotonic() + timeout
    while len(app.control.ping(timeout=0.5)) < count:
        if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
            logs = "\n".join(path.read_text()[-800:] for path in work.glob("*.log"))
            raise RuntimeError(f"the Celery workers did not start:\n{logs}")


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure(n: int = 500, *, workers: int = 2, fail_share: float = 0.1, timeout: float = 300):
    """Emit `n` events to one endpoint, deliver them through `workers` real Celery workers to
    a receiver failing `fail_share` of requests, and count. Returns the result as a dict."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from passionhire.celery import app
    from passionhire.webhooks import Event, emit
    from passionhire.webhooks.models import WebhookDelivery, WebhookEndpoint
    from passionhire.webhooks.services import new_secret
    from tests.webhook_receiver import Receiver

    if connection.vendor != "postgresql" or app.conf.broker_url.startswith("memory"):
        raise RuntimeError("bench/webhooks.py needs PostgreSQL and a real Redis broker.")
    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    receiver = Receiver(fail_share=fail_share, seed=21)
    owner, _ = get_user_model().objects.get_or_create(username="bench-webhooks")
    endpoint = WebhookEndpoint.objects.create(
        owner=owner, url=receiver.url, events=[Event.HIRED.value], secret=new_secret()
    )
    receiver.secret = endpoint.secret
    work = Path(tempfile.mkdtemp(prefix="bench-webhooks-"))
    processes = _start_workers(workers, work)
    try:
        _wait_until_ready(app, workers, processes, work)
        started = time.monotonic()
        for number in range(n):
            with transaction.atomic():
                emit(Event.HIRED, {"application_id": number, "bench": True})
        emitted_s = time.monotonic() - started
        deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
        while deliveries.filter(status=WebhookDelivery.Status.PENDING).exists():
            if time.monotonic() - started > timeout:
                break
            time.sleep(0.2)
        seconds = time.monotonic() - started
        time.sleep(0.5)  # answers still on the wire
    finally:
        _stop(processes)
        app.conf.task_always_eager = was_eager
        receiver.close()
    ids = set(deliveries.values_list("message_id", flat=True))
    statuses = Counter(deliveries.values_list("status", flat=True))
    attempts = sum(deliveries.values_list("attempts", flat=True))
    ok = Counter(
        item.message_id for item in receiver.received if 200 <= item.status < 300 and item.verified
    )
    accepted = receiver.accepted()
    latencies = [
        (item.at - datetime.fromisoformat(item.payload["timestamp"]).timestamp()) * 1000
        for item in accepted.values()
    ]
    result = {
        "webhooks": n,
        "delivered": len(ok.keys() & ids),
        "lost": n - len(ok.keys() & ids),
        "duplicated": sum(count - 1 for count in ok.values() if count > 1),
        "requests": len(receiver.received),
        "answered_500": sum(1 for item in receiver.received if item.status == 500),
        "unverified": sum(1 for item in receiver.received if not item.verified),
        "attempts_logged": attempts,
        "ours_delivered": statuses.get("delivered", 0),
        "ours_failed": statuses.get("failed", 0),
        "ours_pending": statuses.get("pending", 0),
        "emit_s": round(emitted_s, 2),
        "seconds": round(seconds, 2),
        "per_second": round(n / seconds, 1) if seconds else 0.0,
        "delivery_p50_ms": round(_percentile(latencies, 50), 1),
        "delivery_p95_ms": round(_percentile(latencies, 95), 1),
        "workers": workers,
    }
    WebhookEndpoint.objects.filter(pk=endpoint.pk).delete()
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fail-share", type=float, default=0.1)
    args = parser.parse_args()

    from _services import django_with_own_redis

    redis = django_with_own_redis()
    from django.db import connection

    connection.settings_dict["TEST"]["NAME"] = "bench_webhooks"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = measure(args.n, workers=args.workers, fail_share=args.fail_share)
    finally:
        connection.creation.destroy_test_db("bench_webhooks", verbosity=0)
        redis.close()
    print(f"\n{'measure':<18} {'value':>10}")
    for key, value in result.items():
        print(f"{key:<18} {value:>10}")
    print(
        json.dumps(
            {
                "webhooks": result["webhooks"],
                "lost": result["lost"],
                "duplicated": result["duplicated"],
                "delivery_p95_ms": result["delivery_p95_ms"],
                "delivery_p50_ms": result["delivery_p50_ms"],
                "per_second": result["per_second"],
                "requests": result["requests"],
                "answered_500": result["answered_500"],
            }
        )
    )


if __name__ == "__main__":
    main()
