"""The default Passion Test's content keeps its countable design rules (see the comments above
BLOCKS, VIRTUES and SCENARIOS in candidates/passion_test/content.py). Plain data: no database."""

from collections import Counter
from difflib import SequenceMatcher
from itertools import chain

import pytest

from candidates.passion_test.content import BLOCKS, SCENARIOS, STATEMENTS, VIRTUES
from passionhire.traits import Trait

TRAITS = set(Trait.values)
LIKERT_TEXTS = [text for pairs in STATEMENTS.values() for pair in pairs for text in pair]
BLOCK_TEXTS = [text for block in BLOCKS for text in (block[0][1], block[1][1], block[2])]


def _within(lengths, tolerance=0.2):
    mean = sum(lengths) / len(lengths)
    return all(abs(length - mean) <= tolerance * mean for length in lengths)


def _top(options):
    """The index of the option with the highest total key."""
    totals = [sum(scores.values()) for _, scores in options]
    return totals.index(max(totals))


def _normal(text):
    return " ".join(text.lower().split())


def test_nine_blocks_each_of_two_known_traits_and_a_filler():
    assert len(BLOCKS) == 9
    for (trait_a, text_a), (trait_b, text_b), filler in BLOCKS:
        assert {trait_a, trait_b} <= TRAITS
        assert trait_a != trait_b
        assert all(isinstance(text, str) and text for text in (text_a, text_b, filler))


def test_each_trait_sits_in_exactly_three_blocks():
    counts = Counter(chain.from_iterable((a[0], b[0]) for a, b, _ in BLOCKS))
    assert counts == dict.fromkeys(TRAITS, 3)


def test_no_two_traits_meet_in_two_blocks():
    pairs = [frozenset((a[0], b[0])) for a, b, _ in BLOCKS]
    assert len(set(pairs)) == len(pairs)


@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_a_blocks_statements_are_of_similar_length(number):
    (_, text_a), (_, text_b), filler = BLOCKS[number]
    lengths = [len(text_a), len(text_b), len(filler)]
    assert all(50 <= length <= 110 for length in lengths), lengths
    assert _within(lengths), lengths


def test_block_statements_are_all_different():
    assert len({_normal(text) for text in BLOCK_TEXTS}) == len(BLOCK_TEXTS)


def test_eight_short_distinct_unlikely_virtues():
    assert len(VIRTUES) == 8
    assert len({_normal(text) for text in VIRTUES}) == 8
    assert all(isinstance(text, str) and 0 < len(text) <= 90 for text in VIRTUES)


@pytest.mark.parametrize("text", BLOCK_TEXTS + VIRTUES)
def test_no_block_or_virtue_statement_repeats_a_likert_statement(text):
    likert = {_normal(statement) for statement in LIKERT_TEXTS}
    assert _normal(text) not in likert
    # Nor a light re-wording of one: the new statements must say something else.
    closest = max(
        LIKERT_TEXTS, key=lambda s: SequenceMatcher(None, _normal(s), _normal(text)).ratio()
    )
    assert SequenceMatcher(None, _normal(closest), _normal(text)).ratio() < 0.75, closest


def test_nine_scenarios_of_four_options():
    assert len(SCENARIOS) == 9
    assert all(len(options) == 4 for _, options in SCENARIOS)


@pytest.mark.parametrize("number", range(len(SCENARIOS)))
def test_every_option_is_keyed_on_the_scenarios_two_traits_from_1_to_5(number):
    _, options = SCENARIOS[number]
    traits = set(options[0][1])
    assert len(traits) == 2
    assert traits <= TRAITS
    for text, scores in options:
        assert set(scores) == traits, text
        assert all(type(value) is int and 1 <= value <= 5 for value in scores.values()), text


@pytest.mark.parametrize("number", range(len(SCENARIOS)))
def test_a_scenarios_options_are_of_similar_length(number):
    _, options = SCENARIOS[number]
    lengths = [len(text) for text, _ in options]
    assert _within(lengths), lengths


@pytest.mark.parametrize("number", range(len(SCENARIOS)))
def test_each_scenario_has_one_best_option(number):
    _, options = SCENARIOS[number]
    totals = sorted((sum(scores.values()) for _, scores in options), reverse=True)
    assert totals[0] > totals[1], totals


@pytest.mark.parametrize("extreme", [max, min])
def test_the_best_option_is_rarely_the_longest_or_the_shortest(extreme):
    """Length must not give the answer away: neither "pick the longest" nor "pick the shortest"
    finds the best option in more than three of the nine scenarios."""
    found_by_length = [
        situation[:40]
        for situation, options in SCENARIOS
        if len(options[_top(options)][0]) == extreme(len(text) for text, _ in options)
    ]
    assert len(found_by_length) <= 3, found_by_length


def test_the_best_option_does_not_sit_in_one_place():
    places = Counter(_top(options) for _, options in SCENARIOS)
    assert len(places) >= 3, places
    assert max(places.values()) <= 4, places
