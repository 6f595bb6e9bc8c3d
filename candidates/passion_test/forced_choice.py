"""Scoring the forced-choice blocks: a Thurstonian model, pure arithmetic.

A block shows three statements matched on how good they sound: two describe behaviour on two
different traits, the third (a "filler") describes something equally desirable that is none of
the six. The candidate picks the one most like them and the one least like them, which ranks
all three: most > middle > least, i.e. three pairwise preferences.

The model (Thurstone's law of comparative judgement, as Brown & Maydeu-Olivares 2011 use it for
forced-choice questionnaires): a statement's utility for a person is their level on its trait
plus unit normal noise; a filler's is the population average (0) plus the same noise. So

    P(statement on trait A preferred to one on trait B) = Φ((θ_A − θ_B) / √2),

with θ a person's level in standard units and θ = 0 for a filler. Because every block contains
a filler with a fixed utility, the levels are anchored: the estimates are normative (people can
be compared), not only a ranking of one person's traits. Each trait's θ is estimated by maximum
a posteriori with a standard normal prior, which keeps a person who always picks one trait from
running off to infinity.

Why this resists faking: the three statements sound equally good, so the answer that "looks
best" does not exist; raising one trait means lowering another or the filler, which an applicant
can only do by knowing which statement is scored. `bench/fairness.py` measures how much is left.
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

_NORMAL = NormalDist()
_SQRT2 = math.sqrt(2)
PRIOR_SD = 1.0
MAX_ITERATIONS = 50
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Comparison:
    """One pairwise preference: the statement on `preferred` (a trait, or None for a filler)
    was placed above the one on `other`."""

    preferred: str | None
    other: str | None


def block_comparisons(traits: Sequence[str | None], most: int, least: int) -> list[Comparison]:
    """The three preferences in one answered block. `traits[i]` is the trait of the block's
    i-th statement (None for a filler); `most` and `least` are indexes into it."""
    if most == least or not (0 <= most < len(traits) and 0 <= least < len(traits)):
        raise ValueError("most and least must be two different statements of the block")
    middle = [i for i in range(len(traits)) if i not in (most, least)]
    order = [most, *middle, least]
    return [
        Comparison(traits[order[i]], traits[order[j]])
        for i in range(len(order))
        for j in range(i + 1, len(order))
        if traits[order[i]] != traits[order[j]]
    ]


def _mills(d: float) -> float:
    """φ(d) / Φ(d), computed stably for very negative d."""
    if d < -30:
        return -d
    return _NORMAL.pdf(d) / _NORMAL.cdf(d)


def estimate(comparisons: Iterable[Comparison]) -> dict[str, float]:
    """Each trait's level θ (standard units, 0 = the population average) given the
    preferences; traits that appear in no comparison are left out."""
    comparisons = list(comparisons)
    traits = sorted({t for c in comparisons for t in (c.preferred, c.other) if t is not None})
    theta = dict.fromkeys(traits, 0.0)
    for _ in range(MAX_ITERATIONS):
        largest_step = 0.0
        for trait in traits:  # coordinate-wise Newton; the log posterior is concave
            gradient = -theta[trait] / PRIOR_SD**2
            curvature = -1 / PRIOR_SD**2
            for c in comparisons:
                if trait not in (c.preferred, c.other):
                    continue
                sign = 1 if c.preferred == trait else -1
                d = (_level(theta, c.preferred) - _level(theta, c.other)) / _SQRT2
                m = _mills(d)
                gradient += sign * m / _SQRT2
                curvature -= m * (d + m) / 2
            step = gradient / curvature
            theta[trait] -= step
            largest_step = max(largest_step, abs(step))
        if largest_step < TOLERANCE:
            break
    return theta


def _level(theta: dict[str, float], trait: str | None) -> float:
    return 0.0 if trait is None else theta[trait]


def elevation(
    comparisons: Iterable[Comparison], levels: dict[str, float], prior_sd: float
) -> float:
    """How far (in standard units) the choices say the person's levels lie BELOW `levels`
    (their levels as the statements and scenarios put them), one shift for all traits.

    With θ_t = levels[t] − δ, the preferences between two traits do not depend on δ; those
    against a filler do: someone whose statement answers are a point higher than they really
    are still prefers the fillers as often as their real levels make them. δ is the maximum a
    posteriori shift with a normal prior of `prior_sd` around 0 (no shift), so a few choices
    move it little and consistent choices (even at the top of the scale) leave it near 0."""
    against_filler = [
        c
        for c in comparisons
        if (c.preferred is None) != (c.other is None)
        and (c.preferred in levels or c.other in levels)
    ]
    delta = 0.0
    for _ in range(MAX_ITERATIONS):
        gradient = -delta / prior_sd**2
        curvature = -1 / prior_sd**2
        for c in against_filler:
            # d = (θ_preferred − θ_other) / √2; d/dδ of θ_trait is −1.
            sign = -1 if c.preferred is not None else 1
            d = (_level_at(levels, c.preferred, delta) - _level_at(levels, c.other, delta)) / _SQRT2
            m = _mills(d)
            gradient += sign * m / _SQRT2
            curvature -= m * (d + m) / 2
        step = gradient / curvature
        delta -= step
        if abs(step) < TOLERANCE:
            break
    return delta


def _level_at(levels: dict[str, float], trait: str | None, delta: float) -> float:
    return 0.0 if trait is None else levels[trait] - delta
