"""An open-loop HTTP driver: requests start at fixed times, whatever the server does.

Why not locust: its load shapes set a number of users, and each user waits for an answer
before its next request, so a slow server slows the arrivals down (a closed loop) and its
queue never shows. Here one thread releases request i at start + i / rate (or after Poisson
gaps), sender threads take them in order, and each latency runs from the scheduled time, not
from the moment a sender was free: a request that waited for a sender or for a gunicorn worker
counts its wait (coordinated omission, corrected as wrk2 does). A request is an error when its
status is not the one expected, when it fails or times out, and when it could not even start
within `timeout` after the step's last arrival.

Each request opens its own connection (gunicorn's sync workers close every connection after
one response anyway), writes bytes made once per request and reads until the server closes:
about 0.7 ms of the driver's CPU a request, against 1.3 ms with http.client (parsing every
response's headers). The driver's own CPU (`Step.driver_cores`) is measured, so a run shows
what it took from the cores the server had.
"""

import queue
import random
import resource
import socket
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

NOT_SENT = -1  # status of a request that never started (the step had ended)
FAILED = 0  # status of a request that raised (refused, reset, timed out)


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    path: str
    body: bytes = b""
    headers: tuple = ()  # (name, value) pairs
    expect: int = 200

    @cached_property
    def raw(self) -> bytes:
        head = [f"{self.method} {self.path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
        head += [f"{name}: {value}" for name, value in self.headers]
        if self.body:
            head.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(head) + "\r\n\r\n").encode() + self.body


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


@dataclass
class Step:
    rate: float
    seconds: float
    latencies: dict = field(default_factory=lambda: defaultdict(list))  # kind -> [ms]
    errors: Counter = field(default_factory=Counter)  # (kind, status) -> count
    lag_ms: list = field(default_factory=list)  # scheduler's lateness releasing requests
    driver_cores: float = 0.0
    cpu: dict = field(default_factory=dict)  # group -> cores, filled in by the caller

    @property
    def all_ms(self) -> list[float]:
        return [ms for values in self.latencies.values() for ms in values]

    @property
    def requests(self) -> int:
        return len(self.lag_ms)  # one per request released

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def p(self, q: float) -> float:
        return percentile(self.all_ms, q)

    def passed(self, limit_ms: float) -> bool:
        return self.error_count == 0 and self.p(95) < limit_ms


def send(port: int, request: Request, timeout: float) -> int:
    """The response's status, once the server has sent all of it and closed."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(request.raw)
            first = connection.recv(65536)
            while connection.recv(65536):
                pass
    except OSError:  # refused, reset, timed out
        return FAILED
    status = first[9:12]  # b"HTTP/1.1 200 OK"
    return int(status) if first.startswith(b"HTTP/") and status.isdigit() else FAILED


def run_step(
    port: int,
    rate: float,
    seconds: float,
    next_request,
    *,
    senders: int = 64,
    timeout: float = 5.0,
    poisson: bool = False,
    seed: int = 0,
) -> Step:
    """Release `rate` requests a second for `seconds` (`next_request()` makes each), wait for
    the answers, and return what happened."""
    step = Step(rate=rate, seconds=seconds)
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    lock = threading.Lock()
    start = time.perf_counter() + 0.05
    give_up_at = start + seconds + timeout

    def sender():
        while (job := jobs.get()) is not None:
            due, request = job
            if time.perf_counter() > give_up_at:
                status, ms = NOT_SENT, None
            else:
                status = send(port, request, timeout)
                ms = (time.perf_counter() - due) * 1000
            with lock:
                if ms is not None:
                    step.latencies[request.kind].append(ms)
                if status != request.expect:
                    step.errors[(request.kind, status)] += 1

    threads = [threading.Thread(target=sender, daemon=True) for _ in range(senders)]
    for thread in threads:
        thread.start()
    rng = random.Random(seed)  # noqa: S311 (arrival times, not secrets)
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    wall_before = time.perf_counter()
    offset, i = 0.0, 0
    while True:
        offset = offset + rng.expovariate(rate) if poisson else i / rate
        if offset >= seconds:
            break
        request = next_request()
        due = start + offset
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        step.lag_ms.append(max(0.0, (time.perf_counter() - due) * 1000))
        jobs.put((due, request))
        i += 1
    for _ in threads:
        jobs.put(None)
    for thread in threads:
        thread.join()
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    used = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    step.driver_cores = used / (time.perf_counter() - wall_before)
    return step
