"""A redis-server of our own on a free port, for what stops and starts the broker on purpose:
the fault tests (tests/test_faults.py, through the `redis_server` fixture) and the soak
(bench/soak.py). Stopping it stops only the process it started, never the Redis the suite runs
on (scripts/services.sh's, on 6379) or anyone's own."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """No persistence: stopping it loses whatever it held (queued messages included). The
    port stays the same across stop and start, so clients reconnect to it."""

    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.url = f"redis://127.0.0.1:{self.port}/1"
        self.dir = Path(tempfile.mkdtemp(prefix="ph-redis-"))
        self.process: subprocess.Popen | None = None

    def up(self) -> bool:
        """Answering, and it is the process this object started (not whoever took the port
        between `free_port` and the start)."""
        import redis

        if self.process is None:
            return False
        try:
            info = redis.Redis.from_url(self.url, socket_connect_timeout=0.5).info("server")
        except redis.exceptions.ConnectionError:
            return False
        return info["process_id"] == self.process.pid

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
        self._wait(lambda: self.up() or self.process.poll() is not None)
        if not self.up():
            log = (self.dir / "redis.log").read_text()[-500:]
            raise RuntimeError(f"redis-server did not start on port {self.port}:\n{log}")

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
