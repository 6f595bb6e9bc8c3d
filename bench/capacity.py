"""Capacity, not pace: the highest arrival rate each page mix sustains with p95 under 300 ms
and no errors, on gunicorn with production settings and PostgreSQL.

    .venv/bin/python bench/capacity.py [--step-seconds 10] [--workers 3] [--mixes ...]

bench/load.py is a closed loop: 32 users who wait for each answer and think between requests,
so its rate is the users' pace, not the server's limit. Here requests arrive at a fixed rate
whatever the server does (bench/_open_loop.py says why it is not locust), and the rate goes
up until a step fails: from --start-rate, times --factor per step, then --bisections halvings
of the gap between the last passing and the first failing rate. A step passes when its p95,
measured from each request's scheduled time, is under --p95-ms and no request failed (an
unexpected status, a timeout, or not started by the end). Each mix starts with a warm-up
(not judged) and each step is followed by a pause for queues to drain.

The mixes (bench/_capacity_mixes.py): the trivial page (one query, no template), the staff
mix (shortlists, profiles, scorecards) and the candidate mix (one applicant's journey: apply,
the Passion Test's pages, autosaves and Submit, status page, slot pick). Tasks run in the
request (no broker), as in load.py: the Submit's time includes the scoring, a slot pick's the
confirmation emails. Seeds its own database (`capacity_passionhire`, bench/_capacity_seed.py).

Per core = the highest passing rate / min(workers, CPUs): the cores gunicorn's workers could
use. The driver, PostgreSQL and anything else running share those cores, so per-core figures
are for the whole stack on one machine. CPU split (cores busy during the top passing step,
from /proc): gunicorn, PostgreSQL backends of this database, the driver ("bench"), and the
rest of the machine ("others": disturbance); CPU ms/request is gunicorn's and PostgreSQL's
cores at the top step × 1000 / its rate, which a busy machine disturbs less than the rate
itself. The load average is printed at the start and end of each mix. After the run, with
gunicorn stopped, the tasks an applicant causes (scoring, the composite score, emails) are
timed in this process (bench/_task_costs.py), for sizing the Celery workers. Last line: JSON.
"""

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from _capacity_mixes import PoolExhausted, candidate_mix, staff_mix, trivial_mix
from _capacity_seed import seed_capacity
from _cpu import CpuMeter
from _gunicorn import Gunicorn, server_environment
from _open_loop import FAILED, NOT_SENT, percentile, run_step
from _services import services_environment
from _task_costs import task_costs

DB_NAME = "capacity_passionhire"
MIXES = ("trivial", "staff", "candidate")
FAILURES = {FAILED: "failed or timed out", NOT_SENT: "not started by the end"}


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mixes", nargs="+", choices=MIXES, default=list(MIXES))
    parser.add_argument("--workers", type=int, default=3)  # as the image's WEB_CONCURRENCY
    parser.add_argument("--step-seconds", type=float, default=10)
    parser.add_argument("--warmup-seconds", type=float, default=3)
    parser.add_argument("--pause-seconds", type=float, default=2)
    parser.add_argument("--start-rate", type=float, default=10)
    parser.add_argument("--factor", type=float, default=1.5)
    parser.add_argument("--bisections", type=int, default=2)
    parser.add_argument("--max-rate", type=float, default=5000)
    parser.add_argument("--p95-ms", type=float, default=300)
    parser.add_argument("--timeout", type=float, default=5, help="seconds a request may take")
    parser.add_argument("--senders", type=int, default=64, help="requests in flight at most")
    parser.add_argument("--poisson", action="store_true", help="Poisson arrivals, not uniform")
    parser.add_argument("--pool", type=int, default=200, help="tests to submit, interviews")
    return parser.parse_args()


def postgres_backends(admin_url: str):
    import psycopg

    connection = psycopg.connect(admin_url, autocommit=True)

    def pids() -> list[int]:
        rows = connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DB_NAME],
        ).fetchall()
        return [pid for (pid,) in rows]

    return pids


def show_step(mix: str, step, limit: float) -> None:
    verdict = "pass" if step.passed(limit) else "FAIL"
    cpu = step.cpu
    print(
        f"{mix:<10} {step.rate:>7.1f} {step.requests:>6} {step.error_count:>5} "
        f"{step.p(50):>7.0f} {step.p(95):>7.0f} {verdict:>5} {cpu['gunicorn']:>5.2f} "
        f"{cpu['postgres']:>5.2f} {cpu['bench']:>5.2f} {cpu['others']:>6.2f} "
        f"{percentile(step.lag_ms, 99):>6.1f}",
        flush=True,
    )
    for (kind, status), count in step.errors.most_common(4):
        print(f"{'':<10} {count} x {kind}: {FAILURES.get(status, f'HTTP {status}')}")


def search(name: str, make_mix, port: int, args, meter: CpuMeter) -> dict:
    """Step the rate up until a step fails, then bisect; the steps, the best and worst."""
    mix = make_mix()
    mix.preflight(port)
    options = {
        "senders": args.senders,
        "timeout": args.timeout,
        "poisson": args.poisson,
    }
    run_step(port, args.start_rate, args.warmup_seconds, mix, **options)
    steps = []

    def trial(rate: float):
        time.sleep(args.pause_seconds)
        meter.start()
        step = run_step(port, round(rate, 1), args.step_seconds, mix, **options, seed=len(steps))
        step.cpu = meter.stop()
        show_step(name, step, args.p95_ms)
        steps.append(step)
        return step

    best = worst = None
    rate = args.start_rate
    try:
        while rate <= args.max_rate:
            step = trial(rate)
            if not step.passed(args.p95_ms):
                worst = step
                break
            best, rate = step, rate * args.factor
        while best is None and rate / args.factor >= 1:  # the first step failed: go down
            rate /= args.factor
            step = trial(rate)
            best, worst = (step, worst) if step.passed(args.p95_ms) else (None, step)
        for _ in range(args.bisections if best and worst else 0):
            step = trial((best.rate + worst.rate) / 2)
            best, worst = (step, worst) if step.passed(args.p95_ms) else (best, step)
    except PoolExhausted as error:
        print(f"{name}: stopped, {error}")
    return {"best": best, "worst": worst, "mix": mix}


def summary(name: str, found: dict, cores: int, trivial_rate: float | None, load) -> dict:
    best, worst = found["best"], found["worst"]
    result = {
        "rate": best.rate if best else 0.0,
        "first_failing_rate": worst.rate if worst else None,
        "per_core": round(best.rate / cores, 1) if best else 0.0,
        "ratio_to_trivial": round(best.rate / trivial_rate, 3) if best and trivial_rate else None,
        "p50_ms": round(best.p(50), 1) if best else None,
        "p95_ms": round(best.p(95), 1) if best else None,
        "cpu_cores": best.cpu if best else None,
        # CPU a request costs at that rate: less disturbed by a busy machine than the rate
        "cpu_ms_per_request": {
            group: round(best.cpu[group] * 1000 / best.rate, 1)
            for group in ("gunicorn", "postgres")
        }
        if best
        else None,
        "loadavg_start_end": load,
        "weights": found["mix"].weights,
    }
    if best:
        result["kinds"] = {
            kind: {
                "n": len(ms),
                "p50_ms": round(percentile(ms, 50)),
                "p95_ms": round(percentile(ms, 95)),
            }
            for kind, ms in sorted(best.latencies.items())
        }
    return result


def main() -> None:
    args = parse_args()
    services_environment()
    work = Path(tempfile.mkdtemp(prefix="capacity-"))
    env = server_environment(DB_NAME) | {
        "APPLY_RATE": "1000000/h",  # every application comes from 127.0.0.1
        "PRIVATE_MEDIA_ROOT": str(work / "private"),  # the CVs
    }
    admin_url = os.environ["DATABASE_URL"]
    print(f"seeding {DB_NAME} (demo data, {args.pool} of each once-only thing)", flush=True)
    started = time.monotonic()
    data = seed_capacity(env, DB_NAME, pool=args.pool)
    from django.db import connections

    connections.close_all()
    print(f"seeded in {time.monotonic() - started:.0f} s", flush=True)
    cores = min(args.workers, os.cpu_count() or 1)
    gunicorn = Gunicorn(env, workers=args.workers, log=work / "gunicorn.log")
    results, found = {}, {}
    try:
        gunicorn.wait_until_up()
        port = gunicorn.port
        makers = {
            "trivial": trivial_mix,
            "staff": lambda: staff_mix(port, data),
            "candidate": lambda: candidate_mix(port, data),
        }
        meter = CpuMeter(gunicorn.pid, postgres_backends(admin_url))
        print(
            f"\ngunicorn -w {args.workers} on {os.cpu_count()} CPUs, {args.step_seconds:g} s "
            f"steps, pass: p95 < {args.p95_ms:g} ms and no errors; CPU in cores busy\n"
        )
        print(
            f"{'mix':<10} {'rate/s':>7} {'sent':>6} {'errs':>5} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'':>5} {'guni':>5} {'pg':>5} {'bench':>5} {'others':>6} {'lag99':>6}"
        )
        for name in args.mixes:
            load_start = os.getloadavg()
            found[name] = search(name, makers[name], port, args, meter)
            load = [round(v, 2) for v in (load_start[0], os.getloadavg()[0])]
            trivial = results.get("trivial", {}).get("rate")
            results[name] = summary(name, found[name], cores, trivial, load)
            print(f"{name:<10} load average (1 min) at start {load[0]}, at end {load[1]}")
    finally:
        gunicorn.stop()
    tracebacks = (work / "gunicorn.log").read_text().count("Traceback")
    costs = task_costs()
    connections.close_all()
    shutil.rmtree(work, ignore_errors=True)
    report(results, costs, cores, tracebacks, args)


def report(results: dict, costs: dict, cores: int, tracebacks: int, args) -> None:
    print(f"\nhighest passing rate per mix (per core: / {cores})\n")
    print(
        f"{'mix':<10} {'rate/s':>7} {'per core':>8} {'x trivial':>9} {'p50 ms':>7} {'p95 ms':>7} "
        f"{'guni':>5} {'pg':>5} {'bench':>5} {'others':>6} {'load avg':>11} {'CPU ms/request':>15}"
    )
    for name, r in results.items():
        cpu = r["cpu_cores"] or dict.fromkeys(("gunicorn", "postgres", "bench", "others"), 0)
        ratio = "" if r["ratio_to_trivial"] is None else f"{r['ratio_to_trivial']:.3f}"
        load = "{}-{}".format(*r["loadavg_start_end"])
        per = r["cpu_ms_per_request"] or {"gunicorn": 0, "postgres": 0}
        per = f"{per['gunicorn']:.1f} + {per['postgres']:.1f} pg"
        print(
            f"{name:<10} {r['rate']:>7.1f} {r['per_core']:>8.1f} {ratio:>9} "
            f"{r['p50_ms'] or 0:>7.0f} {r['p95_ms'] or 0:>7.0f} {cpu['gunicorn']:>5.2f} "
            f"{cpu['postgres']:>5.2f} {cpu['bench']:>5.2f} {cpu['others']:>6.2f} {load:>11} "
            f"{per:>15}"
        )
    for name, r in results.items():
        if name != "trivial" and r.get("kinds"):
            print(f"\n{name} at {r['rate']:.1f}/s, by request: n, p50 ms, p95 ms")
            for kind, k in r["kinds"].items():
                print(f"  {kind:<18} {k['n']:>5} {k['p50_ms']:>6} {k['p95_ms']:>6}")
    print("\ntasks, timed in this process after the run: median wall ms, CPU ms (n)")
    for task, cost in costs.items():
        print(f"  {task:<20} {cost['wall_ms']:>6} {cost['cpu_ms']:>6} ({cost['n']})")
    print(f"\nserver tracebacks in gunicorn's log: {tracebacks}")
    print(
        json.dumps(
            {
                "mixes": results,
                "task_costs": costs,
                "workers": args.workers,
                "cpus": os.cpu_count(),
                "cores": cores,
                "step_seconds": args.step_seconds,
                "p95_limit_ms": args.p95_ms,
                "arrivals": "poisson" if args.poisson else "uniform",
                "tracebacks": tracebacks,
            }
        )
    )


if __name__ == "__main__":
    main()
