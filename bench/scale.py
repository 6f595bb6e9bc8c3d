"""The shortlist, board, analytics and careers pages at 100,000 applications in one role and
1,000,000 in the database, against the same pages of a 10,000-application role in the same
database: p50, p95, max and queries per page, and the queries must not grow with the role.

    .venv/bin/python bench/scale.py [--reseed] [--requests 60] [--budget 20]

PostgreSQL only (DATABASE_URL's server, or 127.0.0.1:5432 as scripts/services.sh starts it).
The data lives in a database of its own, `scale_passionhire` (`--database`), which is kept:
the first run creates and migrates it and seeds it (bench/_scale_seed.py: COPY, then the two
measured roles scored by the real re-rank job, about ten minutes), later runs migrate it and
reuse the seed when its counts match (`--reseed` drops it and starts again). Every run checks
the seed against the app: stages against their StageChange history, and a sample of stored
scores against what the scoring service computes (in a transaction rolled back).

Pages go through Django's test client on that database (every middleware, the right user
logged in), each warmed once and then requested up to `--requests` times or for `--budget`
seconds, at least 5 times; a timed request that writes anything fails the run. The last
line is JSON; "ratio_p50" is a page's p50 over the one-query baseline page's in the same run.
Exit status 1, with a FAIL line, when a page's queries differ between the roles or between
requests.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import time
from urllib.parse import urlsplit

import _django
import psycopg
from psycopg import sql

MIN_REQUESTS = 5
SAMPLE = 25  # stored scores checked against the scoring service
DEFAULT_URL = "postgres://passionhire:passionhire@127.0.0.1:5432/passionhire"
# The root URLconf of the timed requests: the app's, plus bench/shortlist.py's baseline pages
# (filled in by main(), once Django is set up).
urlpatterns: list = []


def _url(name: str) -> str:
    parts = urlsplit(os.environ.get("DATABASE_URL") or DEFAULT_URL)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("bench/scale.py needs PostgreSQL: set DATABASE_URL (scripts/services.sh)")
    return parts._replace(path=f"/{name}").geturl()


def _complete(url: str) -> bool:
    """Does the database hold the whole seed, scored (scoring is the seed's last step)?"""
    from _scale_seed import BIG, BIG_TITLE, SMALL, SMALL_TITLE, TOTAL

    scored = (
        "SELECT count(*) FROM candidates_application a JOIN candidates_role r "
        "ON r.id = a.role_id WHERE r.title = %s AND a.composite_score IS NOT NULL"
    )
    try:
        with psycopg.connect(url) as db:
            total = db.execute("SELECT count(*) FROM candidates_application").fetchone()[0]
            big = db.execute(scored, [BIG_TITLE]).fetchone()[0]
            small = db.execute(scored, [SMALL_TITLE]).fetchone()[0]
    except psycopg.Error:
        return False
    return (total, big, small) == (TOTAL, BIG, SMALL)


def prepare(name: str, reseed: bool) -> bool:
    """Create (or drop and create) the database and migrate it; is the seed complete?"""
    from django.db import connection

    url = _url(name)
    complete = not reseed and _complete(url)
    connection.close()
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if found and not complete:
            admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
        if not found or not complete:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "true"}
    subprocess.run(  # noqa: S603  # nosec B603: our interpreter, our manage.py
        [sys.executable, "manage.py", "migrate", "-v0"], cwd=_django.REPO, env=env, check=True
    )
    return complete


def seed_and_score() -> dict:
    import _scale_seed
    from shortlist import rerank

    started = time.perf_counter()
    counts = _scale_seed.seed(random.Random(19))
    copied = time.perf_counter() - started
    big, small = _scale_seed.measured_roles()
    scoring = {"rerank_100k_s": rerank(big, empathy=6), "rerank_10k_s": rerank(small, empathy=6)}
    _scale_seed.analyze()
    return {
        **counts,
        "copy_s": round(copied, 1),
        **{k: round(v, 1) for k, v in scoring.items()},
        "seed_s": round(time.perf_counter() - started, 1),
    }


FUNNEL_SQL = "ARRAY[{}]::varchar[]"
HISTORY_SQL = """
    WITH last AS (
        SELECT DISTINCT ON (application_id) application_id, to_stage
        FROM candidates_stagechange ORDER BY application_id, changed_at DESC, id DESC
    ), furthest AS (
        SELECT application_id, MAX(array_position({funnel}, to_stage)) - 1 AS reached
        FROM candidates_stagechange GROUP BY application_id
    )
    SELECT COUNT(*) FILTER (WHERE COALESCE(last.to_stage, 'applied') <> app.stage),
           COUNT(*) FILTER (WHERE COALESCE(furthest.reached, 0) <> app.reached)
    FROM candidates_application app
    LEFT JOIN last ON last.application_id = app.id
    LEFT JOIN furthest ON furthest.application_id = app.id
"""


def consistency(big, small) -> dict:
    """The seed as the app would have written it: each stage is where its last StageChange
    went and `reached` the furthest of them; each sampled stored score is what the scoring
    service (the scoring task's call) computes from the evidence, checked in a transaction
    that is rolled back."""
    from django.db import connection, transaction

    from candidates.models import FUNNEL, Application
    from candidates.services import application_refresh_composite
    from candidates.services.shortlist import SCORE_FIELDS

    funnel = FUNNEL_SQL.format(", ".join(f"'{s}'" for s in FUNNEL))  # the code's constants
    with connection.cursor() as cursor:
        cursor.execute(HISTORY_SQL.format(funnel=funnel))  # nosec B608
        wrong_stage, wrong_reached = cursor.fetchone()
    rng, differ, checked = random.Random(7), [], 0
    for role in (big, small):
        ids = list(Application.objects.filter(role=role).values_list("pk", flat=True))
        for pk in rng.sample(ids, SAMPLE):
            stored = Application.objects.values_list(*SCORE_FIELDS).get(pk=pk)
            with transaction.atomic():
                fresh = application_refresh_composite(application_id=pk)
                transaction.set_rollback(True)
            again = tuple(getattr(fresh, name) for name in SCORE_FIELDS)
            if any(abs((a or 0) - (b or 0)) > 1e-9 for a, b in zip(stored, again, strict=True)):
                differ.append(pk)
            checked += 1
    return {
        "stage_not_last_move": wrong_stage,
        "reached_not_furthest": wrong_reached,
        "scores_checked": checked,
        "scores_differing": len(differ),
    }


def _without_idle_clock(statements: list[str]) -> list[str]:
    """Less the session's save that moves its idle expiry on (passionhire/middleware.py: at
    most once every five minutes; BEGIN, UPDATE django_session, COMMIT): housekeeping that
    lands in whichever request comes next, not the page's work."""
    skip = set()
    for i, text in enumerate(statements):
        if text.startswith('UPDATE "django_session"'):
            skip |= {i} | {
                j for j in (i - 1, i + 1) if statements[j : j + 1] in (["BEGIN"], ["COMMIT"])
            }
    return [text for i, text in enumerate(statements) if i not in skip]


def timed(client, url: str, *, requests: int, budget_s: float) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: templates, connection, caches
    times, counts, writes = [], set(), []
    deadline = time.perf_counter() + budget_s
    while len(times) < requests and (len(times) < MIN_REQUESTS or time.perf_counter() < deadline):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        statements = _without_idle_clock([q["sql"] for q in captured])
        counts.add(len(statements))
        writes += [
            text[:80]
            for text in statements
            if text.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
        ]
    p = _django.percentile
    return {
        "n": len(times),
        "p50_ms": round(p(times, 50), 1),
        "p95_ms": round(p(times, 95), 1),
        "max_ms": round(max(times), 1),
        "queries": max(counts),
        "queries_vary": len(counts) > 1,
        "writes": writes[:3],
    }


def pages(big, small, recruiter) -> tuple[list, list]:
    """(per-role pages: name, who, url of a role; database-wide pages: name, who, url)."""
    from django.urls import reverse

    def manager(role):
        return role.hiring_manager

    analytics = reverse("hiring:analytics")
    per_role = [
        ("shortlist page 1", manager, lambda r: reverse("hiring:shortlist", args=[r.pk])),
        (
            "shortlist filtered, sorted",
            manager,
            lambda r: (
                reverse("hiring:shortlist", args=[r.pk])
                + "?min_empathy=60&flag=warnings&sort=courage"
            ),
        ),
        ("board", manager, lambda r: reverse("hiring:role_board", args=[r.pk])),
        (
            "board, recruiter",
            lambda r: recruiter,
            lambda r: reverse("hiring:role_board", args=[r.pk]),
        ),
        ("analytics, one role", lambda r: recruiter, lambda r: f"{analytics}?role={r.pk}"),
        ("analytics, manager's roles", manager, lambda r: analytics),
        ("careers role page", lambda r: None, lambda r: reverse("careers:role", args=[r.pk])),
    ]
    whole = [
        ("analytics, all roles", recruiter, analytics),
        ("careers listing", None, reverse("careers:list")),
        ("baseline: one-query page", big.hiring_manager, "/bench/baseline/"),
        ("bare: one query, no template", big.hiring_manager, "/bench/bare/"),
    ]
    return per_role, whole


def measure(big, small, recruiter, args) -> dict:
    from django.test import Client, override_settings

    clients: dict = {}

    def client_for(user):
        if user not in clients:
            clients[user] = Client()
            if user is not None:
                clients[user].force_login(user)
        return clients[user]

    per_role, whole = pages(big, small, recruiter)
    out = {}
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"]):
        for name, who, url in per_role:
            out[name] = {
                size: timed(client_for(who(role)), url(role), **args)
                for size, role in (("10k", small), ("100k", big))
            }
        for name, who, url in whole:
            out[name] = {"1M": timed(client_for(who), url, **args)}
    return out


def failures(results: dict) -> list[str]:
    found = []
    for name, by_size in results.items():
        runs = list(by_size.values())
        if len({r["queries"] for r in runs}) > 1:
            found.append(f"{name}: queries grow with the role ({runs[0]['queries']} at 10k, "
                         f"{runs[1]['queries']} at 100k)")  # fmt: skip
        if any(r["queries_vary"] for r in runs):
            found.append(f"{name}: queries vary from one request to the next")
        if any(r["writes"] for r in runs):
            found.append(f"{name}: a GET wrote: {[r['writes'] for r in runs]}")
    # All roles against a manager's (the same unfiltered form): the same statements.
    mine = results["analytics, manager's roles"]["100k"]["queries"]
    if results["analytics, all roles"]["1M"]["queries"] != mine:
        found.append("analytics: all roles and a manager's roles run different numbers of queries")
    return found


def report(results: dict, seeded: dict, checks: dict, load: tuple, vendor: str) -> bool:
    base = results["baseline: one-query page"]["1M"]["p50_ms"]
    print(f"\nScale bench on {vendor}: 1,000,000 applications in 300 roles\n")
    print(f"{'':<30} {'10,000 in the role':^31} {'100,000 (or all 1,000,000)':^31}")
    metrics = f"{'p50':>7} {'p95':>7} {'max':>7} {'q':>7}"
    print(f"{'page (ms)':<30} {metrics} {metrics} {'p50/base':>8}")
    for name, by_size in results.items():
        runs = [by_size.get("10k"), by_size.get("100k") or by_size.get("1M")]
        cells = [
            " ".join(f"{run[k]:>7}" for k in ("p50_ms", "p95_ms", "max_ms", "queries"))
            if run
            else f"{'':>31}"
            for run in runs
        ]
        print(f"{name:<30} {cells[0]} {cells[1]} {runs[1]['p50_ms'] / base:>8.1f}")
    problems = failures(results)
    slow = [
        f"{name} {size}: p95 {run['p95_ms']:.0f} ms"
        for name, by_size in results.items()
        for size, run in by_size.items()
        if run["p95_ms"] > 1000
    ]
    for line in problems:
        print(f"FAIL: {line}")
    print(f"over 1 s at p95: {', '.join(slow) or 'none'}")
    print(f"load average at start {load[0]}, at end {load[1]}")
    result = {
        "database": vendor,
        "applications": 1_000_000,
        "role_sizes": [10_000, 100_000],
        "seed": seeded,
        "consistency": checks,
        "pages": results,
        "baseline_p50_ms": base,
        "ratio_p50": {
            name: {size: round(run["p50_ms"] / base, 2) for size, run in by_size.items()}
            for name, by_size in results.items()
        },
        "constant_queries": not problems,
        "failures": problems,
        "over_1s": slow,
        "loadavg_start": load[0],
        "loadavg_end": load[1],
    }
    print(json.dumps(result))
    return not problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="scale_passionhire")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per page at most")
    args = parser.parse_args()
    load_start = tuple(round(x, 2) for x in os.getloadavg())
    os.environ["DATABASE_URL"] = _url(args.database)
    _django.setup(test_database=False)  # settings only: nothing connects before prepare()

    import _scale_seed
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.urls import include, path
    from shortlist import bare, baseline

    complete = prepare(args.database, args.reseed)

    urlpatterns[:] = [
        path("bench/baseline/", baseline),
        path("bench/bare/", bare),
        path("", include("passionhire.urls")),
    ]
    seeded = {"reused": True} if complete else seed_and_score()
    print(f"seed: {seeded}", flush=True)
    big, small = _scale_seed.measured_roles()
    checks = consistency(big, small)
    print(f"consistency: {checks}", flush=True)
    recruiter = get_user_model().objects.get(username="scale-recruiter")
    results = measure(big, small, recruiter, {"requests": args.requests, "budget_s": args.budget})
    load = (load_start, tuple(round(x, 2) for x in os.getloadavg()))
    ok = report(results, seeded, checks, load, connection.vendor)
    sys.stdout.flush()
    if not ok or checks["scores_differing"] or checks["stage_not_last_move"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
