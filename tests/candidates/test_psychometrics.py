"""The scorer's arithmetic on hand-made answers, where the right result is known."""

from math import sqrt
from statistics import NormalDist

import pytest

from candidates.passion_test import forced_choice as fc
from candidates.passion_test import psychometrics as p
from candidates.passion_test import response_quality as q

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


def _page(seconds: float, ids=(1, 2, 3, 4, 5, 6)) -> list:
    return [p.PageTime(tuple(ids), seconds)]


def _codes(result) -> set[str]:
    return {f.code for f in result.flags}


def test_keyed_statements_are_one_digit_per_statement_in_id_order_reverse_ones_turned():
    # Ids 1, 2 (reverse), 3, 4 (reverse); the scenario and the why question are not statements.
    assert p.keyed_statements(ITEMS, {1: 4, 2: 2, 3: 5, 4: 1}) == "4455"
    assert p.keyed_statements(ITEMS, {1: 1, 4: 5}) == "1001"  # skipped statements are 0
    assert p.keyed_statements(ITEMS, {}) == "0000"
    assert p.keyed_statements([], {1: 4}) == ""


def test_reverse_keyed_answers_are_mirrored_before_scoring():
    result = p.score(ITEMS, {1: 4, 2: 2, 3: 5, 4: 1}, {5: 50}, _page(SLOW))
    # empathy: 4, 6-2=4 and the scenario's 5 -> mean 13/3 on 1-5 -> 83.3
    assert result.trait_scores == {"empathy": 83.3, "courage": 83.3}
    assert result.item_counts == {"empathy": 3, "courage": 3}


def test_a_consistent_response_has_no_flags_and_full_reliability():
    result = p.score(ITEMS, {1: 4, 2: 2, 3: 3, 4: 3}, {5: 50}, _page(SLOW))
    assert result.flags == []
    assert result.reliability == 1.0


def _statements(n_pairs: int, forward: list[int], reverse: list[int]) -> list[q.Statement]:
    """n_pairs twin pairs over six traits, forward then reverse answers, in test order."""
    traits = ["empathy", "commitment", "curiosity", "attention_to_detail", "connection", "courage"]
    out = []
    for i in range(n_pairs):
        trait = traits[i % 6]
        out.append(q.Statement(2 * i, trait, False, 2 * i + 1, forward[i]))
        out.append(q.Statement(2 * i + 1, trait, True, 2 * i, reverse[i]))
    return out


def test_the_twin_check_is_centred_on_the_person_so_agreeing_with_everything_costs_nothing():
    # Agreeing with a statement AND its opposite, every time (pure acquiescence): each pair
    # sums to 4 + 4 = 8, the person's own mean is 8, so no pair strays from it.
    acquiescent = _statements(4, [4, 4, 4, 4], [4, 4, 4, 4])
    assert q.twin_sums(acquiescent) == [8, 8, 8, 8]
    assert q.centred_twin_spread(q.twin_sums(acquiescent)) == 0.0
    assert q.lean(q.twin_sums(acquiescent)) == 1.0  # one point of agreeing with everything
    # Pairs answered at random: sums 6, 10, 2, 6 -> mean 6, distances 0, 4, 4, 0 -> 2.0.
    erratic = _statements(4, [3, 5, 1, 4], [3, 5, 1, 2])
    assert q.centred_twin_spread(q.twin_sums(erratic)) == 2.0
    assessment = q.assess(erratic, [])
    assert "inconsistent" in {f.code for f in assessment.flags}
    # Severity: 0.5 * (2.0 - 1.2) / (1.5 - 1.2) = 1.33 -> capped at 1: reliability 0.
    assert q.severity(2.0, q.TWIN_SPREAD_OK, q.TWIN_SPREAD_FLAG) == 1.0


def test_the_twin_part_of_the_person_fit_is_a_normal_likelihood_ratio():
    # Sums 6, 6, 8, 4: centre 6, deviations 0, 0, 2, -2. Per pair: ln(2/1) - x^2/2 * (1 - 1/4)
    # -> 4 * 0.6931 - (4 + 4) / 2 * 0.75 = 2.7726 - 3.0 = -0.2274.
    assert q._twin_log_likelihood_ratio([6, 6, 8, 4]) == pytest.approx(-0.2274, abs=1e-4)


def test_person_fit_tells_answers_by_content_from_answers_at_random():
    import random

    rng = random.Random(4)
    by_content = _statements(24, [4, 2, 5, 3, 4, 2] * 4, [2, 4, 1, 3, 2, 4] * 4)
    at_random = _statements(
        24, [rng.randint(1, 5) for _ in range(24)], [rng.randint(1, 5) for _ in range(24)]
    )
    assert q.person_fit(by_content) > 0 > q.FIT_FLAG > q.person_fit(at_random)
    assert "random_pattern" in {f.code for f in q.assess(at_random, []).flags}
    assert "random_pattern" not in {f.code for f in q.assess(by_content, []).flags}


def test_extreme_and_midpoint_styles_are_not_penalised():
    # Someone who uses only 1s and 5s, but by content (5 on what they are, 1 on the opposite)
    extreme = _statements(24, [5, 1, 5, 5, 1, 5] * 4, [1, 5, 1, 1, 5, 1] * 4)
    # ... and someone who answers "Neither" a lot, leaning by content elsewhere.
    midpoint = _statements(24, [3, 3, 4, 3, 2, 3] * 4, [3, 3, 2, 3, 4, 3] * 4)
    for statements in (extreme, midpoint):
        assessment = q.assess(statements, [])
        assert assessment.flags == []
        assert assessment.reliability == 1.0


def test_a_long_run_of_the_same_answer_is_straight_lining():
    assert q.longest_run([4, 4, 2, 2, 2, 5]) == 3
    same = _statements(8, [4] * 8, [4] * 8)  # 16 fours in a row
    assert "straight_lining" in {f.code for f in q.assess(same, []).flags}
    short = _statements(8, [4, 4, 4, 4, 4, 4, 4, 2], [4, 4, 4, 4, 4, 4, 4, 4])  # run of 15
    assert "straight_lining" not in {f.code for f in q.assess(short, []).flags}


def test_speeding_is_judged_per_page_with_a_floor_per_answer_and_writing_untimed():
    # Page minimum = max(words * 60 / 600, answers * 1.2):
    # page 1: 100 words, 8 answers -> max(10, 9.6) = 10 s; left after 5 s -> too fast.
    # page 2: 100 words, 10 answers -> max(10, 12) = 12 s; left after 11 s -> too fast.
    # page 3: 100 words, 10 answers, 60 s -> fine. Page 4 has writing: never timed.
    pages = [
        q.TimedPage(5, 100, 8, False),
        q.TimedPage(11, 100, 10, False),
        q.TimedPage(60, 100, 10, False),
        q.TimedPage(3, 40, 0, True),
    ]
    assert q.minimum_page_seconds(pages[1]) == 12
    assessment = q.assess([], pages)
    assert assessment.quality["fast_pages"] == 2
    assert assessment.quality["timed_pages"] == 3
    flag = next(f for f in assessment.flags if f.code == "speeding")
    assert "2 pages of 3 were left" in flag.detail
    assert "page 1: 5 s for 100 words" in flag.detail
    # share 2/3: severity 0.5 * (0.667 - 0.2) / (0.4 - 0.2) = 1.17 -> 1, reliability 0.
    assert assessment.reliability == 0.0
    # One fast page in five: share 0.2 is the "fine" point, no flag, no penalty.
    calm = [q.TimedPage(5, 100, 8, False)] + [q.TimedPage(60, 100, 10, False)] * 4
    assert q.assess([], calm).reliability == 1.0


def test_time_on_screen_comes_from_the_pages_and_a_break_between_them_is_not_counted():
    # The same answers, read at the same pace; one candidate took a two-hour break between
    # pages. Page times are on-screen time only, so both are judged alike.
    pages = [p.PageTime((1, 2), 40.0), p.PageTime((3, 4, 5), 60.0), p.PageTime((6,), 120.0)]
    answers = ({1: 4, 2: 2, 3: 3, 4: 3}, {5: 50})
    straight = p.score(ITEMS, *answers, pages)
    assert "speeding" not in _codes(straight)
    rushed = [p.PageTime((1, 2), 1.0), p.PageTime((3, 4, 5), 2.0), p.PageTime((6,), 120.0)]
    result = p.score(ITEMS, *answers, rushed)
    assert "speeding" in _codes(result)
    # The why page (id 6) is not timed: two timed pages.
    assert result.quality["timed_pages"] == 2


def test_unlikely_virtues_raise_a_flag_that_never_lowers_reliability():
    statements = _statements(6, [4, 2, 5, 3, 4, 2], [2, 4, 1, 3, 2, 4])
    modest = q.assess(statements, [], virtue_answers=[2, 1, 2, 2])
    claims = q.assess(statements, [], virtue_answers=[5, 5, 4, 5])
    assert "unlikely_virtues" not in {f.code for f in modest.flags}
    flag = next(f for f in claims.flags if f.code == "unlikely_virtues")
    assert flag.lowers_reliability is False
    assert "interview" in flag.caveat
    assert claims.reliability == modest.reliability
    # z = (4.75 - 1.9) / 0.55 = 5.18
    assert claims.quality["unlikely_virtues_z"] == pytest.approx(5.18, abs=0.01)


def test_every_flag_says_what_was_seen_and_what_it_does_not_prove():
    erratic = _statements(24, [1, 5, 2, 4, 3, 5] * 4, [1, 5, 2, 4, 3, 5] * 4)
    assessment = q.assess(erratic, [q.TimedPage(1, 100, 10, False)], virtue_answers=[5, 5, 5])
    assert {f.code for f in assessment.flags} >= {"speeding", "unlikely_virtues"}
    for flag in assessment.flags:
        as_dict = flag.as_dict()
        assert as_dict["detail"]
        assert as_dict["caveat"]
        assert as_dict["label"]


# --- Forced choice ------------------------------------------------------------------------


def test_a_block_answer_is_three_pairwise_preferences():
    # Statements: empathy, courage, filler. Most like me: the filler; least: empathy.
    comparisons = fc.block_comparisons(["empathy", "courage", None], most=2, least=0)
    assert comparisons == [
        fc.Comparison(None, "courage"),
        fc.Comparison(None, "empathy"),
        fc.Comparison("courage", "empathy"),
    ]
    with pytest.raises(ValueError, match="two different statements"):
        fc.block_comparisons(["empathy", "courage", None], most=1, least=1)


def _solve(f, low=-5.0, high=5.0) -> float:
    for _ in range(200):  # bisection, independent of the scorer's Newton steps
        mid = (low + high) / 2
        low, high = (mid, high) if f(mid) > 0 else (low, mid)
    return (low + high) / 2


def test_one_preference_over_a_filler_moves_the_level_to_the_map_estimate():
    # log posterior: log Φ(θ/√2) - θ²/2; its derivative φ(d)/Φ(d)/√2 - θ = 0 with d = θ/√2.
    normal = NormalDist()
    expected = _solve(lambda t: normal.pdf(t / sqrt(2)) / normal.cdf(t / sqrt(2)) / sqrt(2) - t)
    theta = fc.estimate([fc.Comparison("empathy", None)])
    assert theta["empathy"] == pytest.approx(expected, abs=1e-6)
    assert 0.3 < expected < 0.6


def test_the_elevation_is_what_the_choices_say_the_statements_overclaim():
    # The statements put every trait at +1.67 SD; the choices prefer the filler as often as
    # not, which an average person does: the shift found is well above 1 SD. Someone whose
    # choices match their statements gets no shift.
    half = [fc.Comparison("empathy", None), fc.Comparison(None, "empathy")] * 6
    levels = {"empathy": 1.67}
    assert fc.elevation(half, levels, prior_sd=2.0) > 1.0
    agreeing = [fc.Comparison("empathy", None)] * 11 + [fc.Comparison(None, "empathy")]
    assert abs(fc.elevation(agreeing, levels, prior_sd=2.0)) < 0.3


BLOCK_ITEMS = [
    *ITEMS[:5],
    p.Item(
        7,
        "block",
        ("empathy", "courage"),
        words=30,
        option_scores={70: {"empathy": 1}, 71: {"courage": 1}, 72: {}},
    ),
    p.Item(
        8,
        "block",
        ("empathy", "courage"),
        words=30,
        option_scores={80: {"empathy": 1}, 81: {"courage": 1}, 82: {}},
    ),
]


def test_blocks_pull_an_overclaimed_self_description_down_by_one_shift_for_all_traits():
    likert, options = {1: 5, 2: 1, 3: 5, 4: 1}, {5: 50}
    claimed = p.score(ITEMS, likert, options, _page(SLOW))
    # The filler is "most like me" in both blocks, the trait statements last.
    modest_choices = p.score(
        BLOCK_ITEMS, likert, {**options, 7: 72, 8: 82}, _page(SLOW), least={7: 70, 8: 81}
    )
    drop = {
        t: claimed.trait_scores[t] - modest_choices.trait_scores[t] for t in claimed.trait_scores
    }
    assert drop["empathy"] > 5
    assert drop["empathy"] == pytest.approx(drop["courage"], abs=0.11)  # one shift for all
    # Choices that favour the trait statements may raise the scores, but by at most
    # ELEVATION_MAX_BOOST standard units (0.25 * 0.6 = 0.15 scale points = 3.75).
    low = {1: 2, 2: 4, 3: 2, 4: 4}
    plain = p.score(ITEMS, low, options, _page(SLOW))
    keen = p.score(BLOCK_ITEMS, low, {**options, 7: 70, 8: 71}, _page(SLOW), least={7: 72, 8: 82})
    boost = keen.trait_scores["empathy"] - plain.trait_scores["empathy"]
    assert 0 < boost <= 3.8


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
