"""Load: gunicorn on PostgreSQL, driven by locust (headless) with 32 concurrent users.

    .venv/bin/python bench/load.py [--users 32] [--seconds 60] [--workers N]

Seeds its own database (`load_passionhire`: the demo data, plus fresh Passion Test links),
starts gunicorn (production settings, DEBUG off) on 127.0.0.1:8765 and runs two phases the same
way: a trivial one-query page alone (the baseline), then the realistic mix — hiring managers
on shortlists and profiles, an interviewer submitting scorecards, candidates opening a Passion
Test, saving answers twice as they go and submitting. Tasks run in the request (no broker), so
scoring is inside the submit's time. Last line: JSON with `requests`, `errors`, `p50_ms`,
`p95_ms`, `rps` and `rps_ratio` (mix rps / baseline rps).
"""

import argparse
import csv
import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _services import REPO, services_environment

PORT = 8765
DB_NAME = "load_passionhire"


def ensure_locust() -> str:
    locust = Path(sys.executable).parent / "locust"
    if not locust.exists():
        print("installing locust (pip install -e .[bench])", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "-e", f"{REPO}[bench]"], check=True
        )
    return str(locust)


def database_url() -> str:
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{base}/{DB_NAME}"


def seed(env: dict, links: int) -> dict:
    """A fresh database with the demo data and `links` open Passion Test links."""
    import psycopg

    admin = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin.execute(f"CREATE DATABASE {DB_NAME}")
    admin.close()
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v", "0"], ["seed_demo"]):
        subprocess.run(manage + command, cwd=REPO, env=env, check=True, capture_output=True)
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from candidates import services
    from candidates.models import Application, Candidate, Role
    from interviews.models import Interview
    from tests.factories import answers_for

    role = Role.objects.filter(hiring_manager__username="manager").first()
    recruiter = get_user_model().objects.get(username="recruiter")
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Load {i}", email=f"load{i}@load.example", consent_to_contact=True)
        for i in range(links)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=c, role=role) for c in candidates
    )
    from candidates.passion_test.paging import response_pages
    from tests.factories import page_form_data

    tests = []
    for application in applications:
        invitation = services.passion_test_invite(application=application, invited_by=recruiter)
        # Opened here so the answers can name options by this response's tokens.
        response = services.passion_test_open(invitation=invitation)
        pages = response_pages(response)
        answers = answers_for([q for page in pages for q in page])
        tests.append(
            {
                "token": services.invitation_token(invitation),
                "pages": [page_form_data(response, page, answers) for page in pages],
            }
        )
    interview = Interview.objects.filter(
        participants__interviewer__username="employee", kind="values", starts_at__lt=django_now()
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
        "tests": tests,
    }


def django_now():
    from django.utils import timezone

    return timezone.now()


def wait_until_up(path: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
        try:
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
        finally:
            connection.close()
    raise SystemExit(f"gunicorn did not answer on {path}")


def run_locust(locust: str, users: int, seconds: int, classes: list[str], out: Path, env) -> dict:
    prefix = out / "_".join(classes)
    subprocess.run(
        [locust, "-f", str(REPO / "bench" / "locustfile.py"), "--headless", "--only-summary"]
        + ["-u", str(users), "-r", str(users), "-t", f"{seconds}s"]
        + ["--host", f"http://127.0.0.1:{PORT}", "--csv", str(prefix), "--loglevel", "ERROR"]
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
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": "",  # tasks in the request: scoring is inside the submit's time
        "EMAIL_URL": "memorymail://",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "LOGIN_FAILURE_LIMIT": "1000",
        "DJANGO_SETTINGS_MODULE": "passionhire.settings",
    }
    print(f"seeding {DB_NAME} (demo data + {args.links} Passion Test links)")
    data = seed(env, args.links)
    data_file = work / "data.json"
    data_file.write_text(json.dumps(data))
    server_env = env | {"DJANGO_SETTINGS_MODULE": "load_settings"}
    log = (work / "gunicorn.log").open("w")
    gunicorn = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "passionhire.wsgi"]
        + ["--pythonpath", f"{REPO},{REPO / 'bench'}", "-b", f"127.0.0.1:{PORT}"]
        + ["-w", str(args.workers), "--access-logfile", "-", "--log-level", "warning"],
        cwd=REPO,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        wait_until_up("/bench/baseline/")
        locust_env = env | {"LOAD_DATA": str(data_file)}
        base = run_locust(locust, args.users, args.baseline_seconds, ["Baseline"], work, locust_env)
        mix = run_locust(
            locust,
            args.users,
            args.seconds,
            ["HiringManager", "Interviewer", "Candidate"],
            work,
            locust_env,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        log.close()

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
