"""Fixtures shared by the whole suite: users per role, real Celery worker, real Chromium."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.factories import (
    ComplianceFactory,
    EmployeeFactory,
    HiringManagerFactory,
    RecruiterFactory,
    RoleFactory,
)
from tests.redis_server import RedisServer

# pytest-playwright runs an event loop for the whole session; without this every ORM call made
# from a browser test would be refused as "async unsafe".
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / "artifacts" / "screenshots"


def pytest_collection_modifyitems(config, items):
    """Browser tests live in tests/e2e. Elsewhere a parameter or fixture named like one of
    Playwright's (`page`, `browser`, `context`) quietly makes a test a browser test; pytest then
    runs every browser test next to it, ahead of database tests that need the migrations' rows
    (which a browser test's flush empties). Refused at collection, with the culprits named."""

    def browser(item) -> bool:
        params = getattr(getattr(item, "callspec", None), "params", {})
        return "browser_name" in params or "browser_name" in getattr(item, "fixturenames", ())

    stray = [i.nodeid for i in items if browser(i) and not i.nodeid.startswith("tests/e2e/")]
    if stray:
        raise pytest.UsageError(
            "Browser fixtures outside tests/e2e (rename the parameter): " + ", ".join(stray[:5])
        )
    for item in items:
        if item.nodeid.startswith(EMBEDDED) and not item.get_closest_marker("postgresql"):
            item.add_marker(pytest.mark.embedded)


# What bin/test runs a second time on the embedded default a new user starts with (SQLite,
# tasks in-process, no Redis): every browser journey and the services and views a first
# visit goes through. Tests that need PostgreSQL, Redis or a real worker are not among them.
EMBEDDED = (
    "tests/e2e/",
    "tests/careers/",
    "tests/i18n/",
    "tests/candidates/test_passion_test_services.py",
    "tests/candidates/test_passion_test_pages.py",
    "tests/interviews/test_services.py",
    "tests/test_outbox.py",
    "tests/test_outbox_given_up.py",
    "tests/test_dashboards.py",
)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """The test database, as the migrations made it. When the backup tests are collected, a
    copy is taken now, before a transactional test empties it, for them to fill (instead of
    migrating a database of their own: 20 s); tests/test_backup.py drops it."""
    wanted = any(item.nodeid.startswith("tests/test_backup.py") for item in request.session.items)
    if wanted:
        from tests.test_backup import keep_a_migrated_copy

        keep_a_migrated_copy(django_db_blocker)
    yield
    if wanted:
        from tests.test_backup import drop_the_migrated_copy

        drop_the_migrated_copy()


@pytest.fixture(autouse=True)
def _fresh_cache_and_private_files(settings, tmp_path):
    """Each test starts with no rate-limit counts, no cached Passion Test pages and its own
    private file folder."""
    from django.core.cache import cache

    from candidates.passion_test.paging import forget_version_pages

    cache.clear()
    forget_version_pages()
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    yield
    cache.clear()
    forget_version_pages()


@pytest.fixture
def recruiter(db):
    return RecruiterFactory(username="rita", first_name="Rita", last_name="Recruiter")


@pytest.fixture
def hiring_manager(db):
    return HiringManagerFactory(username="hugo", first_name="Hugo", last_name="Manager")


@pytest.fixture
def other_hiring_manager(db):
    return HiringManagerFactory(username="olga", first_name="Olga", last_name="Other")


@pytest.fixture
def employee(db):
    return EmployeeFactory(username="emma", first_name="Emma", last_name="Employee")


@pytest.fixture
def compliance(db):
    return ComplianceFactory(username="cora", first_name="Cora", last_name="Compliance")


@pytest.fixture
def role(hiring_manager):
    return RoleFactory(title="Customer Success Manager", hiring_manager=hiring_manager)


# --- Real Chromium ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def screenshot(page):
    """screenshot("name") saves the current page under artifacts/screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, full_page: bool = True, of=None) -> Path:
        """Screenshot `of` (another page, e.g. a phone context's) or the test's page."""
        path = SCREENSHOTS / f"{name}.png"
        (of or page).screenshot(path=str(path), full_page=full_page)
        return path

    return take


# --- Real Redis and a real Celery worker ---------------------------------------------------


def _redis_client():
    import redis
    from django.conf import settings

    if not settings.CELERY_BROKER_URL:
        pytest.fail(
            "CELERY_BROKER_URL is not set: run the suite with bin/test, which starts Redis."
        )
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        pytest.fail(f"Redis is not reachable at {settings.CELERY_BROKER_URL}: {error}")
    return client


def _database_url_for_worker() -> str:
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.fail("The real-worker tests need PostgreSQL (run bin/test, which starts it).")
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class Worker:
    """A real `celery worker` process (solo pool) on the real Redis broker and the test
    database; emails it sends land as files in `mail_dir` (unless `EMAIL_URL` is given)."""

    def __init__(self, tmp_path: Path, name: str, env: dict, beat: bool):
        from django.conf import settings as django_settings

        from passionhire.celery import app

        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir(exist_ok=True)
        self.log_path = tmp_path / f"{name}.log"
        self._log = self.log_path.open("w")
        full_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "passionhire.settings",
            "DEBUG": "true",
            "DATABASE_URL": _database_url_for_worker(),
            "CELERY_BROKER_URL": app.conf.broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_URL": f"filemail:///{self.mail_dir}",  # environ drops one slash
            **env,
        }
        command = [sys.executable, "-m", "celery", "-A", "passionhire", "worker"]
        command += ["--pool=solo", "--loglevel=INFO", "-n", f"{name}@%h"]
        command += ["-Q", django_settings.CELERY_QUEUES_ALL]
        command += ["--without-heartbeat", "--without-gossip", "--without-mingle"]
        if beat:
            command += ["--beat", "--schedule", str(tmp_path / f"{name}-beat-schedule")]
        self.process = subprocess.Popen(
            command, cwd=REPO, env=full_env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self.name = name
        deadline = time.monotonic() + 30
        while "ready." not in self.log_path.read_text():
            if self.process.poll() is not None:
                pytest.fail(f"Celery worker exited early:\n{self.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"Celery worker was not ready in 30 s:\n{self.log()}")
            time.sleep(0.1)

    def log(self) -> str:
        return self.log_path.read_text()

    def mail(self) -> list[str]:
        return [path.read_text() for path in sorted(self.mail_dir.iterdir())]

    def kill(self) -> None:
        """SIGKILL: no clean shutdown, no ack, whatever it was doing is cut off."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


@pytest.fixture
def start_worker(transactional_db, tmp_path):
    """start_worker(name="w1", beat=False, **env) starts a real worker; all are stopped at the
    end. The test process stops running tasks eagerly and publishes to the real broker."""
    from passionhire.celery import app

    # Nothing stale from earlier, in any queue.
    _redis_client().delete("celery", "email", "scoring", "bulk", "unacked", "unacked_index")
    workers: list[Worker] = []
    was_eager = app.conf.task_always_eager
    app.conf.task_always_eager = False

    def start(name: str = "worker", beat: bool = False, **env) -> Worker:
        worker = Worker(tmp_path, name, env, beat)
        workers.append(worker)
        return worker

    try:
        yield start
    finally:
        app.conf.task_always_eager = was_eager
        for worker in workers:
            worker.stop()


@pytest.fixture
def celery_worker(start_worker):
    """One real worker, answering pings."""
    from passionhire.celery import app

    worker = start_worker()
    deadline = time.monotonic() + 30
    while not app.control.ping(timeout=0.5):
        if time.monotonic() > deadline:
            pytest.fail(f"Celery worker did not answer ping in 30 s:\n{worker.log()}")
    return worker


def _forget_broker_connections(app) -> None:
    """Close every pooled broker connection of this process and forget the pools. kombu keeps
    its pools per broker URL for the life of the process (kombu.pools) and the app keeps the
    ones it took from there. Closing a pool without forgetting it is not enough: kombu hands
    the closed pool out again when the process comes back to that URL, every publish then
    fails ("Acquire on closed pool"), the outbox leaves the task to a relay, and a worker
    without one never receives it."""
    from kombu import pools

    pools.reset()
    # What Celery itself resets after a fork.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_switched_to(url: str):
    """Inside the block this process publishes to and reads the broker at `url`; after it,
    the broker it had before, with no connection left to `url` (which may be stopped by
    then). Celery reads CELERY_BROKER_URL from the environment before its own setting, and
    the Django setting is what the rest reads (`_redis_client`, /readyz); the workers a test
    starts get `app.conf.broker_url`."""
    from django.test import override_settings

    from passionhire.celery import app

    before = os.environ.get("CELERY_BROKER_URL")
    override = override_settings(CELERY_BROKER_URL=url)
    os.environ["CELERY_BROKER_URL"] = url
    override.enable()
    _forget_broker_connections(app)
    try:
        assert app.conf.broker_write_url == url, "something else names the broker to write to"
        yield
    finally:
        override.disable()
        if before is None:
            del os.environ["CELERY_BROKER_URL"]
        else:
            os.environ["CELERY_BROKER_URL"] = before
        _forget_broker_connections(app)


@pytest.fixture
def redis_server():
    """A redis-server of the test's own on a free port, the broker of this process and of the
    workers the test starts: `stop()` shuts it down (its queued messages go with it: no
    persistence), `start()` brings it back on the same port. The suite's Redis is never
    touched, and is the broker again after the test. Set up before `start_worker` (a
    `usefixtures` mark, or first among the arguments), so the workers stop before it does."""
    server = RedisServer()
    try:
        server.start()
        with broker_switched_to(server.url):
            yield server
    finally:
        server.close()


def wait_for(predicate, timeout: float = 20.0, interval: float = 0.1):
    """Poll until predicate() is truthy; return its value, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"gave up waiting after {timeout} s for {predicate.__doc__ or predicate}")


# --- The Passion Test -------------------------------------------------------------------------


@pytest.fixture
def questionnaire(db):
    """The default Passion Test as candidates get it: version 2 (78 questions: statements,
    forced-choice blocks, unlikely virtues, scenarios, why questions) on top of version 1, each
    with its Spanish edition. The data migrations made them; transactional tests flush them,
    so they are installed again."""
    from django.apps import apps

    from candidates.models import Questionnaire
    from candidates.passion_test.content import (
        install_default_questionnaire,
        install_forced_choice_version,
    )
    from candidates.passion_test.content_translations import install_content_translations

    install_default_questionnaire(apps.get_model)
    install_forced_choice_version(apps.get_model)
    install_content_translations(apps.get_model)
    return Questionnaire.objects.order_by("-version").first()


# --- Interviews -------------------------------------------------------------------------------


@pytest.fixture
def question_bank(db):
    """The default core values and question bank, with their Spanish (installed again where a
    transactional test flushed the data migration's rows)."""
    from django.apps import apps

    from interviews.content import install_default_bank
    from interviews.content_translations import install_bank_translations
    from interviews.models import BankQuestion

    install_default_bank(apps.get_model)
    install_bank_translations(apps.get_model)
    return BankQuestion.objects.all()


@pytest.fixture
def receiver():
    """A real webhook receiver on a free port (tests/webhook_receiver.py), closed after."""
    from tests.webhook_receiver import Receiver

    server = Receiver()
    yield server
    server.close()
