"""The REST API at scale, and webhooks through a real worker, in one run.

    .venv/bin/python bench/api.py [--applications 10000] [--requests 200] [--webhooks 500]

Lists: one role with N scored applications (and a second role of another hiring manager with
as many, which the hiring manager's token must never read) on a throwaway PostgreSQL database,
`bench_api`. Timed through Django's test client with every middleware on, as a hiring
manager's token: the first page of /api/v1/applications/ (50 a page), a page deep in the
list (reached by following the signed cursor), and /api/v1/me/ as the yardstick in the same
run (the token checked, one small answer). Queries per request are counted at N and at 100
applications: they must not grow.

Webhooks: bench/webhooks.py's `measure` on the same database, through real Celery workers and
a Redis of our own, a receiver that fails 10 % of requests.

Prints tables; the last line is JSON with `list_p95_ms`, `list_queries`, `webhooks`, `lost`,
`duplicated`, `delivery_p95_ms` and the ratios to the yardstick.
"""

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from webhooks import _percentile, measure  # noqa: E402


def seed(n: int):
    """Two roles with `n` scored applications each; returns (hiring manager, role)."""
    from django.contrib.auth.models import Group

    from candidates.models import Application, Candidate, Role
    from passionhire.permissions import HIRING_MANAGER
    from passionhire.traits import Trait
    from tests.factories import HiringManagerFactory, RecruiterFactory

    Group.objects.get_or_create(name=HIRING_MANAGER)
    recruiter = RecruiterFactory(username="bench-recruiter")
    roles = []
    for index in range(2):
        manager = HiringManagerFactory(username=f"bench-manager-{index}")
        roles.append(
            Role.objects.create(
                title=f"Support {index}", team="Care", hiring_manager=manager, created_by=recruiter
            )
        )
    rng = random.Random(21)
    for index, role in enumerate(roles):
        candidates = Candidate.objects.bulk_create(
            Candidate(name=f"Person {index}-{i}", email=f"p{index}-{i}@example.com")
            for i in range(n)
        )
        rows = []
        for candidate in candidates:
            scores = {f"score_{t.value}": rng.uniform(20, 95) for t in Trait}
            composite = statistics.fmean(scores.values())
            rows.append(
                Application(
                    candidate=candidate,
                    role=role,
                    stage=rng.choice(["applied", "passion_test", "interviews"]),
                    composite_score=composite,
                    confidence=rng.uniform(0.2, 0.9),
                    rank_score=composite * 0.9,
                    flags=0,
                    **scores,
                )
            )
        Application.objects.bulk_create(rows, batch_size=2000)
    # What autovacuum does soon after a bulk load in production: without statistics the
    # planner guesses 14 rows per role and sorts all 10,000 (16 ms instead of 0.15 ms).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return roles[0].hiring_manager, roles[0]


def time_calls(client, url: str, headers: dict, requests: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, **headers)  # warm
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, **headers)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:200]
    with CaptureQueriesContext(connection) as queries:
        client.get(url, **headers)
    return times, len(queries)


def measure_lists(n: int, requests: int) -> dict:
    from django.test import Client
    from django.urls import reverse

    from candidates.models import Application
    from hiring.api.tokens import token_create

    manager, role = seed(n)
    secret = token_create(user=manager, name="bench", scope="read", days=7).secret
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client = Client()
    first = reverse("api:applications") + "?page_size=50"
    # Follow the cursor 40 pages in (2,000 applications deep).
    url, pages = first, 0
    while pages < 40:
        body = client.get(url, **headers).json()
        assert all(row["role"] == role.pk for row in body["results"])  # never the other role
        url, pages = body["next"], pages + 1
    deep = url
    yard, yard_q = time_calls(client, reverse("api:me"), headers, requests)
    top, top_q = time_calls(client, first, headers, requests)
    inner, inner_q = time_calls(client, deep, headers, requests)
    # The same list at 100 applications: the query count must not depend on N.
    Application.objects.filter(role=role).exclude(
        pk__in=Application.objects.filter(role=role).order_by("pk").values("pk")[:100]
    ).delete()
    _, small_q = time_calls(client, first, headers, 3)
    rows = {
        "yardstick /me": yard,
        "applications p1": top,
        "applications p41": inner,
    }
    print(f"\n{'request':<20} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for (name, times), queries in zip(rows.items(), (yard_q, top_q, inner_q), strict=True):
        print(
            f"{name:<20} {_percentile(times, 50):>8.1f} {_percentile(times, 95):>8.1f} {queries:>8}"
        )
    print(f"{'applications p1 @100':<20} {'':>8} {'':>8} {small_q:>8}")
    list_p95 = max(_percentile(top, 95), _percentile(inner, 95))
    return {
        "applications": n,
        "list_p95_ms": round(list_p95, 1),
        "list_p50_ms": round(_percentile(top, 50), 1),
        "deep_page_p95_ms": round(_percentile(inner, 95), 1),
        "yardstick_p95_ms": round(_percentile(yard, 95), 1),
        "list_vs_yardstick_p95": round(list_p95 / _percentile(yard, 95), 2),
        "list_queries": top_q,
        "list_queries_deep": inner_q,
        "list_queries_at_100": small_q,
        "queries_constant": top_q == inner_q == small_q,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--webhooks", type=int, default=500)
    args = parser.parse_args()

    from _services import django_with_own_redis

    # The bench measures speed, not the rate limit.
    redis = django_with_own_redis(API_RATE_LIMIT="100000/min")
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = ["*"]
    connection.settings_dict["TEST"]["NAME"] = "bench_api"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        lists = measure_lists(args.applications, args.requests)
        hooks = measure(args.webhooks)
    finally:
        connection.creation.destroy_test_db("bench_api", verbosity=0)
        redis.close()
    print(f"\n{'webhooks':<18} {'value':>10}")
    for key, value in hooks.items():
        print(f"{key:<18} {value:>10}")
    print(
        json.dumps(
            lists
            | {
                "webhooks": hooks["webhooks"],
                "lost": hooks["lost"],
                "duplicated": hooks["duplicated"],
                "delivery_p95_ms": hooks["delivery_p95_ms"],
                "delivery_p50_ms": hooks["delivery_p50_ms"],
                "webhooks_per_second": hooks["per_second"],
                "answered_500": hooks["answered_500"],
            }
        )
    )


if __name__ == "__main__":
    main()
