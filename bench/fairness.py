"""Is the Passion Test fair to honest response styles, and hard to fake?

    .venv/bin/python bench/fairness.py [--n 1000] [--seed 2026] [--language es]

Simulates `--n` people of each respondent type (`respondents.py`: eleven honest types with the
response styles the research describes, seven kinds of faker or careless responder), lets each
person answer both the old questionnaire (version 1, scored by today's frozen scoring in
`baseline_scoring.py`) and the forced-choice version (scored by the live scorer), and prints per
type and scorer: each flag's rate, the share flagged (reliability-lowering flags), the mean
reliability, the mean absolute trait error and the mean trait inflation against the person's
true levels (0-100 points), and the mean percentile of the test composite among honest average
respondents. Then the aims, Cronbach's alpha per trait on the honest mix, and a last JSON line.

The questionnaires are the ones the migrations install, read through the same `scoring_items`
the app scores with, on a throwaway database. `--language` takes both versions as candidates
reading that language take them: it refuses a version whose published translation misses a
text, and the numbers must come out the same as in English (the answers are on the questions,
which every language shares; passion_test.py checks the same through the app's submit and
score).
"""

import argparse
import json
import random
from bisect import bisect_left
from collections import Counter, defaultdict
from statistics import fmean

import _django

_django.setup()

import baseline_scoring  # noqa: E402
import respondents as r  # noqa: E402

from candidates import services  # noqa: E402
from candidates.models import Questionnaire, ScenarioOption  # noqa: E402
from candidates.passion_test import psychometrics  # noqa: E402
from passionhire.traits import Trait  # noqa: E402

HONEST = (
    "average",
    "acquiescent",
    "extreme",
    "midpoint",
    "careful-slow",
    "fast native reader",
    "phone",
    "non-native",
    "excellent",
    "excellent + extreme",
    "low on one trait",
)
SENSITIVITY = (0.0, 0.15, 0.5, 1.0)  # how often a smart faker spots the unscored statement
FAKERS = (
    "smart faker",
    "partial faker",
    "coached faker",
    "random, normal pace",
    "random, fast",
    "speeder",
    "straight-liner",
)


def _random_answers(rng, items, person, speed):
    out = r.Answers()
    for item in items:
        if item.kind in ("likert", "virtue"):
            out.likert[item.id] = rng.randint(1, 5)
        elif item.kind == "scenario":
            out.options[item.id] = rng.choice(list(item.option_scores))
        elif item.kind == "block":
            out.options[item.id], out.least[item.id] = rng.sample(list(item.option_scores), 2)
    out.pages = r._page_times(rng, person, items, speed)
    return out


def respond(rng, kind, person, items, lengths, insight_override=None):
    """One person's answers to one version, as the respondent type would give them."""
    if kind in HONEST:
        return r.answer(rng, person, items, lengths)
    if kind in ("smart faker", "partial faker"):
        faked = set(person.levels)
        if kind == "partial faker":
            faked = set(rng.sample(sorted(faked), 3))
        insight = r.FAKER_INSIGHT if insight_override is None else insight_override
        return r.answer(
            rng,
            person,
            items,
            lengths,
            fake=lambda trait, level: min(5.2, level + 1) if trait in faked else level,
            insight=insight,
        )
    if kind == "coached faker":
        out = r.answer(rng, person, items, lengths, fake=lambda t, v: v, insight=r.COACHED_INSIGHT)
        for item in items:
            if item.kind == "likert":
                value = 4 if rng.random() < 0.7 else 5
                out.likert[item.id] = 6 - value if item.reverse_keyed else value
            elif item.kind == "virtue":
                out.likert[item.id] = 4 if rng.random() < 0.7 else 3
        return out
    if kind == "random, normal pace":
        return _random_answers(rng, items, person, 1.0)
    if kind == "random, fast":
        return _random_answers(rng, items, person, rng.uniform(0.05, 0.2))
    if kind == "speeder":
        return r.answer(rng, person, items, lengths, speed=rng.uniform(0.08, 0.3))
    if kind == "straight-liner":
        out = r.answer(rng, person, items, lengths, speed=rng.uniform(0.5, 1.0))
        value = rng.choice([3, 4, 4, 5])
        likert = [item for item in items if item.kind in ("likert", "virtue")]
        start = 0 if rng.random() < 0.7 else len(likert) // 2
        for item in likert[start:]:
            out.likert[item.id] = value
        return out
    raise ValueError(kind)


def score_new(items, answers):
    pages = [psychometrics.PageTime(ids, seconds) for ids, seconds in answers.pages]
    return psychometrics.score(items, answers.likert, answers.options, pages, answers.least)


def score_baseline(items, answers):
    # Version 1 was one page: the time from first opening to submitting.
    elapsed = sum(seconds for _, seconds in answers.pages)
    return baseline_scoring.score(items, answers.likert, answers.options, elapsed)


def _composite(result) -> float:
    return fmean(result.trait_scores.values())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000, help="people per respondent type")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--language", default="en", help="the language the versions are read in")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    traits = list(Trait.values)
    old = Questionnaire.objects.get(version=1)
    new = Questionnaire.objects.filter(questions__kind="block").distinct().get()
    _check_language(args.language, (old, new))
    versions = {"baseline": services.scoring_items(old), "new": services.scoring_items(new)}
    lengths = dict(ScenarioOption.objects.values_list("pk", "text"))
    lengths = {pk: len(text) for pk, text in lengths.items()}
    makers = r.honest_types(rng, traits)

    rows: dict[tuple[str, str], dict] = {}
    composites: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    honest_likert: dict[str, list[dict]] = defaultdict(list)
    by_insight: dict[float, dict[str, list]] = {
        i: {"bias": [], "composites": []} for i in SENSITIVITY
    }
    for kind in HONEST + FAKERS:
        for _ in range(args.n):
            person = makers.get(kind, makers["average"])()
            true = {t: psychometrics.to_percent(v) for t, v in person.levels.items()}
            true_composite = fmean(true.values())
            for version, items in versions.items():
                answers = respond(rng, kind, person, items, lengths)
                result = (score_new if version == "new" else score_baseline)(items, answers)
                row = rows.setdefault(
                    (kind, version),
                    {"n": 0, "flagged": 0, "codes": Counter(), "rel": [], "err": [], "bias": []},
                )
                row["n"] += 1
                lowering = [f for f in result.flags if getattr(f, "lowers_reliability", True)]
                row["flagged"] += bool(lowering)
                row["codes"].update(f.code for f in result.flags)
                row["rel"].append(result.reliability)
                for t in traits:
                    row["err"].append(abs(result.trait_scores[t] - true[t]))
                    row["bias"].append(result.trait_scores[t] - true[t])
                composites[version][kind].append((true_composite, _composite(result)))
                if kind in HONEST:
                    honest_likert[version].append(
                        {
                            i.id: psychometrics.keyed(answers.likert[i.id], i.reverse_keyed)
                            for i in items
                            if i.kind == "likert"
                        }
                    )
            if kind == "smart faker":
                for insight, sink in by_insight.items():
                    answers = respond(rng, kind, person, versions["new"], lengths, insight)
                    result = score_new(versions["new"], answers)
                    sink["bias"].extend(result.trait_scores[t] - true[t] for t in traits)
                    sink["composites"].append((true_composite, _composite(result)))

    figures = {}
    for version in ("new", "baseline"):
        honest_scores = sorted(c for _, c in composites[version]["average"])
        print(
            f"\n== {version}: "
            + ("forced-choice version, live scorer" if version == "new" else "version 1, today")
        )
        print(
            f"{'respondent':<22} {'n':>5} {'flagged':>8} {'rel.':>5} {'|err|':>6} "
            f"{'bias':>6} {'pctile':>6}  flags"
        )
        for kind in HONEST + FAKERS:
            row = rows[(kind, version)]
            pct = fmean(
                100 * bisect_left(honest_scores, c) / len(honest_scores)
                for _, c in composites[version][kind]
            )
            codes = ", ".join(f"{c} {n / row['n']:.1%}" for c, n in row["codes"].most_common())
            row.update(
                rate=row["flagged"] / row["n"],
                mean_rel=fmean(row["rel"]),
                mae=fmean(row["err"]),
                inflation=fmean(row["bias"]),
                percentile=pct,
            )
            print(
                f"{kind:<22} {row['n']:>5} {row['rate']:>8.1%} {row['mean_rel']:>5.2f} "
                f"{row['mae']:>6.1f} {row['inflation']:>+6.1f} {pct:>6.0f}  {codes or '-'}"
            )
        figures[version] = _aims(rows, composites, honest_likert, version, traits, versions)

    new, base = figures["new"], figures["baseline"]
    print("\nCronbach's alpha per trait on the honest mix (statements, keyed)")
    for t in traits:
        print(
            f"  {Trait(t).label:<22} new {new['alphas'][t]:.3f}   baseline {base['alphas'][t]:.3f}"
        )
    print(
        f"\nSmart fakers by how often they spot a block's unscored statement (assumed: "
        f"{r.FAKER_INSIGHT:.0%})"
    )
    sensitivity = {}
    for insight, sink in by_insight.items():
        beats = _beats(composites["new"]["average"], sink["composites"])
        sensitivity[str(insight)] = {
            "inflation": round(fmean(sink["bias"]), 1),
            "beats_p75": round(beats, 3),
        }
        print(
            f"  spots it in {insight:>4.0%} of blocks: inflation {fmean(sink['bias']):+5.1f} "
            f"points, beats the honest 75th percentile in {beats:.0%} of pairings"
        )
    out = {k: v for k, v in new.items() if k != "alphas"}
    out |= {f"baseline_{k}": v for k, v in base.items() if k != "alphas"}
    out["alpha_by_trait"] = {t: round(v, 3) for t, v in new["alphas"].items()}
    out["smart_by_insight"] = sensitivity
    out["n_per_type"] = args.n
    out["language"] = args.language
    print(json.dumps(out))


def _check_language(language: str, versions) -> None:
    """Each version has a complete published translation in `language` (English: the original)."""
    from candidates.passion_test.translations import published_translation, translation_gaps

    if language == "en":
        return
    for version in versions:
        translation = published_translation(version.pk, language)
        if translation is None or translation_gaps(translation):
            raise SystemExit(f"Version {version.version} is not published complete in {language}.")
    print(f"Both versions read in {language}: published, complete.\n")


def _beats(honest, fakers) -> float:
    """The share of pairings (a smart faker whose true composite is below the honest median,
    an honest average respondent between the 70th and 80th percentile of test composites) in
    which the faker's test composite is higher. Both are (true composite, test composite)."""
    scores = sorted(c for _, c in honest)
    median_true = sorted(t for t, _ in honest)[len(honest) // 2]
    low, high = scores[int(0.70 * len(scores))], scores[int(0.80 * len(scores))]
    band = [c for _, c in honest if low <= c <= high]
    below = [c for t, c in fakers if t < median_true]
    return sum(1 for f in below for h in band if f > h) / max(1, len(below) * len(band))


def _aims(rows, composites, honest_likert, version, traits, versions) -> dict:
    honest = [rows[(kind, version)] for kind in HONEST]
    beats = _beats(composites[version]["average"], composites[version]["smart faker"])
    statements = [i for i in versions[version] if i.kind == "likert"]
    alphas = {}
    for t in traits:
        ids = [i.id for i in statements if i.traits[0] == t]
        alphas[t] = psychometrics.cronbach_alpha(
            [[row[i] for i in ids] for row in honest_likert[version]]
        )
    return {
        "honest_max_flag_rate": round(max(row["rate"] for row in honest), 4),
        "honest_min_mean_reliability": round(min(row["mean_rel"] for row in honest), 3),
        "honest_max_trait_error": round(max(row["mae"] for row in honest), 1),
        "random_detected": round(
            min(rows[(k, version)]["rate"] for k in ("random, normal pace", "random, fast")), 4
        ),
        "straight_detected": round(rows[("straight-liner", version)]["rate"], 4),
        "speeder_detected": round(rows[("speeder", version)]["rate"], 4),
        "smart_inflation": round(rows[("smart faker", version)]["inflation"], 1),
        "coached_inflation": round(rows[("coached faker", version)]["inflation"], 1),
        "smart_beats_p75": round(beats, 3),
        "alpha_min": round(min(alphas.values()), 3),
        "alphas": alphas,
    }


if __name__ == "__main__":
    try:
        main()
    finally:
        _django.teardown()
