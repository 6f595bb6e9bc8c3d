"""Response-quality checks of the Passion Test: signs of carelessness, never of a response style.

Four checks lower the reliability index; each is a reason for a person to look, never a verdict:

- **Straight-lining**: the same answer to many statements in a row, across traits and keyings.
- **Inconsistent twins, centred on the person**: for each statement and its reverse-keyed twin,
  s = forward answer + reverse answer. Someone who reads both and answers by content gives
  s ≈ 6 plus their own constant lean (agreeing a little more with everything adds the same to
  every pair). So the check is how far each pair's s strays from the person's own mean s, not
  from 6: pure acquiescence costs nothing, answering the pairs at random does.
- **Person fit**: how much better the person's answers are explained by "answers follow six
  trait levels, with their own lean and their own spread" than by "answers picked at random".
  It is a likelihood ratio per statement (the most powerful test against a named kind of
  aberrance, Drasgow, Levine & McLaughlin 1987), with the person's own spread and lean fitted,
  so extreme and midpoint styles fit as well as anyone; a BIC penalty pays for the fitted
  parameters. It catches random answering done slowly, which no timing check can.
- **Speeding per page**: a page left sooner than anyone can read it (a skimming speed, with a
  floor per answer). Only time on screen counts, as the server recorded it, so breaks between
  pages cost nothing; pages of why questions are not timed (writing is not reading).

Two more measures are information only, never a penalty: how much the person agrees with
everything (acquiescence), and the unlikely-virtues scale, which is compared with its own norms
and raises an informational flag.

Thresholds were set with `bench/fairness.py`; change them only with its figures.
"""

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist, fmean

from django.utils.translation import gettext, ngettext

from passionhire.numbers import number

from .quality_words import FLAG_WORDS, english_detail

SCALE_MIN, SCALE_MAX = 1, 5
_NORMAL = NormalDist()

RUN_OK, RUN_FLAG = 10, 16
TWIN_SPREAD_OK, TWIN_SPREAD_FLAG = 1.2, 1.5
FIT_OK, FIT_FLAG = -0.12, -0.32  # log-likelihood ratio per statement, higher is better
TWIN_SD_HONEST, TWIN_SD_RANDOM = 1.0, 2.0  # of a twin pair's centred sum
MIN_NOISE_VARIANCE = 0.05  # the person-fit's noise never vanishes
SKIM_WORDS_PER_MINUTE = 600
SECONDS_PER_ANSWER = 1.2
SPEED_OK, SPEED_FLAG = 0.2, 0.4  # share of timed pages left too fast
VIRTUE_NORM_MEAN, VIRTUE_NORM_SD = 1.9, 0.55  # mean unlikely-virtue answer, honest candidates
VIRTUE_FLAG_Z = 2.0


@dataclass(frozen=True)
class Flag:
    code: str
    params: dict = field(default_factory=dict)  # the numbers its detail names
    lowers_reliability: bool = True

    # In English, as recorded; pages show them in the reader's language (quality_words).
    label = property(lambda self: FLAG_WORDS[self.code].label)
    detail = property(lambda self: english_detail(self.code, self.params))  # what was seen
    caveat = property(lambda self: FLAG_WORDS[self.code].caveat)  # what it does not prove

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "label": self.label,
            "detail": self.detail,
            "caveat": self.caveat,
            "lowers_reliability": self.lowers_reliability,
            "params": self.params,
        }


@dataclass(frozen=True)
class Statement:
    """One answered Likert statement as the checks need it, in test order."""

    id: int
    trait: str
    reverse: bool
    twin_id: int | None
    answer: int


@dataclass(frozen=True)
class TimedPage:
    seconds: float
    words: int
    answers: int
    has_writing: bool


@dataclass
class Assessment:
    flags: list[Flag]
    reliability: float
    quality: dict


def severity(value: float, ok: float, flag: float) -> float:
    """0 at or before `ok`, 0.5 at the flag threshold, 1 one span beyond it; works for checks
    where higher is worse (ok < flag) and where lower is worse (ok > flag)."""
    return max(0.0, min(1.0, 0.5 * (value - ok) / (flag - ok)))


def longest_run(values: Sequence[int]) -> int:
    best = run = 0
    previous = None
    for value in values:
        run = run + 1 if value == previous else 1
        previous = value
        best = max(best, run)
    return best


def twin_sums(statements: Sequence[Statement]) -> list[int]:
    """forward + reverse answer for each twin pair whose both halves were answered."""
    by_id = {s.id: s for s in statements}
    return [
        s.answer + by_id[s.twin_id].answer
        for s in statements
        if not s.reverse and s.twin_id in by_id and by_id[s.twin_id].reverse
    ]


def centred_twin_spread(sums: Sequence[int]) -> float:
    """Mean distance of each pair's sum from the person's own mean sum."""
    centre = fmean(sums)
    return fmean(abs(s - centre) for s in sums)


def lean(sums: Sequence[int]) -> float:
    """How much more the person agrees with everything, in scale points (0 = none)."""
    return (fmean(sums) - (SCALE_MIN + SCALE_MAX)) / 2 if sums else 0.0


def _thresholds(answers: Sequence[int]) -> list[float]:
    """The person's own category boundaries on a standard normal latent scale, from how often
    they used each answer (half a count added to each, so no boundary is infinite)."""
    categories = range(SCALE_MIN, SCALE_MAX + 1)
    counts = [answers.count(k) + 0.5 for k in categories]
    total = sum(counts)
    cumulative, edges = 0.0, []
    for count in counts[:-1]:
        cumulative += count
        edges.append(_NORMAL.inv_cdf(cumulative / total))
    return [-math.inf, *edges, math.inf]


def person_fit(statements: Sequence[Statement]) -> float:
    """Log-likelihood ratio per statement of "answers follow six trait levels, through this
    person's own way of using the scale" against "answers picked at random", less a BIC
    penalty for the fitted parameters. Positive: the answers hang together.

    The model is an ordered probit with person-specific thresholds (they absorb acquiescence,
    extreme and midpoint styles alike): the latent answer to a statement is ±c (the trait's
    level, negative for a reverse-keyed statement) plus normal noise, on a scale where the
    person's answers have unit variance."""
    answers = [s.answer for s in statements]
    edges = _thresholds(answers)
    band = {}
    for k in range(SCALE_MIN, SCALE_MAX + 1):
        low, high = edges[k - SCALE_MIN], edges[k - SCALE_MIN + 1]
        mass = _NORMAL.cdf(high) - _NORMAL.cdf(low)
        band[k] = (low, high, (_pdf(low) - _pdf(high)) / mass)  # ... and its normal score
    by_trait: dict[str, list[float]] = defaultdict(list)
    for s in statements:
        by_trait[s.trait].append(-band[s.answer][2] if s.reverse else band[s.answer][2])
    level = {t: fmean(v) for t, v in by_trait.items()}
    signal = fmean(level[s.trait] ** 2 for s in statements)
    noise = math.sqrt(max(MIN_NOISE_VARIANCE, 1 - signal))
    log_likelihood = 0.0
    for s in statements:
        low, high, _ = band[s.answer]
        centre = -level[s.trait] if s.reverse else level[s.trait]
        mass = _NORMAL.cdf((high - centre) / noise) - _NORMAL.cdf((low - centre) / noise)
        log_likelihood += math.log(max(mass, 1e-12))
    random_log_likelihood = len(statements) * math.log(1 / (SCALE_MAX - SCALE_MIN + 1))
    parameters = len(level) + SCALE_MAX - SCALE_MIN  # the levels and the thresholds
    penalty = parameters / 2 * math.log(len(statements))
    twins = _twin_log_likelihood_ratio(twin_sums(statements))
    return (log_likelihood - random_log_likelihood - penalty + twins) / len(statements)


def _twin_log_likelihood_ratio(sums: Sequence[int]) -> float:
    """The twin pairs' share of the likelihood ratio: each pair's sum, less the person's mean
    sum, is normal with SD TWIN_SD_HONEST for someone answering by content (the pair's shared
    behaviour cancels out) and TWIN_SD_RANDOM for random answers."""
    if len(sums) < 2:
        return 0.0
    centre = fmean(sums)
    ratio = math.log(TWIN_SD_RANDOM / TWIN_SD_HONEST)
    spread = 1 / TWIN_SD_HONEST**2 - 1 / TWIN_SD_RANDOM**2
    return sum(ratio - (s - centre) ** 2 / 2 * spread for s in sums)


def _pdf(x: float) -> float:
    return 0.0 if math.isinf(x) else _NORMAL.pdf(x)


def minimum_page_seconds(page: TimedPage) -> float:
    return max(page.words * 60 / SKIM_WORDS_PER_MINUTE, page.answers * SECONDS_PER_ANSWER)


def assess(
    statements: Sequence[Statement],
    pages: Sequence[TimedPage],
    virtue_answers: Sequence[int] = (),
) -> Assessment:
    flags: list[Flag] = []
    severities: list[float] = []
    quality: dict = {"statements": len(statements)}
    answers = [s.answer for s in statements]

    if answers:
        run = longest_run(answers)
        quality["longest_run"] = run
        severities.append(severity(run, RUN_OK, RUN_FLAG))
        if run >= RUN_FLAG:
            flags.append(Flag("straight_lining", {"run": run}))

    sums = twin_sums(statements)
    points = lean(sums)
    if sums:
        spread = centred_twin_spread(sums)
        quality.update(twin_spread=round(spread, 2), lean=round(points, 2))
        severities.append(severity(spread, TWIN_SPREAD_OK, TWIN_SPREAD_FLAG))
        if spread >= TWIN_SPREAD_FLAG:
            centre = fmean(sums)
            off = sum(1 for s in sums if abs(s - centre) >= 2)
            flags.append(
                Flag("inconsistent", {"off": off, "pairs": len(sums), "gap": round(spread, 1)})
            )

    if len(statements) >= 12:
        fit = person_fit(statements)
        quality["person_fit"] = round(fit, 3)
        severities.append(severity(fit, FIT_OK, FIT_FLAG))
        if fit <= FIT_FLAG:
            flags.append(Flag("random_pattern"))

    # A page of only why questions is not timed: writing is not reading. A page that mixes
    # them (one-page responses from before the test had pages) is timed against its reading
    # alone, which writing can only make look slower, never faster.
    timed = [page for page in pages if page.answers]
    if timed:
        fast = [
            (number, page)
            for number, page in enumerate(pages, start=1)
            if page in timed and page.seconds < minimum_page_seconds(page)
        ]
        share = len(fast) / len(timed)
        quality.update(
            timed_pages=len(timed),
            fast_pages=len(fast),
            seconds_on_pages=round(sum(page.seconds for page in timed)),
        )
        severities.append(severity(share, SPEED_OK, SPEED_FLAG))
        if share >= SPEED_FLAG:
            number, page = fast[0]
            flags.append(
                Flag(
                    "speeding",
                    {
                        "fast": len(fast),
                        "timed": len(timed),
                        "page": number,
                        "seconds": round(page.seconds),
                        "words": page.words,
                        "answers": page.answers,
                    },
                )
            )

    if virtue_answers:
        virtues = fmean(virtue_answers) - points
        z = (virtues - VIRTUE_NORM_MEAN) / VIRTUE_NORM_SD
        quality.update(unlikely_virtues=round(virtues, 2), unlikely_virtues_z=round(z, 2))
        if z >= VIRTUE_FLAG_Z:
            flags.append(
                Flag(
                    "unlikely_virtues",
                    {"share": round(100 * _NORMAL.cdf(z))},
                    lowers_reliability=False,
                )
            )

    reliability = 1.0
    for value in severities:
        reliability *= 1 - value
    return Assessment(flags=flags, reliability=round(reliability, 3), quality=quality)


def measurement_lines(quality: Mapping) -> list[str]:
    """What the checks measured, in plain words with their thresholds, for the results page,
    in the reader's language. Responses scored by the earlier checks (before version 2) keep
    their own measurements."""
    n = number
    lines = []
    if "longest_run" in quality:
        lines.append(
            ngettext(
                "Longest run of identical answers: %(run)s statement (flagged from %(flag)s).",
                "Longest run of identical answers: %(run)s statements (flagged from %(flag)s).",
                quality["longest_run"],
            )
            % {"run": n(quality["longest_run"]), "flag": n(RUN_FLAG)}
        )
    if "twin_spread" in quality:
        lines.append(
            gettext(
                "Pairs of opposite statements strayed %(spread)s points on average from this "
                "person's own habit (flagged from %(flag)s). They agree %(lean)s points more "
                "than content alone would with everything, which is a style and costs nothing."
            )
            % {
                "spread": n(quality["twin_spread"]),
                "flag": n(TWIN_SPREAD_FLAG),
                "lean": n(quality["lean"], sign=True),
            }
        )
    if "person_fit" in quality:
        lines.append(
            gettext(
                "Person fit %(fit)s: above 0 the answers hang together better than random ones "
                "would (flagged at %(flag)s or below)."
            )
            % {"fit": n(quality["person_fit"], 2, sign=True), "flag": n(FIT_FLAG)}
        )
    if "timed_pages" in quality:
        lines.append(
            ngettext(
                "%(fast)s timed page of %(timed)s was left faster than it can be read, "
                "%(seconds)s s on screen in all (flagged from %(share)s%% of pages; breaks "
                "between pages never count).",
                "%(fast)s timed pages of %(timed)s were left faster than they can be read, "
                "%(seconds)s s on screen in all (flagged from %(share)s%% of pages; breaks "
                "between pages never count).",
                quality["fast_pages"],
            )
            % {
                "fast": n(quality["fast_pages"]),
                "timed": n(quality["timed_pages"]),
                "seconds": n(quality["seconds_on_pages"]),
                "share": n(round(100 * SPEED_FLAG)),
            }
        )
    if "unlikely_virtues" in quality:
        lines.append(
            gettext(
                "Unlikely virtues: %(score)s on the 1-5 scale after the lean, %(z)s SD from "
                "candidates' norm (shown from %(flag)s SD; information only)."
            )
            % {
                "score": n(quality["unlikely_virtues"]),
                "z": n(quality["unlikely_virtues_z"], 1, sign=True),
                "flag": n(VIRTUE_FLAG_Z, 1, sign=True),
            }
        )
    if "forced_choice_shift" in quality:
        shift = quality["forced_choice_shift"]
        words = (
            gettext(
                "The forced-choice blocks moved every trait score by %(shift)s points: the "
                "statements claimed more than the choices support."
            )
            if shift < 0
            else gettext("The forced-choice blocks moved every trait score by %(shift)s points.")
        )
        lines.append(words % {"shift": n(shift, 1, sign=True)})
    if "elapsed_seconds" in quality:  # scored before the test had pages
        lines.append(
            gettext(
                "Time from first opening to submitting: %(elapsed)s s; reading the questions "
                "takes at least %(minimum)s s."
            )
            % {
                "elapsed": n(quality["elapsed_seconds"]),
                "minimum": n(quality.get("minimum_seconds", "?")),
            }
        )
    if "twin_gap" in quality:
        lines.append(
            gettext(
                "Mean gap between a statement and its opposite twin (earlier check): %(gap)s "
                "points."
            )
            % {"gap": n(quality["twin_gap"])}
        )
    return lines
