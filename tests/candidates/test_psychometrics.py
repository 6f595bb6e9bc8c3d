"""The scorer's arithmetic on hand-made answers, where the right result is known."""

import pytest

from candidates.passion_test import psychometrics as p

# Two traits, two statements each, both pairs twinned; one scenario; one why question.
ITEMS = [
    p.Item(1, "likert", ("empathy",), reverse_keyed=False, twin_id=2, words=10),
    p.Item(3, "likert", ("courage",), reverse_keyed=False, twin_id=4, words=10),
    p.Item(2, "likert", ("empathy",), reverse_keyed=True, twin_id=1, words=10),
    p.Item(4, "likert", ("courage",), reverse_keyed=True, twin_id=3, words=10),
    p.Item(
        5,
        "scenario",
        ("empathy", "courage"),
        words=40,
        option_scores={50: {"empathy": 5, "courage": 3}, 51: {"empathy": 1, "courage": 1}},
    ),
    p.Item(6, "why", ("empathy",), words=20),
]
SLOW = 3600.0


def test_reverse_keyed_answers_are_mirrored_before_scoring():
    # Agree (4) with the forward statement and disagree (2) with its opposite twin: both say 4.
    result = p.score(ITEMS, {1: 4, 2: 2, 3: 5, 4: 1}, {5: 50}, [p.PageTime((), SLOW)])
    assert result.trait_scores["empathy"] == pytest.approx(p.to_percent((4 + 4 + 5) / 3))
    assert result.trait_scores["courage"] == pytest.approx(p.to_percent((5 + 5 + 3) / 3))
    assert result.item_counts == {"empathy": 3, "courage": 3}
    assert "commitment" not in result.trait_scores


def test_agreeing_with_a_statement_and_its_opposite_is_flagged_inconsistent():
    result = p.score(ITEMS, {1: 5, 2: 5, 3: 5, 4: 5}, {5: 50}, [p.PageTime((), SLOW)])
    codes = {flag.code for flag in result.flags}
    assert "inconsistent" in codes
    assert result.quality["twin_gap"] == 4
    assert result.reliability < 0.5


def test_a_consistent_response_has_no_flags_and_full_reliability():
    result = p.score(ITEMS, {1: 4, 2: 2, 3: 3, 4: 3}, {5: 50}, [p.PageTime((), SLOW)])
    assert result.flags == []
    assert result.reliability == 1.0


def _statements(n):
    return [p.Item(i, "likert", ("empathy",), reverse_keyed=i % 2 == 0, words=8) for i in range(n)]


def test_a_long_run_of_the_same_answer_is_straight_lining():
    items = _statements(20)
    result = p.score(items, {i: 4 for i in range(20)}, {}, [p.PageTime((), SLOW)])
    flag = next(f for f in result.flags if f.code == "straight_lining")
    assert "20 statements in a row" in flag.detail


def test_a_short_run_is_not_straight_lining():
    items = _statements(20)
    answers = {i: (4 if i % 2 else 2) for i in range(20)}  # consistent, alternating keys
    assert "straight_lining" not in {
        f.code for f in p.score(items, answers, {}, [p.PageTime((), SLOW)]).flags
    }


def test_submitting_faster_than_reading_time_is_speeding():
    minimum = p.minimum_plausible_seconds(ITEMS)
    answers = {1: 4, 2: 2, 3: 3, 4: 3}
    fast = p.score(ITEMS, answers, {5: 50}, [p.PageTime((), minimum * 0.5)])
    slow = p.score(ITEMS, answers, {5: 50}, [p.PageTime((), minimum * 3)])
    assert "speeding" in {f.code for f in fast.flags}
    assert "speeding" not in {f.code for f in slow.flags}
    assert fast.quality["minimum_seconds"] == round(minimum)


def test_answering_everything_at_the_desirable_extreme_is_too_good_to_be_true():
    items = _statements(20)
    answers = {i: (1 if i % 2 == 0 else 5) for i in range(20)}  # keyed 5 everywhere
    result = p.score(items, answers, {}, [p.PageTime((), SLOW)])
    assert "idealised" in {f.code for f in result.flags}
    assert result.trait_scores["empathy"] == 100.0


def test_cronbach_alpha_matches_a_worked_example():
    # Three perfectly parallel items: alpha is 1. Uncorrelated items give a low alpha.
    assert p.cronbach_alpha([[1, 1, 1], [3, 3, 3], [5, 5, 5]]) == pytest.approx(1.0)
    rows = [[1, 5, 3], [5, 1, 3], [3, 3, 1], [2, 4, 5]]
    assert p.cronbach_alpha(rows) < 0.3
    # By hand: item variances 1.25 + 0.5 + 0.5 = 2.25, variance of the totals (8, 13, 12, 13)
    # 4.25, so alpha = 3/2 * (1 - 2.25/4.25) = 0.7059.
    rows = [[2, 3, 3], [4, 4, 5], [3, 5, 4], [5, 4, 4]]
    assert p.cronbach_alpha(rows) == pytest.approx(0.7059, abs=1e-4)


def test_alpha_is_undefined_without_enough_data_or_variance():
    assert p.cronbach_alpha([[1, 2, 3]]) is None
    assert p.cronbach_alpha([[3, 3], [3, 3]]) is None


def test_item_statistics_single_out_an_item_that_does_not_belong():
    rows = [[1, 1, 5], [2, 2, 1], [3, 3, 4], [4, 4, 2], [5, 5, 3]]
    stats = p.item_statistics([10, 11, 12], rows)
    odd_one = stats[2]
    assert odd_one.item_total < 0.2 < stats[0].item_total
    assert odd_one.alpha_if_dropped > p.cronbach_alpha(rows)
