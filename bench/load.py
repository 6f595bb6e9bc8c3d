"""Load: gunicorn on PostgreSQL, driven by locust (headless) with 32 concurrent users.

    .venv/bin/python bench/load.py [--users 32] [--seconds 60] [--workers N]

Seeds its own database (`load_passionhire`: the demo data, plus fresh Passion Test links),
starts gunicorn (production settings, DEBUG off) on a free port and runs two phases the same
way: a trivial one-query page alone (the baseline), then the realistic mix — hiring managers
on shortlists and profiles, an interviewer submitting scorecards, candidates opening a Passion
Test, saving answers twice as they go and submitting. Tasks run in the request (no broker), so
scoring is inside the submit's time. Last line: JSON with `requests`, `errors`, `p50_ms`,
`p95_ms`, `rps` and `rps_ratio` (mix rps / baseline rps).
"""

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from functools import partial
from pathlib import Path

from _gunicorn import Gunicorn, create_demo_database, passion_test_links, server_environment
from _services import REPO, services_environment

DB_NAME = "load_passionhire"


def ensure_locust() -> str:
    locust = Path(sys.executable).parent / "locust"
    if not locust.exists():
        print("installing locust (pip install -e .[bench])", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "-e", f"{REPO}[bench]"], check=True
        )
    return str(locust)


def seed(env: dict, links: int) -> dict:
    """A fresh database with the demo data and `links` open Passion Test links."""
    create_demo_database(env, DB_NAME)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from candidates.models import Application, Candidate, Role
    from interviews.models import Interview

    role = Role.objects.filter(hiring_manager__username="manager").first()
    recruiter = get_user_model().objects.get(username="recruiter")
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Load {i}", email=f"load{i}@load.example", consent_to_contact=True)
        for i in range(links)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=c, role=role) for c in candidates
    )
    tests = passion_test_links(applications, invited_by=recruiter)
    interview = Interview.objects.filter(
        participants__interviewer__username="employee",
        kind="values",
        starts_at__lt=timezone.now(),
    ).first()
    managed = Role.objects.filter(hiring_manager__username="manager")
    return {
        "manager": ["manager", "manage-with-passion"],
        "interviewer": ["employee", "refer-with-passion"],
        "roles": list(managed.values_list("pk", flat=True)),
        "applications": list(
            Application.objects.filter(role__in=managed, composite_score__isnull=False)
            .exclude(candidate__email__endswith="@load.example")
            .values_list("pk", flat=True)
        ),
        "interview": {"pk": interview.pk, "traits": list(interview.traits)},
        "tests": [{"token": t["token"], "pages": t["pages"]} for t in tests],
    }


def run_locust(
    locust: str, port: int, users: int, seconds: int, classes: list[str], out: Path, env
) -> dict:
    prefix = out / "_".join(classes)
    subprocess.run(
        [locust, "-f", str(REPO / "bench" / "locustfile.py"), "--headless", "--only-summary"]
        + ["-u", str(users), "-r", str(users), "-t", f"{seconds}s"]
        + ["--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--loglevel", "ERROR"]
        + classes,
        cwd=REPO,
        env=env,
        check=False,  # locust exits 1 when any request failed: the numbers say so
        stdout=subprocess.DEVNULL,
    )
    with open(f"{prefix}_stats.csv") as f:
        rows = list(csv.DictReader(f))
    return {row["Name"]: row for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--baseline-seconds", type=int, default=20)
    # As docker-compose.yml's web. Measured on 2 CPUs, 32 users: -w 2 p95 550 ms, -w 3 510 ms,
    # -w 5 (gunicorn's 2 x CPUs + 1) 730 ms: the mix is CPU bound, more workers only contend.
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--links", type=int, default=3000)
    args = parser.parse_args()
    services_environment()
    locust = ensure_locust()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    env = server_environment(DB_NAME)
    print(f"seeding {DB_NAME} (demo data + {args.links} Passion Test links)")
    data = seed(env, args.links)
    data_file = work / "data.json"
    data_file.write_text(json.dumps(data))
    gunicorn = Gunicorn(env, workers=args.workers, log=work / "gunicorn.log")
    try:
        gunicorn.wait_until_up()
        locust_env = env | {"LOAD_DATA": str(data_file)}
        run = partial(run_locust, locust, gunicorn.port, args.users, out=work, env=locust_env)
        base = run(args.baseline_seconds, ["Baseline"])
        mix = run(args.seconds, ["HiringManager", "Interviewer", "Candidate"])
    finally:
        gunicorn.stop()

    print(f"\n{args.users} users, {args.seconds} s, gunicorn -w {args.workers}, PostgreSQL\n")
    print(f"{'request':<26} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'rps':>8}")
    for name, row in sorted(mix.items()):
        print(
            f"{name:<26} {row['Request Count']:>7} {row['Failure Count']:>7} "
            f"{row['50%']:>8} {row['95%']:>8} {float(row['Requests/s']):>8.1f}"
        )
    b = base["Aggregated"]
    print(
        f"{'baseline (alone, before)':<26} {b['Request Count']:>7} {b['Failure Count']:>7} "
        f"{b['50%']:>8} {b['95%']:>8} {float(b['Requests/s']):>8.1f}"
    )
    errors = (work / "gunicorn.log").read_text().count("Traceback")
    total = mix["Aggregated"]
    shutil.rmtree(work, ignore_errors=True)
    print(
        json.dumps(
            {
                "requests": int(total["Request Count"]),
                "errors": int(total["Failure Count"]) + errors,
                "p50_ms": float(total["50%"]),
                "p95_ms": float(total["95%"]),
                "rps": round(float(total["Requests/s"]), 1),
                "rps_ratio": round(float(total["Requests/s"]) / float(b["Requests/s"]), 2),
                "baseline_rps": round(float(b["Requests/s"]), 1),
                "baseline_p95_ms": float(b["95%"]),
                "users": args.users,
                "seconds": args.seconds,
            }
        )
    )


if __name__ == "__main__":
    main()
