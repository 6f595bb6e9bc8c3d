"""Simulated Passion Test respondents for `bench/fairness.py`: honest people with the response
styles the research describes, and fakers and careless responders of several kinds.

The model. A person has a true level per trait on the 1-5 scale. For a statement they form a
latent agreement = level (keyed) + normal noise (SD 0.75), add their lean (acquiescence), and
turn it into an answer through their own category thresholds (the response style: extreme
responders have narrow middle categories, midpoint responders a wide "Neither"). A forced-choice
statement's utility is the person's standardised level (fillers: a person-specific level on an
unscored attribute) plus unit noise. Scenarios: options near the person's levels are likelier.
Time on each page: reading at the person's speed plus a few seconds per answer; breaks between
pages are not on-screen time, so they are not simulated.

Fakers are modelled on what they can see. A smart faker adds one point toward the desirable end
of every statement (keeping twins consistent), picks the option that looks best in a scenario
(the longest when one option is clearly longest, otherwise the best by substance half the time),
and in a forced-choice block can only gain by recognising which statements are scored, which
they do in FAKER_INSIGHT of the blocks (coached fakers in COACHED_INSIGHT); otherwise they answer
the block as themselves. These two numbers are assumptions; the bench also reports the worst
case (a faker who always recognises the filler).
"""

import math
from dataclasses import dataclass, field

from candidates.passion_test.pages import passion_test_pages

HONEST_ITEM_NOISE = 0.75
# Part of a statement's noise is the person's stance on the specific behaviour it describes,
# which its reverse-keyed twin describes too (SD of that shared part, in scale points).
PAIR_SHARED = 0.5
NORM_MEAN, NORM_SD = 3.3, 0.6
FAKER_INSIGHT = 0.3
COACHED_INSIGHT = 0.3
THRESHOLDS = {
    "average": (1.5, 2.5, 3.5, 4.5),
    "extreme": (2.1, 2.75, 3.25, 3.9),
    "midpoint": (1.6, 2.1, 3.9, 4.4),
}


@dataclass
class Person:
    kind: str
    levels: dict[str, float]
    style: str = "average"
    lean: float = 0.0
    words_per_minute: float = 230.0
    seconds_per_answer: float = 3.0
    misread: float = 0.0  # chance of reading a negatively worded statement as positive
    slip: float = 0.0  # chance of tapping the neighbouring answer (phones)


@dataclass
class Answers:
    likert: dict[int, int] = field(default_factory=dict)
    options: dict[int, int] = field(default_factory=dict)
    least: dict[int, int] = field(default_factory=dict)
    pages: list[tuple[tuple[int, ...], float]] = field(default_factory=list)


def _clip(value, low=1.0, high=5.0):
    return max(low, min(high, value))


def pages_of(items) -> list[list]:
    """The test's pages, exactly as the app pages it for candidates."""
    return passion_test_pages(items)


def _category(latent: float, thresholds) -> int:
    return 1 + sum(1 for t in thresholds if latent >= t)


def _statement(rng, person: Person, item, levels: dict[str, float], shared: dict) -> int:
    level = levels[item.traits[0]]
    pair = min(item.id, item.twin_id or item.id)
    if pair not in shared:
        shared[pair] = rng.gauss(0, PAIR_SHARED)
    own = math.sqrt(HONEST_ITEM_NOISE**2 - PAIR_SHARED**2)
    latent = level + shared[pair] + rng.gauss(0, own)
    reverse = item.reverse_keyed and rng.random() >= person.misread
    raw = (6 - latent if reverse else latent) + person.lean
    answer = _category(raw, THRESHOLDS[person.style])
    if person.slip and rng.random() < person.slip:
        answer = int(_clip(answer + rng.choice((-1, 1))))
    return answer


def _virtue(rng, person: Person, boost: float = 0.0) -> int:
    latent = rng.gauss(1.9, 0.7) + person.lean + boost
    return _category(latent, THRESHOLDS[person.style])


def _scenario(rng, item, levels) -> int:
    ids = list(item.option_scores)
    weights = []
    for option_id in ids:
        scores = item.option_scores[option_id]
        gap = sum(abs(v - levels[t]) for t, v in scores.items()) / len(scores)
        weights.append(math.exp(-1.5 * gap))
    return rng.choices(ids, weights)[0]


def _looks_best(rng, item, lengths) -> int | None:
    """The option a faker takes for the best: the clearly longest one if there is one,
    otherwise the best by substance half the time (None: no idea, answer as oneself)."""
    ids = sorted(item.option_scores, key=lambda o: -lengths.get(o, 0))
    if len(ids) > 1 and lengths.get(ids[0], 0) >= 1.3 * lengths.get(ids[1], 0):
        return ids[0]
    if rng.random() < 0.5:
        return max(item.option_scores, key=lambda o: sum(item.option_scores[o].values()))
    return None


def _block(rng, item, levels, fillers, insight: float) -> tuple[int, int]:
    ids = list(item.option_scores)
    traits = [next(iter(item.option_scores[i]), None) for i in ids]
    utility = {}
    for option_id, trait in zip(ids, traits, strict=True):
        base = (levels[trait] - NORM_MEAN) / NORM_SD if trait else fillers[option_id]
        utility[option_id] = base + rng.gauss(0, 1)
    if insight and rng.random() < insight:  # spotted the filler: it goes last
        for option_id, trait in zip(ids, traits, strict=True):
            utility[option_id] += 10 if trait else -10
    order = sorted(ids, key=lambda o: -utility[o])
    return order[0], order[-1]


def _page_times(rng, person: Person, items, speed: float = 1.0) -> list:
    times = []
    for page in pages_of(items):
        if page[0].kind == "why":
            seconds = sum(
                item.words * 60 / person.words_per_minute + rng.uniform(60, 240) for item in page
            )
        else:
            reading = sum(item.words for item in page) * 60 / person.words_per_minute
            seconds = reading + len(page) * person.seconds_per_answer
            seconds *= rng.lognormvariate(0, 0.2)
        times.append((tuple(item.id for item in page), seconds * speed))
    return times


def answer(rng, person: Person, items, lengths, *, fake=None, insight=0.0, speed=1.0) -> Answers:
    """The person's answers. `fake(level) -> level` is how a faker shifts their statement
    answers (applied to the keyed latent level, so twins stay consistent)."""
    out = Answers()
    fillers, shared = {}, {}
    for item in items:
        if item.kind == "block":
            for option_id, scores in item.option_scores.items():
                if not scores:
                    fillers[option_id] = rng.gauss(0, 0.5)
    for item in items:
        if item.kind == "likert":
            levels = person.levels
            if fake is not None:
                levels = {t: fake(item.traits[0], v) for t, v in levels.items()}
            out.likert[item.id] = _statement(rng, person, item, levels, shared)
        elif item.kind == "virtue":
            out.likert[item.id] = _virtue(rng, person, boost=1.5 if fake else 0.0)
        elif item.kind == "scenario":
            pick = _looks_best(rng, item, lengths) if fake else None
            out.options[item.id] = pick if pick is not None else _scenario(rng, item, person.levels)
        elif item.kind == "block":
            out.options[item.id], out.least[item.id] = _block(
                rng, item, person.levels, fillers, insight
            )
    out.pages = _page_times(rng, person, items, speed)
    return out


# --- Respondent types -----------------------------------------------------------------------


def _levels(rng, traits, mean=NORM_MEAN, sd=NORM_SD, low=1.3, high=4.8):
    return {t: _clip(rng.gauss(mean, sd), low, high) for t in traits}


def _honest(rng, traits, kind, **kw) -> Person:
    return Person(kind, _levels(rng, traits), **kw)


def honest_types(rng, traits) -> dict:
    """{kind: a function making one such person}."""

    def low_on_one():
        person = _honest(rng, traits, "low on one trait")
        person.levels[rng.choice(traits)] = rng.uniform(1.5, 2.2)
        return person

    return {
        "average": lambda: _honest(rng, traits, "average"),
        "acquiescent": lambda: _honest(rng, traits, "acquiescent", lean=rng.uniform(0.25, 0.55)),
        "extreme": lambda: _honest(rng, traits, "extreme", style="extreme"),
        "midpoint": lambda: _honest(rng, traits, "midpoint", style="midpoint"),
        "careful-slow": lambda: _honest(
            rng, traits, "careful-slow", words_per_minute=140, seconds_per_answer=6
        ),
        "fast native reader": lambda: _honest(
            rng,
            traits,
            "fast native reader",
            words_per_minute=rng.uniform(350, 480),
            seconds_per_answer=1.8,
        ),
        "phone": lambda: _honest(rng, traits, "phone", slip=0.03, seconds_per_answer=3.5),
        "non-native": lambda: _honest(
            rng, traits, "non-native", misread=0.3, words_per_minute=150, seconds_per_answer=4
        ),
        "excellent": lambda: Person("excellent", _levels(rng, traits, 4.6, 0.2, 4.3, 4.95)),
        "excellent + extreme": lambda: Person(
            "excellent + extreme", _levels(rng, traits, 4.6, 0.2, 4.3, 4.95), style="extreme"
        ),
        "low on one trait": low_on_one,
    }
