"""What the HTTP benches (load.py, capacity.py) share: a database of their own with the demo
data and fresh Passion Test links, and gunicorn with production settings on a free port."""

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from _services import REPO


def database_url(name: str) -> str:
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    return f"{base}/{name}"


def server_environment(db_name: str) -> dict:
    """The environment of the seeding process and gunicorn: production settings (DEBUG off),
    tasks run in the request (no broker), email kept in memory, and the shared cache that
    production requires (its deploy check refuses an in-memory one) in Redis database 3, away
    from the broker's 1 and the tests' 2."""
    redis = os.environ["CELERY_BROKER_URL"].rsplit("/", 1)[0]
    return {
        **os.environ,
        "DATABASE_URL": database_url(db_name),
        "CELERY_BROKER_URL": "",  # tasks in the request: scoring is inside the submit's time
        "EMAIL_URL": "memorymail://",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": f"{redis}/3",
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
        "LOGIN_FAILURE_LIMIT": "1000",
        "DJANGO_SETTINGS_MODULE": "passionhire.settings",
    }


def create_demo_database(env: dict, db_name: str) -> None:
    """Drop and create `db_name`, migrate, load the demo data, and set up Django on it in
    this process (for the seeding that follows)."""
    import psycopg

    admin = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {db_name}")
    admin.execute(f"CREATE DATABASE {db_name}")
    admin.close()
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v", "0"], ["seed_demo"]):
        subprocess.run(manage + command, cwd=REPO, env=env, check=True, capture_output=True)
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def passion_test_links(applications, *, invited_by) -> list[dict]:
    """Invite each application to the Passion Test and open it. Per link: the `token`, the
    `response`, a consistent candidate's `answers` (as services take them) and the form data
    of each page (`pages`). Opened here so the form data can name options by this response's
    tokens."""
    from candidates import services
    from candidates.passion_test.paging import response_pages
    from tests.factories import answers_for, page_form_data

    tests = []
    for application in applications:
        invitation = services.passion_test_invite(application=application, invited_by=invited_by)
        response = services.passion_test_open(invitation=invitation)
        pages = response_pages(response)
        answers = answers_for([q for page in pages for q in page])
        tests.append(
            {
                "token": services.invitation_token(invitation),
                "response": response,
                "answers": answers,
                "pages": [page_form_data(response, page, answers) for page in pages],
            }
        )
    return tests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """gunicorn with `load_settings` (plain http on 127.0.0.1, plus /bench/baseline/) on a
    free port; `stop()` ends it and its workers."""

    def __init__(self, env: dict, *, workers: int, log: Path):
        self.port = free_port()
        self.log = log.open("w")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "passionhire.wsgi"]
            + ["--pythonpath", f"{REPO},{REPO / 'bench'}", "-b", f"127.0.0.1:{self.port}"]
            + ["-w", str(workers), "--access-logfile", "-", "--log-level", "warning"],
            cwd=REPO,
            env=env | {"DJANGO_SETTINGS_MODULE": "load_settings"},
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_until_up(self, path: str = "/bench/baseline/", timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            try:
                connection.request("GET", path)
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
            finally:
                connection.close()
        self.stop()
        raise SystemExit(f"gunicorn did not answer on {path}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()
