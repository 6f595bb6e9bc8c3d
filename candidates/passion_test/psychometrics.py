"""The Passion Test's arithmetic, free of the database: trait scores, response-quality flags,
the reliability index, and Cronbach's alpha.

A trait's score is the mean of two kinds of answer on the 1-5 scale: the Likert statements
(keyed so that higher means more of the trait) and the scenario options' keys, less the one
shift by which the forced-choice blocks say those answers overclaim (`elevation`, see
`forced_choice` and docs/passion-test.md). The quality checks live in `response_quality`.
Weights, norms and thresholds were set with `bench/fairness.py`; change them only with its
figures.
"""

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean, pvariance

from passionhire.traits import Trait

from . import forced_choice, response_quality
from .response_quality import Flag

__all__ = ["Flag", "Item", "PageTime", "Result", "keyed_statements", "score"]

SCALE_MIN, SCALE_MAX = 1, 5
# How far, in standard units, honest people's statement answers may sit from their real
# level before the blocks' evidence is needed to move it (the prior SD of the elevation).
ELEVATION_PRIOR_SD = 2.0
# The most the blocks may raise a self-description (standard units).
ELEVATION_MAX_BOOST = 0.25
# Norms that turn a forced-choice level (standard units) into the 1-5 scale: the mean and
# spread of honest candidates' keyed statement answers.
NORM_MEAN, NORM_SD = 3.3, 0.6

MIN_RESPONSES_FOR_ALPHA = 20


@dataclass(frozen=True)
class Item:
    """One question of a questionnaire version, as the scorer needs it."""

    id: int
    kind: str  # "likert" | "block" | "scenario" | "virtue" | "why"
    traits: tuple[str, ...]
    reverse_keyed: bool = False
    twin_id: int | None = None
    words: int = 0
    # scenario: {option id: {trait: 1-5}}; block: {statement id: {trait: 1}} ({} for a filler)
    option_scores: Mapping[int, Mapping[str, int]] = field(default_factory=dict)


def keyed_statements(items: Sequence[Item], likert: Mapping[int, int]) -> str:
    """The Likert answers keyed towards their trait (a reverse-keyed 2 is a 4), one digit per
    statement in id order, 0 where there is no answer: "4520…"."""
    statements = sorted((item for item in items if item.kind == "likert"), key=lambda i: i.id)
    return "".join(
        str(keyed(likert[i.id], i.reverse_keyed)) if i.id in likert else "0" for i in statements
    )


@dataclass(frozen=True)
class PageTime:
    """How long one page of the test was on screen, as the server recorded it: from the
    moment it was shown to the moment the candidate left it. `item_ids` are its questions."""

    item_ids: tuple[int, ...]
    seconds: float


@dataclass
class Result:
    trait_scores: dict[str, float]  # 0-100 per trait that has items
    item_counts: dict[str, int]
    flags: list[Flag]
    reliability: float  # 0-1
    quality: dict


def keyed(value: int, reverse: bool) -> int:
    """A Likert answer turned so that a higher number always means more of the trait."""
    return SCALE_MIN + SCALE_MAX - value if reverse else value


def to_percent(mean_on_scale: float) -> float:
    return round(100 * (mean_on_scale - SCALE_MIN) / (SCALE_MAX - SCALE_MIN), 1)


def block_comparisons(
    items: Sequence[Item], most: Mapping[int, int], least: Mapping[int, int]
) -> list[forced_choice.Comparison]:
    """The pairwise preferences in the answered forced-choice blocks."""
    comparisons = []
    for item in items:
        if item.kind != "block" or item.id not in most or item.id not in least:
            continue
        ids = list(item.option_scores)
        traits = [next(iter(item.option_scores[i]), None) for i in ids]
        if most[item.id] in ids and least[item.id] in ids and most[item.id] != least[item.id]:
            comparisons += forced_choice.block_comparisons(
                traits, ids.index(most[item.id]), ids.index(least[item.id])
            )
    return comparisons


def elevation(
    items: Sequence[Item],
    most: Mapping[int, int],
    least: Mapping[int, int],
    means: Mapping[str, float],
) -> float:
    """How many scale points the forced-choice blocks say the statement and scenario answers
    (`means`, per trait on the 1-5 scale) run above the person's real levels; 0 without
    blocks. Subtracted from every trait, so one's profile stays as the statements say."""
    comparisons = block_comparisons(items, most, least)
    if not comparisons:
        return 0.0
    levels = {trait: (mean - NORM_MEAN) / NORM_SD for trait, mean in means.items()}
    # Up only a little: choices that "support" more than the statements claim may be a modest
    # candidate, but as likely someone who spotted the unscored statements, and a large boost
    # would reward exactly the faking the blocks are there to resist.
    shift = forced_choice.elevation(comparisons, levels, ELEVATION_PRIOR_SD)
    return NORM_SD * max(-ELEVATION_MAX_BOOST, shift)


def _pages(items: Sequence[Item], page_times: Sequence[PageTime]):
    by_id = {item.id: item for item in items}
    pages = []
    for page in page_times:
        mine = [by_id[i] for i in page.item_ids if i in by_id]
        pages.append(
            response_quality.TimedPage(
                seconds=page.seconds,
                words=sum(item.words for item in mine),
                answers=sum(1 for item in mine if item.kind != "why"),  # choices made
                has_writing=any(item.kind == "why" for item in mine),
            )
        )
    return pages


def score(
    items: Sequence[Item],
    likert: Mapping[int, int],
    options: Mapping[int, int],
    page_times: Sequence[PageTime],
    least: Mapping[int, int] | None = None,
) -> Result:
    """Score one submitted response. `items` are in the order the candidate saw them;
    `likert` maps question id -> 1..5 (statements and unlikely virtues), `options` question id
    -> chosen option id (a block's "most like me"), `least` a block's question id -> its
    "least like me" statement id; `page_times` the time each page was on screen."""
    statements = [item for item in items if item.kind == "likert" and item.id in likert]
    answers: dict[str, list[float]] = defaultdict(list)
    for item in statements:
        answers[item.traits[0]].append(keyed(likert[item.id], item.reverse_keyed))
    for item in items:
        if item.kind == "scenario" and item.id in options:
            for trait, value in item.option_scores.get(options[item.id], {}).items():
                answers[trait].append(value)
    means = {trait: fmean(answers[trait]) for trait in Trait.values if answers[trait]}
    shift = elevation(items, options, least or {}, means)
    trait_scores = {
        trait: to_percent(min(SCALE_MAX, max(SCALE_MIN, mean - shift)))
        for trait, mean in means.items()
    }
    item_counts = {trait: len(answers[trait]) for trait in trait_scores}
    assessment = response_quality.assess(
        [
            response_quality.Statement(
                item.id, item.traits[0], item.reverse_keyed, item.twin_id, likert[item.id]
            )
            for item in statements
        ],
        _pages(items, page_times),
        [likert[item.id] for item in items if item.kind == "virtue" and item.id in likert],
    )
    quality = assessment.quality
    if any(item.kind == "block" for item in items):
        quality["forced_choice_shift"] = round(-100 * shift / (SCALE_MAX - SCALE_MIN), 1)
    return Result(
        trait_scores=trait_scores,
        item_counts=item_counts,
        flags=assessment.flags,
        reliability=assessment.reliability,
        quality=quality,
    )


def cronbach_alpha(rows: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha of a respondents x items matrix; None when it is not defined
    (fewer than two items or respondents, or no variance in the totals)."""
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    k = len(rows[0])
    item_variances = sum(pvariance([row[i] for row in rows]) for i in range(k))
    total_variance = pvariance([sum(row) for row in rows])
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - item_variances / total_variance)


def _correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    mx, my = fmean(xs), fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


@dataclass(frozen=True)
class ItemStatistic:
    item_id: int
    item_total: float | None  # correlation with the sum of the trait's other items
    alpha_if_dropped: float | None


def item_statistics(
    item_ids: Sequence[int], rows: Sequence[Sequence[float]]
) -> list[ItemStatistic]:
    """Per item: corrected item-total correlation and the scale's alpha without it."""
    stats = []
    for i, item_id in enumerate(item_ids):
        rest = [[v for j, v in enumerate(row) if j != i] for row in rows]
        stats.append(
            ItemStatistic(
                item_id=item_id,
                item_total=_correlation([row[i] for row in rows], [sum(r) for r in rest])
                if len(rows) >= 2 and rest and rest[0]
                else None,
                alpha_if_dropped=cronbach_alpha(rest),
            )
        )
    return stats
