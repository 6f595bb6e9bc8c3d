"""Production mode and the services the suite runs on."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import connection

from tests.conftest import REPO


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    test_only = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=clean | {"DJANGO_SETTINGS_MODULE": "passionhire.settings"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "pXq3-0v_hJ9kT2mZr8Ls5nWc4bYe7uAa1dGf6iKoQx0tRzVyNlMjHgFeDcBa",
    "ALLOWED_HOSTS": "hire.example.com",
    "CACHE_URL": "redis://127.0.0.1:6379/2",
}


def test_check_deploy_reports_nothing_in_production_mode():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    # The one silenced: django-ratelimit's list of caches, which predates Django's RedisCache.
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_production_without_a_shared_cache_fails_the_checks():
    """Rate limits counted in each process's memory would let an address apply N times per
    process: production refuses to pass its checks without CACHE_URL."""
    result = run_manage("check", "--deploy", **{**PRODUCTION, "CACHE_URL": ""})
    assert result.returncode != 0
    assert "django_ratelimit.E003" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr.splitlines()[-1]


def test_collectstatic_builds_hashed_assets_for_production(tmp_path):
    """The production image serves hashed, compressed assets through whitenoise."""
    result = run_manage("collectstatic", "--noinput", **PRODUCTION, STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stderr
    css = list((tmp_path / "vendor" / "bootstrap" / "css").glob("bootstrap.min.*.css"))
    assert css, "bootstrap.min.css was not collected with a content hash"
    assert (tmp_path / "staticfiles.json").exists()


def test_the_suite_runs_on_real_postgresql_and_redis(db):
    """bin/test (and so CI) always provides both; a run on anything else must not pass."""
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
