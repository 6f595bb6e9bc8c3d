"""How long does the funnel-and-speed page take on a year of a large employer's applications,
and does its number of queries stay put?

    .venv/bin/python bench/analytics.py [--applications 100000] [--roles 20] [--seed 2026]

Seeds a throwaway copy of DATABASE_URL's database (SQLite in memory without one) with
`--applications` spread over `--roles` roles and a year: sources and careers-page campaigns,
a pipeline run at pass rates 0.6, 0.4, 0.5, 0.6, 0.7, 0.8 with a StageChange for every move (a
few days to three weeks per stage), and the Passion Test for those who reach it (invited,
most starting, a few stopping on a page, PageVisit rows for every page seen). Then times the
page's figures (`hiring.analytics.reports.funnel_report`, in its read transaction) for the
organisation, for one role and for a hiring manager's roles, and counts their queries. The
last line is JSON."""

import argparse
import json
import random
import time
from datetime import timedelta

import _django

PASS = (0.6, 0.4, 0.5, 0.6, 0.7, 0.8)
PAGES = 9
BATCH = 20_000
SOURCES = (("careers", "spring-linkedin"), ("careers", "jobs-fair"), ("careers", ""),
           ("referral", ""), ("referral_link", ""), ("recruiter", ""))  # fmt: skip


def seed(n: int, roles: int, rng: random.Random) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from candidates.models import (
        FUNNEL,
        Application,
        Candidate,
        PageVisit,
        PassionTestInvitation,
        PassionTestResponse,
        Questionnaire,
        Role,
        StageChange,
    )

    started = time.perf_counter()
    now = timezone.now()
    managers = [get_user_model().objects.create(username=f"bench-hm-{i}") for i in range(2)]
    made = [
        Role.objects.create(title=f"Bench role {i}", team="Bench", hiring_manager=managers[i % 2])
        for i in range(roles)
    ]
    candidates = Candidate.objects.bulk_create(
        (Candidate(name=f"C{i}", email=f"c{i}@funnel.example") for i in range(n)),
        batch_size=BATCH,
    )
    plans = []
    for _ in range(n):
        reached = 0
        while reached < len(PASS) and rng.random() < PASS[reached]:
            reached += 1
        waiting = reached < len(PASS) and rng.random() < 0.1
        stage = (
            FUNNEL[reached]
            if waiting or reached == len(PASS)
            else rng.choice(("rejected", "rejected", "rejected", "withdrawn"))
        )
        plans.append((reached, stage, now - timedelta(days=rng.uniform(30, 395))))
    applications = Application.objects.bulk_create(
        (
            Application(
                candidate=c,
                role=made[i % roles],
                stage=stage,
                reached=reached,
                source=SOURCES[i % len(SOURCES)][0],
                utm_campaign=SOURCES[i % len(SOURCES)][1],
            )  # fmt: skip
            for i, (c, (reached, stage, _)) in enumerate(zip(candidates, plans, strict=True))
        ),
        batch_size=BATCH,
    )
    changes = []
    for application, (reached, stage, at) in zip(applications, plans, strict=True):
        application.created_at = at
        for index in range(reached + 1):
            to = FUNNEL[index + 1] if index < reached else stage
            if to == FUNNEL[index]:
                break
            moved = at + timedelta(days=rng.uniform(2, 21))
            changes.append(
                StageChange(
                    application=application,
                    from_stage=FUNNEL[index],
                    to_stage=to,
                    entered_at=at,
                    changed_at=moved,
                )  # fmt: skip
            )
            at = moved
    # Small batches: an update is one CASE over its batch, quadratic in its size.
    Application.objects.bulk_update(applications, ["created_at"], batch_size=500)
    StageChange.objects.bulk_create(changes, batch_size=BATCH)
    questionnaire = Questionnaire.objects.create(version=999)
    invited = [a for a, (reached, _, _) in zip(applications, plans, strict=True) if reached >= 1]
    invitations = PassionTestInvitation.objects.bulk_create(
        (PassionTestInvitation(application=a, expires_at=now) for a in invited), batch_size=BATCH
    )
    started_ones = [i for i in invitations if rng.random() < 0.93]
    responses = PassionTestResponse.objects.bulk_create(
        (
            PassionTestResponse(
                invitation=i,
                application=i.application,
                questionnaire=questionnaire,
                started_at=now,
                submitted_at=now if rng.random() < 0.9 else None,
            )  # fmt: skip
            for i in started_ones
        ),
        batch_size=BATCH,
    )
    visits = [
        PageVisit(response=r, page=page, shown_at=now, left_at=now)
        for r in responses
        for page in range(1, (PAGES if r.submitted_at else rng.randint(1, PAGES - 1)) + 1)
    ]
    PageVisit.objects.bulk_create(visits, batch_size=BATCH)
    return {
        "stage_changes": len(changes),
        "page_visits": len(visits),
        "seed_s": round(time.perf_counter() - started, 1),
        "role_id": made[0].pk,
        "manager_id": managers[0].pk,
    }


def time_report(scope) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hiring.analytics.reports import funnel_report
    from hiring.fairness.counts import analytics

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        with analytics():
            report = funnel_report(scope)
        took = time.perf_counter() - started
    assert report.applicants > 0
    return round(took, 3), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=100_000)
    parser.add_argument("--roles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    _django.setup()
    try:
        from django.db import connection

        from hiring.analytics.counts import Scope

        seeded = seed(args.applications, args.roles, random.Random(args.seed))
        timed = {}
        for name, scope in (
            ("organisation", Scope()),
            ("one_role", Scope(role_id=seeded["role_id"])),
            ("managers_roles", Scope(manager_id=seeded["manager_id"])),
        ):
            time_report(scope)  # warm: the first read of the tables after a bulk load
            timed[name] = time_report(scope)
        vendor = connection.vendor
    finally:
        _django.teardown()
    print(
        f"Funnel and speed on {vendor}, {args.applications:,} applications over {args.roles} "
        f"roles ({seeded['stage_changes']:,} stage moves, {seeded['page_visits']:,} pages "
        f"seen; seeded in {seeded['seed_s']} s):"
    )
    for name, (seconds, queries) in timed.items():
        print(f"  {name:<16} {seconds:>7.3f} s  {queries} queries")
    result = {
        "database": vendor,
        "applications": args.applications,
        **{k: v for k, v in seeded.items() if k not in ("role_id", "manager_id")},
        **{f"{name}_s": s for name, (s, _) in timed.items()},
        **{f"{name}_queries": q for name, (_, q) in timed.items()},
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
