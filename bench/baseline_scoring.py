"""Today's scoring, frozen: the Passion Test's trait scores, quality flags and reliability as
they were before the fairness work (main at d2f6e94). `bench/fairness.py` runs it on the same
simulated people as the live scorer, so every aim is measured against the baseline in the same run.
It is a copy on purpose: the live module changes, this one never does. It imports nothing of the
project's.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pvariance

TRAITS = ("empathy", "commitment", "curiosity", "attention_to_detail", "connection", "courage")

SCALE_MIN, SCALE_MAX = 1, 5

# Straight-lining: the same answer on this many statements in a row, or on this share of them.
STRAIGHT_RUN_OK, STRAIGHT_RUN_FLAG = 6, 12
MODAL_SHARE_OK, MODAL_SHARE_FLAG = 0.5, 0.75
# Speeding: reading speed above which nobody can have read the questions.
READING_WORDS_PER_MINUTE = 350
SECONDS_PER_CHOICE = 1.0
SPEED_OK, SPEED_FLAG = 0.5, 1.0  # plausible minimum time / time taken
# Inconsistency: mean disagreement of a statement with its reverse-keyed twin (after keying),
# and the spread of keyed answers within a trait.
TWIN_GAP_OK, TWIN_GAP_FLAG = 1.0, 1.35
TRAIT_SPREAD_OK, TRAIT_SPREAD_FLAG = 0.95, 1.2
# "Ideal candidate": the share of statements answered at the socially desirable extreme.
IDEAL_SHARE_OK, IDEAL_SHARE_FLAG = 0.5, 0.8

MIN_RESPONSES_FOR_ALPHA = 20


@dataclass(frozen=True)
class Item:
    """One question of a questionnaire version, as the scorer needs it."""

    id: int
    kind: str  # "likert" | "scenario" | "why"
    traits: tuple[str, ...]
    reverse_keyed: bool = False
    twin_id: int | None = None
    words: int = 0
    option_scores: Mapping[int, Mapping[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Flag:
    code: str
    label: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "label": self.label, "detail": self.detail}


@dataclass
class Result:
    trait_scores: dict[str, float]  # 0-100 per trait that has items
    item_counts: dict[str, int]
    flags: list[Flag]
    reliability: float  # 0-1
    quality: dict[str, float]


def keyed(value: int, reverse: bool) -> int:
    """A Likert answer turned so that a higher number always means more of the trait."""
    return SCALE_MIN + SCALE_MAX - value if reverse else value


def to_percent(mean_on_scale: float) -> float:
    return round(100 * (mean_on_scale - SCALE_MIN) / (SCALE_MAX - SCALE_MIN), 1)


def minimum_plausible_seconds(items: Iterable[Item]) -> float:
    items = list(items)
    words = sum(item.words for item in items)
    choices = sum(1 for item in items if item.kind != "why")
    return words * 60 / READING_WORDS_PER_MINUTE + choices * SECONDS_PER_CHOICE


def _severity(value: float, ok: float, flag: float) -> float:
    """0 when `value` is at or below `ok`, 0.5 at the flag threshold, 1 one span beyond it."""
    return max(0.0, min(1.0, 0.5 * (value - ok) / (flag - ok)))


def _longest_run(values: Sequence[int]) -> int:
    best = run = 0
    previous = None
    for value in values:
        run = run + 1 if value == previous else 1
        previous = value
        best = max(best, run)
    return best


def score(
    items: Sequence[Item],
    likert: Mapping[int, int],
    options: Mapping[int, int],
    elapsed_seconds: float,
) -> Result:
    """Score one submitted response. `items` are in the order the candidate saw them;
    `likert` maps question id -> 1..5, `options` question id -> chosen option id."""
    statements = [item for item in items if item.kind == "likert" and item.id in likert]
    keyed_by_id = {item.id: keyed(likert[item.id], item.reverse_keyed) for item in statements}
    statements_by_trait: dict[str, list[int]] = defaultdict(list)
    for item in statements:
        statements_by_trait[item.traits[0]].append(keyed_by_id[item.id])
    per_trait = defaultdict(list, {t: list(v) for t, v in statements_by_trait.items()})
    for item in items:
        if item.kind == "scenario" and item.id in options:
            for trait, value in item.option_scores.get(options[item.id], {}).items():
                per_trait[trait].append(value)
    trait_scores = {
        trait: to_percent(fmean(per_trait[trait])) for trait in TRAITS if per_trait[trait]
    }
    item_counts = {trait: len(per_trait[trait]) for trait in trait_scores}

    raw = [likert[item.id] for item in statements]
    quality: dict[str, float] = {"statements": len(raw)}
    flags: list[Flag] = []
    severities: list[float] = []

    if raw:
        run = _longest_run(raw)
        modal_share = max(raw.count(v) for v in set(raw)) / len(raw)
        quality.update(longest_run=run, modal_share=round(modal_share, 2))
        severity = max(
            _severity(run, STRAIGHT_RUN_OK, STRAIGHT_RUN_FLAG),
            _severity(modal_share, MODAL_SHARE_OK, MODAL_SHARE_FLAG),
        )
        severities.append(severity)
        if run >= STRAIGHT_RUN_FLAG or modal_share >= MODAL_SHARE_FLAG:
            flags.append(
                Flag(
                    "straight_lining",
                    "Straight-lining",
                    f"The same answer on {run} statements in a row "
                    f"({modal_share:.0%} of all statements got the same answer).",
                )
            )

    minimum = minimum_plausible_seconds(items)
    if minimum > 0:
        speed = minimum / max(elapsed_seconds, 1.0)
        quality.update(elapsed_seconds=round(elapsed_seconds), minimum_seconds=round(minimum))
        severities.append(_severity(speed, SPEED_OK, SPEED_FLAG))
        if speed >= SPEED_FLAG:
            flags.append(
                Flag(
                    "speeding",
                    "Too fast to have read the questions",
                    f"Submitted {_duration(elapsed_seconds)} after first opening the test; "
                    f"reading it takes at least {_duration(minimum)}.",
                )
            )

    gaps = [
        abs(keyed_by_id[item.id] - keyed_by_id[item.twin_id])
        for item in statements
        if item.twin_id in keyed_by_id and item.id < item.twin_id
    ]
    spreads = [
        (len(values), pvariance(values))
        for values in statements_by_trait.values()
        if len(values) >= 2
    ]
    if gaps or spreads:
        twin_gap = fmean(gaps) if gaps else 0.0
        spread = (
            math.sqrt(sum(n * var for n, var in spreads) / sum(n for n, _ in spreads))
            if spreads
            else 0.0
        )
        quality.update(twin_gap=round(twin_gap, 2), trait_spread=round(spread, 2))
        severities.append(
            max(
                _severity(twin_gap, TWIN_GAP_OK, TWIN_GAP_FLAG),
                _severity(spread, TRAIT_SPREAD_OK, TRAIT_SPREAD_FLAG),
            )
        )
        if twin_gap >= TWIN_GAP_FLAG or spread >= TRAIT_SPREAD_FLAG:
            contradicted = sum(1 for gap in gaps if gap >= 3)
            flags.append(
                Flag(
                    "inconsistent",
                    "Inconsistent answers",
                    f"{contradicted} of {len(gaps)} statement pairs were answered as if they "
                    f"meant the same thing when they say the opposite (mean gap {twin_gap:.1f} "
                    f"points on a 1-5 scale).",
                )
            )

    if raw:
        ideal = sum(1 for value in keyed_by_id.values() if value == SCALE_MAX) / len(raw)
        quality.update(ideal_share=round(ideal, 2))
        severities.append(_severity(ideal, IDEAL_SHARE_OK, IDEAL_SHARE_FLAG))
        if ideal >= IDEAL_SHARE_FLAG:
            flags.append(
                Flag(
                    "idealised",
                    "Too good to be true",
                    f"{ideal:.0%} of statements answered at the most desirable extreme; "
                    "honest candidates rarely describe themselves without any weak spot.",
                )
            )

    reliability = 1.0
    for severity in severities:
        reliability *= 1 - severity
    return Result(
        trait_scores=trait_scores,
        item_counts=item_counts,
        flags=flags,
        reliability=round(reliability, 3),
        quality=quality,
    )


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"
