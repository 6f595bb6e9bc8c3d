"""The composite passion score, the rank score and their explanation: pure arithmetic, no
database.

Every evidence row has a value v (0-100 on one trait), its own weight w (a Passion Test's
reliability r, 1 per why-answer rating, 1 per scorecard, 0.5 per team-meet observation, 0.25 per
referral example) and a source. A role gives each trait a weight W (0-10) and each source a
weight S (0-10). m is the centre of the scale, CENTRE = 50 (rubric level 3 of 5). Then:

- a trait's score is the mean of its evidence weighted by S x w, pulled toward m by the part
  of each Passion Test it cannot trust:
  T = (sum(S * w * v) + k * m) / (sum(S * w) + k),  k = S_test * sum(1 - r)
  over the test's own rows (origin ``passion_test:response:<id>``, weight r); ratings of its why
  answers and every other source bring no pull (k = 0: the plain weighted mean). So a test
  carries its source weight S_test whatever its reliability: a share r stands on the answers,
  1 - r on m. Alone on a trait this is Kelley's regressed true score, T = m + r * (v - m):
  reliability 1 counts fully (T = v), 0.05 almost nothing, 0 nothing (T = m). Beside other
  evidence an unreliable test makes the trait look more average, never more extreme; a
  recruiter who finds the test worthless sets it aside ("Proceed without the test"), which
  removes its rows and with them the pull;
- the composite is the role-weighted mean of the traits that have a score:
  C = sum(W * T) / sum(W), over traits with a score and W > 0 (a trait without evidence neither
  helps nor hurts; it lowers the confidence instead);
- confidence = (sum(W * f) / sum of all W) x (1 - 0.5 ** n), f being the share of a trait's
  weight that stands on evidence rather than on the pull, sum(S * w) / (sum(S * w) + k) (1 on
  a trait without a test's pull, r on a trait with only a test, 0 without evidence), and n the
  number of sources that count (1 source 0.5, 2 sources 0.75, 3 sources 0.875, ...);
- the rank score, which the shortlist sorts by, is the composite shrunk toward m by the
  confidence: R = m + confidence * (C - m), from the stored (rounded) C and confidence. Two
  ratings of why answers alone (confidence 0.17) no longer outrank, on a few points of
  composite, a candidate the role knows well (0.75).

Why m is the scale's centre and not the role's mean score: the role's mean is an aggregate over
every application, including those a viewer may not see yet (no anchoring, hiring/viewer.py).
Pulling toward it would move every other candidate's stored score when a hidden one changes,
and the shortlist would leak through them. It would also go stale: each application would be
scored around the mean of the day it was scored, so ranks would not compare.

The "Unreliable Passion Test" flag reads the test's own rows only (mean r below
UNRELIABLE_TEST_BELOW), never diluted by ratings of its why answers.

The stored scores (`Application.score_<trait>`, `composite_score`, `confidence`, `rank_score`,
`flags`) are written from `score()`; the profile page explains them with `explain()`, which runs
the same arithmetic on the individual rows, so the two can never drift apart.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntFlag

from django.utils.translation import gettext_noop

from passionhire.traits import Trait
from passionhire.vocabulary import (
    DISAGREEMENT_POINTS,
    SOURCE_LABELS,
    SOURCES,
    UNRELIABLE_TEST_BELOW,
)

DEFAULT_SOURCE_WEIGHTS = {"passion_test": 3, "interview": 5, "team_meet": 4, "referral": 2}
# The Evidence.origin prefix of the rows the Passion Test's scorer writes (one per trait).
TEST_RESPONSE_ORIGIN = "passion_test:response:"
# What an untrusted test is pulled toward and the rank score shrinks toward: the middle of
# the 0-100 scale (see the module's docstring for why not the role's mean).
CENTRE = 50.0


class Flag(IntFlag):
    """Stored on the application as a bitmask so the shortlist filters in the database."""

    UNRELIABLE_TEST = 1
    DISAGREEMENT = 2
    NO_PASSION_TEST = 4
    NO_INTERVIEW = 8
    NO_TEAM_MEET = 16


# English here (the shortlist's CSV export writes them); pages translate them as they show
# them (`{% translate label %}`).
FLAG_LABELS = {
    Flag.UNRELIABLE_TEST: gettext_noop("Unreliable Passion Test"),
    Flag.DISAGREEMENT: gettext_noop("Sources disagree"),
    Flag.NO_PASSION_TEST: gettext_noop("No Passion Test yet"),
    Flag.NO_INTERVIEW: gettext_noop("No interview yet"),
    Flag.NO_TEAM_MEET: gettext_noop("No team meet yet"),
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
        return [("no_evidence", gettext_noop("No evidence yet"), False)]
    return [
        (flag.name.lower(), FLAG_LABELS[flag], bool(flag & WARNING_FLAGS))
        for flag in Flag
        if flags & flag
    ]


@dataclass
class SourceSum:
    """Evidence of one source on one trait: sum(w * v), sum(w) and the number of rows; and,
    of those, the Passion Test's own rows (their weight is the test's reliability)."""

    weighted: float = 0.0
    weight: float = 0.0
    count: int = 0
    test_weight: float = 0.0
    test_count: int = 0

    @property
    def mean(self) -> float | None:
        return self.weighted / self.weight if self.weight > 0 else None

    @property
    def unreliability(self) -> float:
        """sum(1 - r) over the test's rows: how much of the test pulls toward the mean."""
        return max(0.0, self.test_count - self.test_weight)


def is_test_response(origin: str) -> bool:
    """Was this evidence row written by the Passion Test's scorer (weight = reliability)?"""
    return origin.startswith(TEST_RESPONSE_ORIGIN)


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
    rank: float | None = None


def score(
    groups: Groups, trait_weights: Mapping[str, float], source_weights: Mapping[str, float]
) -> Score:
    """The stored scores of one application, from its evidence summed per trait and source."""
    traits: dict[Trait, float | None] = {}
    standing: dict[Trait, float] = {}  # the share of each trait's score standing on evidence
    counted_sources: set[str] = set()
    present_sources: set[str] = set()
    disagreements = []
    unreliable = False
    for trait in Trait:
        numerator = denominator = pull = 0.0
        source_means = []
        for source, sums in groups.get(trait.value, {}).items():
            if sums.count:
                present_sources.add(source)
            if sums.test_count:
                unreliable |= sums.test_weight / sums.test_count < UNRELIABLE_TEST_BELOW
            s = source_weights.get(source, 0)
            if s <= 0:
                continue
            pull += s * sums.unreliability
            if sums.weight <= 0:
                continue
            numerator += s * sums.weighted
            denominator += s * sums.weight
            counted_sources.add(source)
            source_means.append((source, sums.weighted / sums.weight))
        mass = denominator + pull
        traits[trait] = (numerator + pull * CENTRE) / mass if mass > 0 else None
        standing[trait] = denominator / mass if mass > 0 else 0.0
        if len(source_means) >= 2:
            source_means.sort(key=lambda item: (-item[1], SOURCES.index(item[0])))
            if source_means[0][1] - source_means[-1][1] >= DISAGREEMENT_POINTS:
                disagreements.append(Disagreement(trait, tuple(source_means)))
    covered = sum(trait_weights.get(t.value, 0) for t, v in traits.items() if v is not None)
    total = sum(trait_weights.get(t.value, 0) for t in Trait)
    if covered > 0:
        composite = (
            sum(trait_weights.get(t.value, 0) * v for t, v in traits.items() if v is not None)
            / covered
        )
        on_evidence = sum(trait_weights.get(t.value, 0) * standing[t] for t in Trait)
        confidence = on_evidence / total * (1 - 0.5 ** len(counted_sources))
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
    composite, confidence = _round(composite, 1), _round(confidence, 3)
    return Score(
        traits={t: _round(v, 1) for t, v in traits.items()},
        composite=composite,
        confidence=confidence,
        flags=flags,
        disagreements=tuple(disagreements),
        sources=tuple(s for s in SOURCES if s in counted_sources),
        rank=rank_score(composite, confidence),
    )


def rank_score(composite: float | None, confidence: float | None) -> float | None:
    """R = m + confidence * (C - m): the composite, believed as far as the confidence goes."""
    if composite is None or confidence is None:
        return None
    return round(CENTRE + confidence * (composite - CENTRE), 1)


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def group(rows: Iterable[tuple[str, str, float, float, str]]) -> dict[str, dict[str, SourceSum]]:
    """Sum (trait, source, value, weight, origin) rows into `Groups`."""
    groups: dict[str, dict[str, SourceSum]] = {}
    for trait, source, value, weight, origin in rows:
        sums = groups.setdefault(trait, {}).setdefault(source, SourceSum())
        sums.weighted += weight * value
        sums.weight += weight
        sums.count += 1
        if is_test_response(origin):
            sums.test_weight += weight
            sums.test_count += 1
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
class Pull:
    """The pull toward the centre on one trait: the untrusted part of its Passion Test,
    k = S_test * sum(1 - r), standing at CENTRE. Its own line of the explanation."""

    mean: float
    weight: float  # k
    share: float  # of the trait's score, 0-1
    moved: float | None  # score with the pull minus without it (None: nothing else to stand on)
    untrusted: float = 0.0  # sum(1 - r): k without the source weight


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
    pull: Pull | None = None  # when a test is not fully reliable


@dataclass
class Explanation:
    score: Score
    traits: list[TraitExplanation]


def _row(e) -> tuple[str, str, float, float, str]:
    return (e.trait, e.source, e.value, e.weight, getattr(e, "origin", "") or "")


def explain(
    evidence: Iterable, trait_weights: Mapping[str, float], source_weights: Mapping[str, float]
) -> Explanation:
    """Per trait: each piece of evidence with its effective weight, its share of the trait's
    score and how far it moved that score (the score with it minus the score without it; a
    test's row goes with its pull), and the pull toward the centre as a line of its own. The
    shares of a trait's pieces and pull add up to 1, and share x value adds up to its score."""
    rows = list(evidence)
    result = score(group(_row(e) for e in rows), trait_weights, source_weights)
    covered = sum(trait_weights.get(t.value, 0) for t, v in result.traits.items() if v is not None)
    explained = []
    for trait in Trait:
        m = CENTRE
        mine = [e for e in rows if e.trait == trait.value]
        weights, pulls = [], []
        for e in mine:
            s = source_weights.get(e.source, 0)
            weights.append(s * e.weight)
            test = s > 0 and is_test_response(_row(e)[4])
            pulls.append(s * max(0.0, 1 - e.weight) if test else 0.0)
        signal_w, pull_w = sum(weights), sum(pulls)
        mass = signal_w + pull_w
        signal = sum(w * e.value for w, e in zip(weights, mine, strict=True))
        total = signal + pull_w * m
        value = total / mass if mass > 0 else None
        pieces = []
        for w, p, e in zip(weights, pulls, mine, strict=True):
            rest = mass - w - p
            moved = None
            if value is not None and w + p > 0 and rest > 0:
                moved = round(value - (total - w * e.value - p * m) / rest, 1)
            elif value is not None and w + p == 0:
                moved = 0.0
            pieces.append(Piece(e, round(w, 3), (w / mass) if mass > 0 else 0.0, moved))
        pieces.sort(key=lambda p: (-p.effective_weight, p.evidence.source))
        pull = None
        if pull_w > 0:
            moved = round(value - signal / signal_w, 1) if signal_w > 0 else None
            untrusted = sum(
                p / source_weights[e.source] for p, e in zip(pulls, mine, strict=True) if p
            )
            pull = Pull(
                mean=m,
                weight=round(pull_w, 3),
                share=pull_w / mass,
                moved=moved,
                untrusted=untrusted,
            )
        sums = group(_row(e) for e in mine).get(trait.value, {})
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
                pull=pull,
            )
        )
    return Explanation(score=result, traits=explained)
