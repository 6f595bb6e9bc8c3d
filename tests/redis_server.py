"""Two redis-servers for the tests that stop and start the broker on purpose. `RedisServer`
is one of our own on a free port (the soak, bench/soak.py): stopping it stops only the process
it started. `SharedRedisServer` is the one scripts/services.sh runs on 6379, which the fault
tests (tests/test_faults.py) still stop and start."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Restartable:
    """What both servers share: a restart with an optional pause, and waiting for a state."""

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


class RedisServer(_Restartable):
    """No persistence: stopping it loses whatever it held (queued messages included). The
    port stays the same across stop and start, so clients reconnect to it."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/1"
        self.dir = Path(tempfile.mkdtemp(prefix="ph-redis-"))
        self.process: subprocess.Popen | None = None

    def up(self) -> bool:
        import redis

        try:
            return redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping()
        except redis.exceptions.ConnectionError:
            return False

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.dir)]
        self.process = subprocess.Popen(
            command,
            stdout=(self.dir / "redis.log").open("w"),
            stderr=subprocess.STDOUT,
        )
        self._wait(self.up)

    def stop(self) -> None:
        """Shut down the server this object started (and only that one)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._wait(lambda: not self.up())

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class SharedRedisServer(_Restartable):
    """The shared redis-server that scripts/services.sh runs on 127.0.0.1:6379, stopped and
    started by the fault tests (tests/test_faults.py). No persistence: stopping it loses
    whatever it held. (Their move to a server of their own, like the soak's, is not done: it
    left the next worker test publishing nowhere in CI.)"""

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
