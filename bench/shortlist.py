"""How fast the ranked shortlist is at scale, against a trivial view in the same run.

    .venv/bin/python bench/shortlist.py [--applications 10000] [--requests 200]

Seeds one role with N applications and about 22 evidence rows each (a Passion Test, two
interviews, most with a team meet, some referrals: at least 200,000 rows at N = 10,000) on a
throwaway database (SQLite in memory, or a test copy of DATABASE_URL's PostgreSQL), scores them
with the re-rank job, then times page 1 of the shortlist through Django's test client (the
hiring manager logged in, every middleware on), the same for a deliberately trivial one-query
view, and a full re-rank after a weight change. Prints a table; the last line is JSON.
"""

import argparse
import json
import random
import sys
import time

import _django

_django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import RequestContext, Template  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402

from candidates import services  # noqa: E402
from candidates.models import Application, Candidate, Evidence, RerankJob, Role  # noqa: E402
from passionhire.permissions import HIRING_MANAGER  # noqa: E402
from passionhire.traits import Trait  # noqa: E402

TRAITS = list(Trait.values)


TRIVIAL_PAGE = Template(
    '{% extends "base.html" %}{% block content %}<p>{{ count }} roles.</p>{% endblock %}'
)


def baseline(request):
    """The yardstick: a page of the app (same middleware, login, layout and navbar) whose
    view runs one query and renders one line."""
    return HttpResponse(
        TRIVIAL_PAGE.render(RequestContext(request, {"count": Role.objects.count()}))
    )


def bare(request):
    """No layout at all: one query and a few bytes (printed for reference)."""
    return HttpResponse(str(Role.objects.filter(pk=1).exists()))


urlpatterns = [
    path("bench/baseline/", baseline),
    path("bench/bare/", bare),
    path("", include("passionhire.urls")),
]


def seed(n: int, rng: random.Random) -> tuple[Role, object, int]:
    User = get_user_model()
    manager = User.objects.create(username="bench-hm", first_name="Bench", last_name="Manager")
    manager.groups.add(Group.objects.get_or_create(name=HIRING_MANAGER)[0])
    role = Role.objects.create(title="Bench role", team="Bench", hiring_manager=manager)
    candidates = Candidate.objects.bulk_create(
        (Candidate(name=f"Candidate {i}", email=f"c{i}@bench.example") for i in range(n)),
        batch_size=5000,
    )
    stages = ["applied", "passion_test", "interviews", "team_meet", "decision", "rejected"]
    applications = Application.objects.bulk_create(
        (Application(candidate=c, role=role, stage=rng.choice(stages)) for c in candidates),
        batch_size=5000,
    )
    rows = []
    count = 0
    for application in applications:
        rows.extend((application, *evidence) for evidence in evidence_for(rng))
        if len(rows) >= 20000:
            count += _flush(rows)
    count += _flush(rows)
    return role, manager, count


def evidence_for(rng: random.Random) -> list[tuple[str, str, float, float, str]]:
    """One application's evidence as (trait, source, value, weight, origin): a Passion Test
    score per trait, two interviews (each rated 95 % of the time), a team meet 60 % of the
    time, and a referral one time in ten (bench/_scale_seed.py writes the same)."""
    level = rng.gauss(60, 15)

    def value(spread=15.0):
        return max(0.0, min(100.0, rng.gauss(level, spread)))

    rows = []
    reliability = rng.choice([1.0, 0.95, 0.9, 0.8, 0.3])
    for trait in TRAITS:
        rows.append((trait, "passion_test", value(), reliability, "pt"))
        for interview in (1, 2):
            if rng.random() < 0.95:
                rows.append(
                    (
                        trait,
                        "interview",
                        (rng.randint(1, 5) - 1) * 25.0,
                        1.0,
                        f"interview:{interview}",
                    )
                )
        if rng.random() < 0.6:
            rows.append((trait, "team_meet", value(25), 0.5, "meet"))
    if rng.random() < 0.1:
        rows.append((rng.choice(TRAITS), "referral", 75.0, 0.25, "referral"))
    return rows


def _flush(rows: list) -> int:
    Evidence.objects.bulk_create(
        Evidence(application=a, trait=t, source=s, value=v, weight=w, origin=o)
        for a, t, s, v, w, o in rows
    )
    written = len(rows)
    rows.clear()
    return written


def rerank(role: Role, **weights) -> float:
    """A weight change on a role too big for the request: time the job the task runs."""
    start = time.perf_counter()
    with override_settings(PASSIONHIRE={**_settings(), "RERANK_SYNC_LIMIT": 0}):
        result = services.role_set_weights(
            role=role, changed_by=None, trait_weights=weights, source_weights={}
        )
        job = services.role_rerank(job_id=result.job.pk)
    assert job.done == job.total == Application.objects.filter(role=role).count(), job
    return time.perf_counter() - start


def _settings() -> dict:
    from django.conf import settings

    return settings.PASSIONHIRE


def timed(client: Client, url: str, requests: int) -> tuple[list[float], int]:
    client.get(url)  # warm up: templates, connections
    times, queries = [], 0
    for _ in range(requests):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
        queries = max(queries, len(captured))
    return times, queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(11)
    start = time.perf_counter()
    role, manager, evidence = seed(args.applications, rng)
    seed_s = time.perf_counter() - start
    first_score_s = rerank(role, empathy=5)
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        client.force_login(manager)
        page_ms, page_queries = timed(
            client, reverse("hiring:shortlist", args=[role.pk]), args.requests
        )
        filtered_ms, _ = timed(
            client,
            reverse("hiring:shortlist", args=[role.pk])
            + "?min_empathy=60&flag=warnings&sort=courage",
            args.requests,
        )
        pages = {}
        sample = list(
            Application.objects.filter(role=role, composite_score__isnull=False)
            .order_by("-composite_score")
            .values_list("pk", flat=True)[:3]
        )
        for name, url in (
            ("profile (hiring manager)", reverse("hiring:application_profile", args=[sample[0]])),
            (
                "compare 3 candidates",
                reverse("hiring:compare", args=[role.pk])
                + "?"
                + "&".join(f"a={pk}" for pk in sample),
            ),
            ("pipeline board", reverse("hiring:role_board", args=[role.pk])),
        ):
            pages[name] = timed(client, url, args.requests)
        base_ms, base_queries = timed(client, "/bench/baseline/", args.requests)
        bare_ms, bare_queries = timed(client, "/bench/bare/", args.requests)
    rerank_s = rerank(role, empathy=10, courage=2)
    assert not RerankJob.objects.filter(finished_at__isnull=True).exists()

    p = _django.percentile
    print(
        f"Shortlist bench: {args.applications:,} applications, {evidence:,} evidence rows, "
        f"{connection.vendor}; seeded in {seed_s:.1f} s, first scoring {first_score_s:.2f} s\n"
    )
    print(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for name, times, queries in (
        ("shortlist page 1", page_ms, page_queries),
        ("shortlist filtered, sorted by trait", filtered_ms, page_queries),
        *((name, times, queries) for name, (times, queries) in pages.items()),
        ("baseline: one-query page, layout", base_ms, base_queries),
        ("bare: one query, no template", bare_ms, bare_queries),
    ):
        print(
            f"{name:<34} {p(times, 50):>8.1f} {p(times, 95):>8.1f} {max(times):>8.1f} {queries:>8}"
        )
    print(f"\nre-rank after a weight change: {rerank_s:.2f} s")
    result = {
        "applications": args.applications,
        "evidence_rows": evidence,
        "database": connection.vendor,
        "requests": args.requests,
        "queries": page_queries,
        "p50_ms": round(p(page_ms, 50), 2),
        "p95_ms": round(p(page_ms, 95), 2),
        "filtered_p95_ms": round(p(filtered_ms, 95), 2),
        "baseline_p50_ms": round(p(base_ms, 50), 2),
        "ratio_p50": round(p(page_ms, 50) / p(base_ms, 50), 2),
        "bare_p50_ms": round(p(bare_ms, 50), 2),
        "pages": {
            name.split(" ")[0]: {
                "p50_ms": round(p(times, 50), 2),
                "queries": queries,
                "ratio_p50": round(p(times, 50) / p(base_ms, 50), 2),
            }
            for name, (times, queries) in pages.items()
        },
        "rerank_s": round(rerank_s, 2),
    }
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    try:
        main()
    finally:
        _django.teardown()
