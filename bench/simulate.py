"""Synthetic Passion Test respondents for the benchmarks: honest people answering around their
true trait levels, and four kinds of faker. Each returns raw form answers and seconds taken."""

import math
import random
from dataclasses import dataclass

from candidates.passion_test.psychometrics import Item

HONEST_ITEM_NOISE = 0.75  # SD of an honest answer around the person's true level (1-5 scale)
READING_WORDS_PER_MINUTE = 350


def minimum_plausible_seconds(items: list[Item]) -> float:
    """Reading every question at a brisk 350 words a minute, one second per choice."""
    words = sum(item.words for item in items)
    return words * 60 / READING_WORDS_PER_MINUTE + sum(1 for i in items if i.kind != "why")


@dataclass
class Simulated:
    kind: str
    answers: dict[str, str]  # question id -> raw value, as the form posts it
    elapsed_seconds: float


def _clip(value: float, low: float = 1, high: float = 5) -> float:
    return max(low, min(high, value))


def _scenario_choice(rng, item: Item, levels: dict[str, float]) -> int:
    """An honest pick: options whose trait scores sit near the person's levels are likelier."""
    ids = list(item.option_scores)
    weights = []
    for option_id in ids:
        scores = item.option_scores[option_id]
        gap = sum(abs(v - levels[t]) for t, v in scores.items()) / len(scores)
        weights.append(math.exp(-1.5 * gap))
    return rng.choices(ids, weights)[0]


def _honest_time(rng, items) -> float:
    return minimum_plausible_seconds(items) * rng.lognormvariate(math.log(2.5), 0.3)


def _block_choice(rng, item: Item, levels: dict[str, float], faking=False) -> tuple[str, str]:
    """(most, least like me) of a forced-choice block: by the person's levels and some noise
    (a filler sits at the average); an "ideal candidate" puts the trait statements first."""

    def utility(option_id):
        trait = next(iter(item.option_scores[option_id]), None)
        if faking:
            return (1 if trait else 0) + rng.random() / 10
        return ((levels[trait] - 3.3) / 0.6 if trait else 0.0) + rng.gauss(0, 1)

    order = sorted(item.option_scores, key=utility, reverse=True)
    return str(order[0]), str(order[-1])


def honest(rng: random.Random, items: list[Item], traits: list[str]) -> Simulated:
    levels = {t: _clip(rng.gauss(3.3, 0.6), 1.3, 4.8) for t in traits}
    answers = {}
    for item in items:
        if item.kind == "likert":
            value = round(_clip(levels[item.traits[0]] + rng.gauss(0, HONEST_ITEM_NOISE)))
            answers[str(item.id)] = str(6 - value if item.reverse_keyed else value)
        elif item.kind == "virtue":
            answers[str(item.id)] = str(round(_clip(rng.gauss(1.9, 0.7))))
        elif item.kind == "block":
            answers[str(item.id)] = _block_choice(rng, item, levels)
        elif item.kind == "scenario":
            answers[str(item.id)] = str(_scenario_choice(rng, item, levels))
        else:
            answers[str(item.id)] = "Because the customer trusted me to see it through."
    return Simulated("honest", answers, _honest_time(rng, items))


def straight_liner(rng, items, traits) -> Simulated:
    value = rng.choice([3, 4, 4, 5])
    sim = honest(rng, items, traits)
    statements = [i for i in items if i.kind == "likert"]
    # Most straight-line everything; some only the second half of the statements.
    start = 0 if rng.random() < 0.7 else len(statements) // 2
    for item in statements[start:]:
        sim.answers[str(item.id)] = str(value)
    return Simulated("straight-liner", sim.answers, sim.elapsed_seconds * rng.uniform(0.5, 1))


def speeder(rng, items, traits) -> Simulated:
    sim = honest(rng, items, traits)
    return Simulated(
        "speeder", sim.answers, minimum_plausible_seconds(items) * rng.uniform(0.15, 0.9)
    )


def ideal_candidate(rng, items, traits) -> Simulated:
    """Answers everything at the socially desirable extreme, with a little hesitation."""
    answers = {}
    for item in items:
        if item.kind == "likert":
            value = 5 if rng.random() < 0.92 else 4
            answers[str(item.id)] = str(6 - value if item.reverse_keyed else value)
        elif item.kind == "virtue":
            answers[str(item.id)] = str(5 if rng.random() < 0.8 else 4)
        elif item.kind == "block":
            answers[str(item.id)] = _block_choice(rng, item, {}, faking=True)
        elif item.kind == "scenario":
            best = max(item.option_scores, key=lambda o: sum(item.option_scores[o].values()))
            answers[str(item.id)] = str(best)
        else:
            answers[str(item.id)] = "I always put the customer first, in everything I do."
    return Simulated("ideal candidate", answers, _honest_time(rng, items))


def random_clicker(rng, items, traits) -> Simulated:
    answers = {}
    for item in items:
        if item.kind in ("likert", "virtue"):
            answers[str(item.id)] = str(rng.randint(1, 5))
        elif item.kind == "block":
            answers[str(item.id)] = tuple(str(o) for o in rng.sample(list(item.option_scores), 2))
        elif item.kind == "scenario":
            answers[str(item.id)] = str(rng.choice(list(item.option_scores)))
        else:
            answers[str(item.id)] = "n/a"
    return Simulated("random clicker", answers, _honest_time(rng, items) * rng.uniform(0.5, 1))


FAKERS = (straight_liner, speeder, ideal_candidate, random_clicker)
