"""Does the adverse-impact report find a planted bias, and how often does it cry wolf?

    .venv/bin/python bench/adverse_impact.py [--replications 200] [--seed 2026]
        [--planted-stage passion_test] [--planted-discrimination 2.0] [--workers 2]

Simulates, in numpy and without a database, a year of applications passing applied ->
Passion Test -> interviews -> team meet -> decision -> offer -> hired (pass rates 0.6, 0.4,
0.5, 0.6, 0.7, 0.8: about 4 hires per 100 applications). Each candidate answers two voluntary
questions, each declined by 30 % (independently): gender (woman 48 %, man 48 %, another gender
4 %) and ethnicity (five categories, 60/18/12/7/3 %). One stage (`--planted-stage`, by default
the Passion Test shortlist) passes women at 0.6 times everyone else's rate; every other stage
and every ethnicity comparison is unbiased.

Everyone who reaches the Passion Test answers 24 Likert statements, 4 for each of 6 traits,
from a graded response model: a standard-normal level per trait (the same distribution in every
group, so any difference found is bias, not a real difference), discriminations 1.2-2.2 and
five ordered categories. One statement is planted to function differently: at the same level,
women answer it as if their level were 0.6 SD lower. With that statement's discrimination
fixed at 2.0 (`--planted-discrimination`) that is a log-odds gap of 1.2 on "endorsed" (4 or 5)
at a given level; matched on the rest score (the trait's seven other statements), as the
report matches, Mantel-Haenszel sees the ETS delta printed (measured on 200,000 a group):
"large" DIF, ETS class C territory (|delta| >= 1.5), not an extreme one. Groups do not differ
in level here.

The report's rules, from `hiring.fairness.stats`, run on what the database would aggregate:
`selection_rates(...).flagged` on each stage's (selected, decided) per group for both
questions, and `mantel_haenszel(...)` on each of the 48 statements, women against men, strata
being the rest scores, then `across_statements` (Benjamini-Hochberg over the 48) and class C.

Per size, over the replications: stage power (women flagged at the planted stage), item power
(the planted statement in class C), stage false alarms (share of unbiased question x stage
rows with any group flagged) and item false alarms (share of unbiased statements in class C).
A mid-sized employer here has 2,000 applications a year: about 500 staff at the usual 15-20 %
yearly turnover replace some 80 people, which these pass rates turn into 2,000 applications
(25 per hire). The aims: power at least 0.9 there, false alarms at most 0.05.
"""

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hiring.fairness.dif import across_statements  # noqa: E402
from hiring.fairness.stats import mantel_haenszel, selection_rates  # noqa: E402

STAGES = ("applied", "passion_test", "interviews", "team_meet", "decision", "offer", "hired")
PASS_RATES = (0.6, 0.4, 0.5, 0.6, 0.7, 0.8)  # out of each stage but the last
DECIDED_AT = STAGES[:-1]
GENDERS = {"Woman": 0.48, "Man": 0.48, "Another gender": 0.04}
ETHNICITIES = {
    "White": 0.60,
    "Hispanic or Latino": 0.18,
    "Black": 0.12,
    "Asian": 0.07,
    "Two or more, or another": 0.03,
}
DECLINE = 0.30
FOCAL, REFERENCE = "Woman", "Man"
BIAS = 0.6  # the planted stage passes the focal group at this multiple of everyone's rate
SIZES = (500, 1_000, 2_000, 5_000, 10_000, 100_000)
MID_SIZE = 2_000
TRAITS, PER_TRAIT = 6, 8  # as the Passion Test: 48 statements
PLANTED_ITEM = 5  # the second statement of the second trait
DIF_SHIFT = 0.6  # latent SD by which the focal group answers the planted statement lower
PLANTED_DISCRIMINATION = 2.0
AIM_POWER, AIM_FALSE_ALARM = 0.9, 0.05
CHUNKS = 4  # parts of each size's replications, for the processes to share


def cell_probabilities() -> np.ndarray:
    """P(gender answer x ethnicity answer); the last row and column are "declined"."""
    gender = np.append(np.array(list(GENDERS.values())) * (1 - DECLINE), DECLINE)
    ethnicity = np.append(np.array(list(ETHNICITIES.values())) * (1 - DECLINE), DECLINE)
    return np.outer(gender, ethnicity)


def pipelines(rng, size: int, replications: int, planted: int) -> tuple[np.ndarray, np.ndarray]:
    """Decided and selected per stage and cell: arrays (replications, stages, genders + 1,
    ethnicities + 1). The focal group's pass rate is cut at the planted stage only."""
    probabilities = cell_probabilities()
    at = rng.multinomial(size, probabilities.ravel(), size=replications)
    at = at.reshape(replications, *probabilities.shape)
    decided, selected = [], []
    focal = list(GENDERS).index(FOCAL)
    for stage, rate in enumerate(PASS_RATES):
        rates = np.full(probabilities.shape, rate)
        if stage == planted:
            rates[focal, :] = rate * BIAS
        passed = rng.binomial(at, rates)
        decided.append(at)
        selected.append(passed)
        at = passed
    return np.stack(decided, axis=1), np.stack(selected, axis=1)


def stage_reports(
    decided, selected, planted: int, *, only_planted: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Per replication: was the focal group flagged at the planted stage; and per unbiased
    (question, stage) row, was anyone flagged."""
    hits, alarms = [], []
    rows = [(GENDERS, 1), (ETHNICITIES, 0)]
    for rep in range(decided.shape[0]):
        for stage in [planted] if only_planted else range(len(DECIDED_AT)):
            d, s = decided[rep, stage], selected[rep, stage]
            for labels, axis in rows[:1] if only_planted else rows:
                d_group, s_group = d.sum(axis=axis), s.sum(axis=axis)
                counts = {
                    label: (int(s_group[i]), int(d_group[i])) for i, label in enumerate(labels)
                }
                report = selection_rates(counts)
                if labels is GENDERS and stage == planted:
                    hits.append(FOCAL in report.flagged)
                else:
                    alarms.append(bool(report.flagged))
    return np.array(hits), np.array(alarms)


def item_parameters(rng, planted_discrimination: float) -> tuple[np.ndarray, np.ndarray]:
    """Discrimination and the four ordered thresholds of each statement (keyed answers). The
    planted statement's discrimination is fixed, so the seed does not change the plant's size."""
    count = TRAITS * PER_TRAIT
    discrimination = rng.uniform(1.2, 2.2, size=count)
    discrimination[PLANTED_ITEM] = planted_discrimination
    location = rng.uniform(-0.8, 0.2, size=count)
    thresholds = location[:, None] + np.array([-2.2, -1.0, 0.0, 1.3])[None, :]
    return discrimination, thresholds


def answers(rng, focal: np.ndarray, params) -> np.ndarray:
    """Keyed 1-5 answers (people x statements) from the graded response model, drawn with one
    logistic error per answer: P(answer >= k) = logistic(a (level - b_k))."""
    discrimination, thresholds = params
    level = rng.standard_normal((focal.size, TRAITS))
    trait_of = np.repeat(np.arange(TRAITS), PER_TRAIT)
    latent = level[:, trait_of] + rng.logistic(size=(focal.size, trait_of.size)) / discrimination
    latent[:, PLANTED_ITEM] -= DIF_SHIFT * focal
    return 1 + (latent[:, :, None] > thresholds[None, :, :]).sum(axis=2, dtype=np.int8)


def dif_strata(keyed: np.ndarray, focal: np.ndarray) -> list[list[tuple[int, ...]]]:
    """Per statement, the 2x2 tables by rest score (the sum of the trait's other statements),
    as the report's query counts them: (reference endorsed, not, focal endorsed, not)."""
    trait_sums = keyed.reshape(len(keyed), TRAITS, PER_TRAIT).sum(axis=2, dtype=np.int32)
    tables = []
    for item in range(keyed.shape[1]):
        rest = trait_sums[:, item // PER_TRAIT] - keyed[:, item]
        cell = 2 * focal + (keyed[:, item] < 4)
        counts = np.bincount(rest * 4 + cell, minlength=(rest.max() + 1) * 4).reshape(-1, 4)
        tables.append([tuple(int(n) for n in row) for row in counts if row.any()])
    return tables


def item_reports(rng, decided, params) -> tuple[np.ndarray, np.ndarray]:
    """Per replication: was the planted statement class C; per unbiased statement, was it."""
    tested = decided[:, STAGES.index("passion_test")].sum(axis=2)  # (reps, genders + 1)
    hits, alarms = [], []
    women, men = list(GENDERS).index(FOCAL), list(GENDERS).index(REFERENCE)
    for rep in range(len(tested)):
        focal = np.repeat([0, 1], [tested[rep, men], tested[rep, women]])
        tables = dif_strata(answers(rng, focal, params), focal)
        screened = across_statements(dict(enumerate(map(mantel_haenszel, tables))))
        for item, dif in screened.items():
            (hits if item == PLANTED_ITEM else alarms).append(dif is not None and dif.flagged)
    return np.array(hits), np.array(alarms)


def planted_delta(rng, params, per_group: int = 200_000) -> float:
    focal = np.repeat([0, 1], per_group)
    strata = dif_strata(answers(rng, focal, params), focal)[PLANTED_ITEM]
    return mantel_haenszel(strata).delta


def size_task(task) -> tuple[int, np.ndarray]:
    """Counts at one pipeline size for a share of the replications: stage hits, stage rows,
    stage alarms, unbiased stage rows, item hits, item runs, item alarms, unbiased item runs,
    and women tested (summed over replications)."""
    size, replications, planted, params, seed = task
    rng = np.random.default_rng(seed)
    decided, selected = pipelines(rng, size, replications, planted)
    stage_hits, stage_alarms = stage_reports(decided, selected, planted)
    item_hits, item_alarms = item_reports(rng, decided, params)
    women = decided[:, STAGES.index("passion_test"), list(GENDERS).index(FOCAL)].sum()
    tallies = [(a.sum(), a.size) for a in (stage_hits, stage_alarms, item_hits, item_alarms)]
    return size, np.array([*np.ravel(tallies), women])


def _rates(tallies: np.ndarray) -> tuple[dict, float]:
    (sh, sn, sa, san, ih, inn, ia, ian, women), reps = tallies, tallies[1]
    row = {
        "stage_power": round(float(sh / sn), 3),
        "item_power": round(float(ih / inn), 3),
        "stage_false_alarm": round(float(sa / san), 4),
        "item_false_alarm": round(float(ia / ian), 4),
    }
    return row, float(women / reps)


def planted_stage_task(task) -> tuple[float, float]:
    """Power to flag the focal group when the bias sits at `stage`, at the mid size."""
    stage, replications, seed = task
    decided, selected = pipelines(np.random.default_rng(seed), MID_SIZE, replications, stage)
    hits, _ = stage_reports(decided, selected, stage, only_planted=True)
    women = decided[:, stage, list(GENDERS).index(FOCAL)].sum(axis=1).mean()
    return float(hits.mean()), float(women)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--planted-stage", default="passion_test", choices=DECIDED_AT)
    parser.add_argument(
        "--planted-discrimination",
        type=float,
        default=PLANTED_DISCRIMINATION,
        help="the planted statement's discrimination: 1.7 gives an MH delta near -2.2",
    )
    parser.add_argument("--workers", type=int, default=2, help="processes (one per core)")
    parser.add_argument(
        "--applications",
        type=int,
        default=100_000,
        help="applications seeded to time the real report (0: skip the database part)",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    seeds = np.random.SeedSequence(args.seed).spawn(2 + len(SIZES) + len(DECIDED_AT))
    params = item_parameters(np.random.default_rng(seeds[0]), args.planted_discrimination)
    delta = planted_delta(np.random.default_rng(seeds[1]), params)
    planted = DECIDED_AT.index(args.planted_stage)
    reps = args.replications
    # Each size's replications in CHUNKS parts, biggest sizes first, so the processes share
    # the work evenly.
    share = -(-reps // CHUNKS)
    size_tasks = [
        (size, min(share, reps - part * share), planted, params, seed)
        for size, size_seed in zip(SIZES, seeds[2 : 2 + len(SIZES)], strict=True)
        for part, seed in enumerate(size_seed.spawn(CHUNKS))
        if reps > part * share
    ]
    size_tasks.sort(key=lambda task: -task[0])
    stage_tasks = [(stage, reps, seed) for stage, seed in enumerate(seeds[2 + len(SIZES) :])]
    tallies = {size: 0 for size in SIZES}
    with multiprocessing.Pool(args.workers) as pool:
        for size, counts in pool.imap_unordered(size_task, size_tasks):
            tallies[size] = tallies[size] + counts
        by_stage = dict(zip(DECIDED_AT, pool.map(planted_stage_task, stage_tasks), strict=True))
    sized = {size: _rates(counts) for size, counts in tallies.items()}

    print(
        f"Planted: women pass '{args.planted_stage}' at {BIAS}x; statement S{PLANTED_ITEM + 1} "
        f"(discrimination {args.planted_discrimination}) shifted {DIF_SHIFT} SD for women "
        f"(MH delta {delta:+.2f} on 200,000 a group)."
    )
    print(f"{reps} replications per size, seed {args.seed}.\n")
    print(
        f"{'applications/yr':>15} {'hires':>6} {'women tested':>12} {'stage power':>11} "
        f"{'item power':>10} {'stage false':>11} {'item false':>10}"
    )
    hires = float(np.prod(PASS_RATES))
    for size in SIZES:
        row, women = sized[size]
        print(
            f"{size:>15,} {size * hires:>6.0f} {women:>12.0f} {row['stage_power']:>11.3f} "
            f"{row['item_power']:>10.3f} {row['stage_false_alarm']:>11.4f} "
            f"{row['item_false_alarm']:>10.4f}"
        )
    print(f"\nStage power at {MID_SIZE:,} applications a year, by where the bias is planted")
    print(f"{'stage':<14} {'women decided':>13} {'power':>6}")
    for name, (power, women) in by_stage.items():
        print(f"{name:<14} {women:>13.0f} {power:>6.3f}")

    mid = sized[MID_SIZE][0]
    power_ok = min(mid["stage_power"], mid["item_power"]) >= AIM_POWER
    alarms_ok = max(mid["stage_false_alarm"], mid["item_false_alarm"]) <= AIM_FALSE_ALARM
    print(
        f"\nAims at {MID_SIZE:,} a year: power >= {AIM_POWER} "
        f"{'met' if power_ok else 'NOT met'}; false alarms <= {AIM_FALSE_ALARM} "
        f"{'met' if alarms_ok else 'NOT met'}. ({time.perf_counter() - started:.0f} s)"
    )
    result = {
        **mid,
        "power_by_size": {str(size): sized[size][0] for size in SIZES},
        "stage_power_by_planted_stage": {name: power for name, (power, _) in by_stage.items()},
        "planted_stage": args.planted_stage,
        "planted_item_delta": round(delta, 2),
        "planted_discrimination": args.planted_discrimination,
        "replications": reps,
        "seed": args.seed,
        "mid_size": MID_SIZE,
        "report_s": None,
    }
    if args.applications:
        result |= database_report(args.applications, args.seed)
    print(json.dumps(result))


def database_report(applications: int, seed: int) -> dict:
    """The real report on a throwaway copy of DATABASE_URL's database (SQLite in memory
    without one): seeded with `applications`, then timed as Compliance opens it."""
    import _django
    import _fairness_db

    _django.setup()
    try:
        seeded = _fairness_db.seed(applications, np.random.default_rng(seed))
        timed = _fairness_db.time_report()
    finally:
        _django.teardown()
    from django.db import connection

    print(
        f"\nThe report on {connection.vendor}, {applications:,} applications "
        f"({seeded['answers']:,} statement answers, seeded in {seeded['seed_s']} s): "
        f"{timed['report_s']} s, {timed['report_queries']} queries; flagged steps "
        f"{timed['flagged_steps']} (planted: passion_test-interviews), flagged statements "
        f"{timed['flagged_statements']} (planted: {_fairness_db.PLANTED_ITEM})."
    )
    return {"report_applications": applications, "database": connection.vendor, **timed}


if __name__ == "__main__":
    main()
