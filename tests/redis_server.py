"""The real redis-server that scripts/services.sh runs on 127.0.0.1:6379, stopped and started
on purpose: by the fault tests (tests/test_faults.py) and the soak (bench/soak.py)."""

import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


class RedisServer:
    """No persistence: stopping it loses whatever it held (queued messages included)."""

    def up(self) -> bool:
        import redis
        from django.conf import settings

        try:
            return redis.Redis.from_url(
                settings.CELERY_BROKER_URL, socket_connect_timeout=0.5
            ).ping()
        except redis.exceptions.ConnectionError:
            return False

    def stop(self) -> None:
        # By command, not by pid file: the server may have been started by another checkout.
        subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"],
            capture_output=True,
        )
        self._wait(lambda: not self.up())

    def start(self) -> None:
        # The same start as CI's: scripts/services.sh starts Redis when it is not running.
        subprocess.run(
            ["bash", "-c", "source scripts/services.sh"], cwd=REPO, check=True, capture_output=True
        )
        self._wait(self.up)

    def restart(self, down_for: float = 0) -> None:
        self.stop()
        time.sleep(down_for)
        self.start()

    @staticmethod
    def _wait(predicate, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError("redis-server did not change state in time")
            time.sleep(0.05)
