"""The adverse-impact report's statistics, on the counts and sums that SQL aggregates give.

Selection rates with the four-fifths rule and Fisher's exact test, standardized mean
differences, the validity of each evidence source, and (from `dif`, kept apart for length)
differential item functioning; small groups are hidden by reports.py (MINIMUM_GROUP). Nothing
here reads the database: the caller counts and sums, and passes the numbers in (PostgreSQL sums
may arrive as Decimal, so values are turned into float first).
"""

import math
import sys
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from typing import TypeVar

from scipy import stats

from .dif import DIF, mantel_haenszel

__all__ = [
    "DIF",
    "SMD",
    "Correlation",
    "GroupRate",
    "SelectionReport",
    "correlation",
    "fisher_p",
    "mantel_haenszel",
    "selection_rates",
    "standardized_mean_difference",
    "suggested_source_weights",
]

K = TypeVar("K", bound=Hashable)

# A count from 1 to this less one is never shown, so no shown count singles anyone out.
MINIMUM_GROUP = 5
# Below this many decided people in a group, or in the group it is compared with, the report
# says "not enough data" and never flags. The Uniform Guidelines (29 CFR 1607.4D) warn that
# "greater differences in selection rate may not constitute adverse impact where the
# differences are based on small numbers and are not statistically significant"; 30 a side is
# the customary rule of thumb, and below it one person more or less moves a rate by over three
# points, enough to cross the four-fifths line by chance.
MINIMUM_FOR_TEST = 30
FOUR_FIFTHS = 0.8
# Cohen's conventional bands for a standardized mean difference (upper bounds, exclusive).
COHEN_BANDS = ((0.2, "negligible"), (0.5, "small"), (0.8, "medium"))
Z_95 = stats.norm.ppf(0.975)


# --- Selection rates and the four-fifths rule ------------------------------------------------


@dataclass(frozen=True)
class GroupRate:
    """One group's row at one stage. `impact_ratio` and `four_fifths` are against the report's
    reference; the test is against `compared_with` (the group the flag is against, else the
    reference): `p_value` is Fisher's exact test, `p_holm` the same after Holm's correction over
    every pair of groups tested in the row."""

    label: str
    selected: int
    decided: int
    rate: float | None
    impact_ratio: float | None
    four_fifths: bool
    compared_with: str | None
    p_value: float | None
    p_holm: float | None
    enough_data: bool
    flagged: bool


@dataclass(frozen=True)
class SelectionReport:
    """Every group's row, in the order given, and the group with the highest rate."""

    reference: str | None
    groups: tuple[GroupRate, ...]

    def __getitem__(self, label: str) -> GroupRate:
        return next(g for g in self.groups if g.label == label)

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(g.label for g in self.groups if g.flagged)


def fisher_p(selected_a: int, total_a: int, selected_b: int, total_b: int) -> float:
    """Two-sided Fisher's exact test on the 2x2 table (selected, not selected) x (a, b)."""
    for selected, total in ((selected_a, total_a), (selected_b, total_b)):
        if not 0 <= selected <= total:
            raise ValueError(f"selected {selected} of {total}")
    table = [[selected_a, total_a - selected_a], [selected_b, total_b - selected_b]]
    return float(stats.fisher_exact(table).pvalue)


def selection_rates(
    counts: Mapping[str, tuple[int, int]], *, minimum: int = MINIMUM_FOR_TEST, alpha: float = 0.05
) -> SelectionReport:
    """Selection rate, impact ratio and flag per group; counts maps label -> (selected, decided).

    The reference is the group with the highest selection rate, as the Guidelines compute the
    impact ratio, chosen among groups with `minimum` decided (`enough_data`) when any has, else
    among groups with anyone decided. Tied rates go to the group with more decided people (the
    steadier rate), then to the first label in sort order, so the same counts always give the
    same reference; tied groups get an impact ratio of 1.

    A group is flagged when, against some other group with enough data, both prongs hold: its
    rate is below four fifths of that group's (practical significance) and Fisher's test of the
    two, Holm-corrected over every pair of groups with enough data in this row, is below
    `alpha` (statistical significance). Each prong alone misleads: four fifths fires by chance
    in small groups, a test alone flags trivial gaps in large ones. Every pair, rather than
    each group against the reference only, because which group tops the row is itself chance:
    a 34-person group that tops it by luck is a yardstick too noisy to find a real gap
    (bench/adverse_impact.py), and comparing everyone with a chosen maximum overstates the
    evidence. A flag implies `four_fifths`. Groups with fewer than `minimum` decided are shown
    as "not enough data": not tested, never flagged.
    """
    for label, (selected, decided) in counts.items():
        if not 0 <= selected <= decided:
            raise ValueError(f"{label}: selected {selected} of {decided}")
    rates = {label: Fraction(s, d) for label, (s, d) in counts.items() if d > 0}
    steady = [label for label in rates if counts[label][1] >= minimum]
    ranked = sorted(steady or rates, key=lambda label: (-rates[label], -counts[label][1], label))
    if not ranked:
        return SelectionReport(None, tuple(_empty(label, *counts[label]) for label in counts))
    reference, ref_rate = ranked[0], rates[ranked[0]]
    raw = {pair: fisher_p(*counts[pair[0]], *counts[pair[1]]) for pair in combinations(steady, 2)}
    adjusted = _holm(raw)

    def pair_test(a: str, b: str) -> tuple[float, float]:
        pair = (a, b) if (a, b) in raw else (b, a)
        return raw[pair], adjusted[pair]

    rows = []
    for label, (selected, decided) in counts.items():
        if label not in rates:
            rows.append(_empty(label, selected, decided))
            continue
        ratio = float(rates[label] / ref_rate) if ref_rate else None
        against = []  # groups it is below four fifths of, beyond chance; highest rate first
        if label in steady:  # then `ranked` holds exactly the groups with enough data
            against = [
                other
                for other in ranked
                if other != label
                and rates[label] < FOUR_FIFTHS * rates[other]
                and pair_test(label, other)[1] < alpha
            ]
        compared_with = against[0] if against else None
        if compared_with is None and label in steady and label != reference:
            compared_with = reference
        p_value, p_holm = pair_test(label, compared_with) if compared_with else (None, None)
        rows.append(
            GroupRate(
                label=label,
                selected=selected,
                decided=decided,
                rate=float(rates[label]),
                impact_ratio=ratio,
                four_fifths=ratio is not None and ratio < FOUR_FIFTHS,
                compared_with=compared_with,
                p_value=p_value,
                p_holm=p_holm,
                enough_data=label in steady,
                flagged=bool(against),
            )
        )
    return SelectionReport(reference, tuple(rows))


def _empty(label: str, selected: int, decided: int) -> GroupRate:
    return GroupRate(label, selected, decided, None, None, False, None, None, None, False, False)


def _holm(p_values: Mapping[K, float]) -> dict[K, float]:
    """Holm's step-down adjusted p-values: the chance of any false flag in a row stays at alpha
    however many groups a question has, with more power than Bonferroni's correction."""
    adjusted, running = {}, 0.0
    ordered = sorted(p_values.items(), key=lambda item: item[1])
    for i, (key, p) in enumerate(ordered):
        running = max(running, min(1.0, (len(ordered) - i) * p))
        adjusted[key] = running
    return adjusted


# --- Effect sizes on scores ------------------------------------------------------------------


@dataclass(frozen=True)
class SMD:
    """Hedges' g of group 1 against group 2 (positive: group 1 scores higher), with its
    approximate 95 % confidence interval."""

    g: float
    se: float
    ci_low: float
    ci_high: float
    n1: int
    n2: int

    @property
    def label(self) -> str:
        size = abs(self.g)
        return next((name for bound, name in COHEN_BANDS if size < bound), "large")


def _spread(n: int, total: float, total_sq: float) -> float:
    """The sum of squared deviations from count, sum and sum of squares. The one-pass formula
    cancels badly when the mean is large beside the spread, so what is within rounding of zero
    (or below it) is zero."""
    spread = total_sq - total * total / n
    return 0.0 if spread <= 64 * sys.float_info.epsilon * abs(total_sq) else spread


def standardized_mean_difference(
    n1: int, sum1: float, sumsq1: float, n2: int, sum2: float, sumsq2: float
) -> SMD | None:
    """Hedges' g from counts, sums and sums of squares: the difference of means over the pooled
    standard deviation, times J = 1 - 3 / (4 (n1 + n2) - 9) for small samples; standard error
    sqrt((n1 + n2) / (n1 n2) + g^2 / (2 (n1 + n2))). None when a group has fewer than two
    people or nobody's score differs from their group's mean."""
    n1, n2 = int(n1), int(n2)
    if n1 < 2 or n2 < 2:
        return None
    sum1, sumsq1, sum2, sumsq2 = (float(v) for v in (sum1, sumsq1, sum2, sumsq2))
    pooled = (_spread(n1, sum1, sumsq1) + _spread(n2, sum2, sumsq2)) / (n1 + n2 - 2)
    if pooled <= 0:
        return None
    j = 1 - 3 / (4 * (n1 + n2) - 9)
    g = j * (sum1 / n1 - sum2 / n2) / math.sqrt(pooled)
    se = math.sqrt((n1 + n2) / (n1 * n2) + g * g / (2 * (n1 + n2)))
    return SMD(g, se, g - Z_95 * se, g + Z_95 * se, n1, n2)


# --- Validity: does the score at hire predict the 90-day check-in? ---------------------------


@dataclass(frozen=True)
class Correlation:
    """Pearson's r with its confidence interval (Fisher's z) and two-sided p-value."""

    r: float
    n: int
    ci_low: float
    ci_high: float
    p_value: float
    confidence: float

    @property
    def clear(self) -> bool:
        """The interval leaves out zero: the data say which way the relation goes."""
        return self.ci_low > 0 or self.ci_high < 0


def correlation(
    n: int, sx: float, sy: float, sxx: float, syy: float, sxy: float, *, confidence: float = 0.95
) -> Correlation | None:
    """Pearson's r from n and the sums of x, y, x^2, y^2 and xy. None below four pairs (the
    interval needs n - 3 > 0) or when either variable never varies."""
    n = int(n)
    if n < 4:
        return None
    sx, sy, sxx, syy, sxy = (float(v) for v in (sx, sy, sxx, syy, sxy))
    spread_x, spread_y = _spread(n, sx, sxx), _spread(n, sy, syy)
    if spread_x == 0 or spread_y == 0:
        return None
    r = max(-1.0, min(1.0, (sxy - sx * sy / n) / math.sqrt(spread_x * spread_y)))
    if abs(r) == 1:
        return Correlation(r, n, r, r, 0.0, confidence)
    half = stats.norm.ppf((1 + confidence) / 2) / math.sqrt(n - 3)
    z = math.atanh(r)
    t = r * math.sqrt((n - 2) / (1 - r * r))
    p_value = float(2 * stats.t.sf(abs(t), n - 2))
    return Correlation(r, n, math.tanh(z - half), math.tanh(z + half), p_value, confidence)


def suggested_source_weights(
    correlations: Mapping[str, Correlation | None],
    current: Mapping[str, int],
    *,
    weight_max: int = 10,
    min_n: int = 10,
) -> dict[str, int]:
    """Source weights suggested by how well each source's score at hire predicted the 90-day
    check-in (`weight_max` is passionhire.vocabulary.WEIGHT_MAX; the caller passes it).

    In plain words: a source we know too little about (fewer than `min_n` hires, or a result
    that could be chance, its interval reaching zero) keeps the weight it has. Among the
    others, the one that predicted best gets the top weight, and each other gets a share in
    proportion to how well it predicted, rounded: half as good, half the weight. A source that
    predicted the wrong way gets 0. If that would leave nothing to go on (every clear source
    predicted the wrong way), nothing is suggested and the current weights come back.
    """
    clear = {
        source: max(result.r, 0.0)
        for source, result in correlations.items()
        if source in current and result is not None and result.n >= min_n and result.clear
    }
    best = max(clear.values(), default=0.0)
    if best <= 0:
        return dict(current)
    suggested = dict(current)
    for source, r in clear.items():
        suggested[source] = math.floor(weight_max * r / best + 0.5)
    return suggested
