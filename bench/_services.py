"""PostgreSQL and Redis for the benches that need the real ones: scripts/services.sh starts
them (if they are not running) and names them in the environment."""

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def services_environment() -> None:
    """DATABASE_URL and CELERY_BROKER_URL from scripts/services.sh."""
    names = ("DATABASE_URL", "CELERY_BROKER_URL")
    if all(os.environ.get(name) for name in names):
        return
    out = subprocess.run(
        ["bash", "-c", "source scripts/services.sh >&2 && env -0"],
        cwd=REPO,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for line in out.split("\0"):
        key, _, value = line.partition("=")
        if key in names:
            os.environ[key] = value


def django_with_own_redis(**environment: str):
    """Django on DATABASE_URL's PostgreSQL (from scripts/services.sh), with a Redis of its own
    on a free port as the Celery broker (never a server someone else started), development
    settings, email to memory and `environment` on top. Returns the Redis server, to close."""
    services_environment()
    from tests.redis_server import RedisServer

    redis = RedisServer()
    redis.start()
    os.environ["CELERY_BROKER_URL"] = redis.url
    os.environ["DJANGO_SETTINGS_MODULE"] = "passionhire.settings"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["EMAIL_URL"] = "memorymail://"
    os.environ.update(environment)
    import django

    django.setup()
    return redis
