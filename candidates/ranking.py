"""The composite passion score and its explanation: pure arithmetic, no database.

Every evidence row has a value v (0-100 on one trait), its own weight w (a Passion Test's
reliability, 1 per scorecard, 0.5 per team-meet observation, 0.25 per referral example) and a
source. A role gives each trait a weight W (0-10) and each source a weight S (0-10). Then:

- a trait's score is the mean of its evidence weighted by S x w:
  T = sum(S * w * v) / sum(S * w), over the evidence whose S * w is above zero;
- the composite is the role-weighted mean of the traits that have a score:
  C = sum(W * T) / sum(W), over traits with a score and W > 0 (a trait without evidence neither
  helps nor hurts; it lowers the confidence instead);
- confidence = (share of the role's trait weight that has evidence) x (1 - 0.5 ** k), k being
  the number of sources that count (1 source 0.5, 2 sources 0.75, 3 sources 0.875, ...).

The stored scores (`Application.score_<trait>`, `composite_score`, `confidence`, `flags`) are
written from `score()`; the profile page explains them with `explain()`, which runs the same
arithmetic on the individual rows, so the two can never drift apart.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntFlag

from passionhire.traits import Trait
from passionhire.vocabulary import (
    DISAGREEMENT_POINTS,
    SOURCE_LABELS,
    SOURCES,
    UNRELIABLE_TEST_BELOW,
)

DEFAULT_SOURCE_WEIGHTS = {"passion_test": 3, "interview": 5, "team_meet": 4, "referral": 2}


class Flag(IntFlag):
    """Stored on the application as a bitmask so the shortlist filters in the database."""

    UNRELIABLE_TEST = 1
    DISAGREEMENT = 2
    NO_PASSION_TEST = 4
    NO_INTERVIEW = 8
    NO_TEAM_MEET = 16


FLAG_LABELS = {
    Flag.UNRELIABLE_TEST: "Unreliable Passion Test",
    Flag.DISAGREEMENT: "Sources disagree",
    Flag.NO_PASSION_TEST: "No Passion Test yet",
    Flag.NO_INTERVIEW: "No interview yet",
    Flag.NO_TEAM_MEET: "No team meet yet",
}
WARNING_FLAGS = Flag.UNRELIABLE_TEST | Flag.DISAGREEMENT
MISSING_FLAGS = Flag.NO_PASSION_TEST | Flag.NO_INTERVIEW | Flag.NO_TEAM_MEET
assert MISSING_FLAGS == 28  # the default of Application.flags

MISSING_SOURCE_FLAG = {
    "passion_test": Flag.NO_PASSION_TEST,
    "interview": Flag.NO_INTERVIEW,
    "team_meet": Flag.NO_TEAM_MEET,
}


def flag_labels(flags: int) -> list[tuple[str, str, bool]]:
    """(code, label, is a warning) for each flag set in `flags`; an application missing every
    source reads as one "No evidence yet"."""
    if flags & MISSING_FLAGS == MISSING_FLAGS and not flags & WARNING_FLAGS:
        return [("no_evidence", "No evidence yet", False)]
    return [
        (flag.name.lower(), FLAG_LABELS[flag], bool(flag & WARNING_FLAGS))
        for flag in Flag
        if flags & flag
    ]


@dataclass
class SourceSum:
    """Evidence of one source on one trait: sum(w * v), sum(w) and the number of rows."""

    weighted: float = 0.0
    weight: float = 0.0
    count: int = 0

    @property
    def mean(self) -> float | None:
        return self.weighted / self.weight if self.weight > 0 else None


# {trait: {source: SourceSum}}
Groups = Mapping[str, Mapping[str, SourceSum]]


@dataclass(frozen=True)
class Disagreement:
    trait: Trait
    means: tuple[tuple[str, float], ...]  # (source, mean) highest first

    @property
    def spread(self) -> float:
        return self.means[0][1] - self.means[-1][1]

    def __str__(self) -> str:
        parts = ", ".join(f"{SOURCE_LABELS[s]} {m:.0f}" for s, m in self.means)
        return f"{self.trait.label}: {parts}"


@dataclass(frozen=True)
class Score:
    traits: dict[Trait, float | None]
    composite: float | None
    confidence: float | None
    flags: int
    disagreements: tuple[Disagreement, ...]
    sources: tuple[str, ...]  # the sources that count, in SOURCES order


def score(
    groups: Groups, trait_weights: Mapping[str, float], source_weights: Mapping[str, float]
) -> Score:
    """The stored scores of one application, from its evidence summed per trait and source."""
    traits: dict[Trait, float | None] = {}
    counted_sources: set[str] = set()
    present_sources: set[str] = set()
    disagreements = []
    unreliable = False
    for trait in Trait:
        numerator = denominator = 0.0
        means = []
        for source, sums in groups.get(trait.value, {}).items():
            if sums.count:
                present_sources.add(source)
            if source == "passion_test" and sums.count:
                unreliable |= sums.weight / sums.count < UNRELIABLE_TEST_BELOW
            s = source_weights.get(source, 0)
            if s <= 0 or sums.weight <= 0:
                continue
            numerator += s * sums.weighted
            denominator += s * sums.weight
            counted_sources.add(source)
            means.append((source, sums.weighted / sums.weight))
        traits[trait] = numerator / denominator if denominator > 0 else None
        if len(means) >= 2:
            means.sort(key=lambda item: (-item[1], SOURCES.index(item[0])))
            if means[0][1] - means[-1][1] >= DISAGREEMENT_POINTS:
                disagreements.append(Disagreement(trait, tuple(means)))
    covered = sum(trait_weights.get(t.value, 0) for t, v in traits.items() if v is not None)
    total = sum(trait_weights.get(t.value, 0) for t in Trait)
    if covered > 0:
        composite = (
            sum(trait_weights.get(t.value, 0) * v for t, v in traits.items() if v is not None)
            / covered
        )
        confidence = covered / total * (1 - 0.5 ** len(counted_sources))
    else:
        composite = confidence = None
    flags = 0
    if unreliable:
        flags |= Flag.UNRELIABLE_TEST
    if disagreements:
        flags |= Flag.DISAGREEMENT
    for source, flag in MISSING_SOURCE_FLAG.items():
        if source not in present_sources:
            flags |= flag
    return Score(
        traits={t: _round(v, 1) for t, v in traits.items()},
        composite=_round(composite, 1),
        confidence=_round(confidence, 3),
        flags=flags,
        disagreements=tuple(disagreements),
        sources=tuple(s for s in SOURCES if s in counted_sources),
    )


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def group(rows: Iterable[tuple[str, str, float, float]]) -> dict[str, dict[str, SourceSum]]:
    """Sum (trait, source, value, weight) rows into `Groups`."""
    groups: dict[str, dict[str, SourceSum]] = {}
    for trait, source, value, weight in rows:
        sums = groups.setdefault(trait, {}).setdefault(source, SourceSum())
        sums.weighted += weight * value
        sums.weight += weight
        sums.count += 1
    return groups


# --- The explanation ---------------------------------------------------------------------


@dataclass
class Piece:
    """One evidence row as the profile explains it."""

    evidence: object  # the Evidence row (or anything with the fields below)
    effective_weight: float  # S * w
    share: float  # of the trait's score, 0-1
    moved: float | None  # trait score with it minus without it (None if it is the only one)


@dataclass
class TraitExplanation:
    trait: Trait
    role_weight: float
    score: float | None
    pieces: list[Piece] = field(default_factory=list)
    by_source: list[tuple[str, float]] = field(default_factory=list)  # (source, mean)
    disagreement: Disagreement | None = None
    contribution: float | None = None  # points of the composite this trait accounts for
    missing: list[str] = field(default_factory=list)  # sources with no evidence on it


@dataclass
class Explanation:
    score: Score
    traits: list[TraitExplanation]


def explain(
    evidence: Iterable, trait_weights: Mapping[str, float], source_weights: Mapping[str, float]
) -> Explanation:
    """Per trait: each piece of evidence with its effective weight, its share of the trait's
    score and how far it moved that score (the score with it minus the score without it)."""
    rows = list(evidence)
    result = score(
        group((e.trait, e.source, e.value, e.weight) for e in rows), trait_weights, source_weights
    )
    covered = sum(trait_weights.get(t.value, 0) for t, v in result.traits.items() if v is not None)
    explained = []
    for trait in Trait:
        mine = [e for e in rows if e.trait == trait.value]
        weights = [source_weights.get(e.source, 0) * e.weight for e in mine]
        total_w = sum(weights)
        total = sum(w * e.value for w, e in zip(weights, mine, strict=True))
        value = total / total_w if total_w > 0 else None
        pieces = []
        for w, e in zip(weights, mine, strict=True):
            rest_w = total_w - w
            moved = None
            if value is not None and w > 0 and rest_w > 0:
                moved = round(value - (total - w * e.value) / rest_w, 1)
            elif value is not None and w == 0:
                moved = 0.0
            pieces.append(Piece(e, round(w, 3), (w / total_w) if total_w > 0 else 0.0, moved))
        pieces.sort(key=lambda p: (-p.effective_weight, p.evidence.source))
        sums = group((e.trait, e.source, e.value, e.weight) for e in mine).get(trait.value, {})
        by_source = [(s, sums[s].mean) for s in SOURCES if s in sums and sums[s].mean is not None]
        role_weight = trait_weights.get(trait.value, 0)
        contribution = None
        if value is not None and covered > 0 and role_weight > 0:
            contribution = round(role_weight * value / covered, 1)
        explained.append(
            TraitExplanation(
                trait=trait,
                role_weight=role_weight,
                score=result.traits[trait],
                pieces=pieces,
                by_source=by_source,
                disagreement=next((d for d in result.disagreements if d.trait == trait), None),
                contribution=contribution,
                missing=[s for s in MISSING_SOURCE_FLAG if s not in sums],
            )
        )
    return Explanation(score=result, traits=explained)
