"""Where the CPU went during a stretch of a bench, from /proc (Linux): gunicorn (master and
workers), the PostgreSQL backends serving one database, the bench's own process, and the rest
of the machine (everyone else: on a shared machine, the disturbance)."""

import os
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def process_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15)


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def machine_busy_seconds() -> float:
    """CPU seconds every core spent busy (neither idle nor waiting for I/O) since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / TICK


class CpuMeter:
    """`start()`, then `stop()` gives cores used per group over the stretch. `postgres_pids`
    is called at both ends (backends can come and go); a pid seen only at the end is counted
    from its start, one gone by then is missed."""

    def __init__(self, gunicorn_pid: int, postgres_pids):
        self.gunicorn_pid = gunicorn_pid
        self.postgres_pids = postgres_pids

    def _sample(self) -> dict:
        gunicorn = [self.gunicorn_pid, *children(self.gunicorn_pid)]
        return {
            "gunicorn": {pid: process_seconds(pid) for pid in gunicorn},
            "postgres": {pid: process_seconds(pid) for pid in self.postgres_pids()},
            "bench": sum(os.times()[:2]),
            "machine": machine_busy_seconds(),
            "wall": time.monotonic(),
        }

    def start(self) -> None:
        self.before = self._sample()

    def stop(self) -> dict:
        after, before = self._sample(), self.before
        wall = after["wall"] - before["wall"]
        cores = {}
        for group in ("gunicorn", "postgres"):
            used = sum(s - before[group].get(pid, 0.0) for pid, s in after[group].items())
            cores[group] = used / wall
        cores["bench"] = (after["bench"] - before["bench"]) / wall
        cores["machine"] = (after["machine"] - before["machine"]) / wall
        cores["others"] = max(
            0.0, cores["machine"] - cores["gunicorn"] - cores["postgres"] - cores["bench"]
        )
        return {k: round(v, 2) for k, v in cores.items()}
