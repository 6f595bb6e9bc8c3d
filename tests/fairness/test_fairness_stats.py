"""The adverse-impact statistics against scipy's reference functions on row-level data, and
against hand-worked examples. Pure arithmetic: no database."""

import math
import re
from pathlib import Path

import numpy as np
import pytest
from scipy import stats as scipy_stats
from scipy.stats.contingency import odds_ratio

from hiring.fairness import stats
from hiring.fairness.stats import (
    correlation,
    fisher_p,
    mantel_haenszel,
    selection_rates,
    standardized_mean_difference,
    suggested_source_weights,
)


@pytest.fixture
def rng():
    return np.random.default_rng(2026)


def _sums(values):
    values = np.asarray(values, dtype=float)
    return len(values), values.sum(), (values**2).sum()


# --- Fisher and the four-fifths rule ---------------------------------------------------------


def test_fisher_p_is_scipys_two_sided_exact_test_on_the_same_table(rng):
    for _ in range(20):
        total_a, total_b = rng.integers(1, 300, size=2)
        selected_a, selected_b = rng.integers(0, total_a + 1), rng.integers(0, total_b + 1)
        table = [[selected_a, total_a - selected_a], [selected_b, total_b - selected_b]]
        expected = scipy_stats.fisher_exact(table).pvalue
        assert fisher_p(selected_a, total_a, selected_b, total_b) == pytest.approx(expected)


def test_fisher_p_refuses_more_selected_than_decided():
    with pytest.raises(ValueError, match="selected"):
        fisher_p(5, 4, 1, 10)


def test_the_guidelines_example_of_48_in_80_against_12_in_40_is_flagged():
    report = selection_rates({"White": (48, 80), "Black": (12, 40)})
    black = report["Black"]
    assert (report.reference, report.flagged) == ("White", ("Black",))
    assert (report["White"].rate, black.rate, black.impact_ratio) == pytest.approx((0.6, 0.3, 0.5))
    assert black.p_value == pytest.approx(scipy_stats.fisher_exact([[12, 28], [48, 32]]).pvalue)
    assert (black.four_fifths, black.enough_data, black.flagged) == (True, True, True)


def test_a_ratio_below_four_fifths_that_could_be_chance_is_not_flagged():
    report = selection_rates({"Men": (30, 60), "Women": (18, 50)})
    women = report["Women"]
    assert women.impact_ratio == pytest.approx(0.72)
    assert (women.four_fifths, women.p_value > 0.05, women.flagged) == (True, True, False)


def test_a_significant_gap_above_four_fifths_is_not_flagged():
    report = selection_rates({"Men": (5000, 10000), "Women": (4200, 10000)})
    assert report["Women"].p_value < 1e-20
    assert report["Women"].impact_ratio == pytest.approx(0.84)
    assert not report["Women"].flagged


def test_tied_top_rates_take_the_larger_group_as_reference_and_both_score_one():
    report = selection_rates({"Small": (20, 40), "Large": (50, 100), "Low": (10, 100)})
    assert report.reference == "Large"
    assert (report["Small"].impact_ratio, report["Small"].four_fifths) == (1.0, False)
    assert report["Low"].impact_ratio == pytest.approx(0.2)
    assert report["Low"].flagged


def test_ties_of_rate_and_size_go_to_the_first_label_so_the_reference_never_wavers():
    counts = {"Zeta": (30, 60), "Alpha": (30, 60), "Mid": (5, 60)}
    assert selection_rates(counts).reference == "Alpha"
    assert selection_rates(dict(reversed(counts.items()))).reference == "Alpha"


def test_a_group_nobody_in_has_been_decided_has_no_rate_and_is_never_flagged():
    report = selection_rates({"Men": (40, 80), "Women": (0, 0), "Other": (10, 80)})
    empty = report["Women"]
    assert (empty.rate, empty.impact_ratio, empty.p_value) == (None, None, None)
    assert (empty.enough_data, empty.flagged) == (False, False)
    assert report.reference == "Men"
    assert report["Other"].flagged


def test_fewer_than_the_minimum_decided_is_not_enough_data_and_never_flagged():
    report = selection_rates({"Men": (60, 100), "Non-binary": (0, 12)})
    small = report["Non-binary"]
    assert (small.rate, small.four_fifths) == (0.0, True)
    assert (small.compared_with, small.p_value, small.p_holm) == (None, None, None)
    assert (small.enough_data, small.flagged) == (False, False)


def test_a_reference_below_the_minimum_makes_every_comparison_not_enough_data():
    report = selection_rates({"A": (20, 25), "B": (2, 20)})
    assert report.reference == "A"
    assert not report["B"].enough_data
    assert report.flagged == ()


def test_the_reference_is_chosen_among_groups_with_enough_data():
    report = selection_rates({"Tiny": (5, 5), "Men": (50, 100), "Women": (20, 100)})
    assert report.reference == "Men"
    assert report["Tiny"].impact_ratio == pytest.approx(2.0)
    assert report["Women"].flagged


def test_holm_corrects_over_every_pair_of_groups_with_enough_data():
    counts = {"Ref": (60, 100), "A": (40, 100), "B": (38, 100), "C": (45, 100), "D": (1, 4)}
    report = selection_rates(counts)
    steady = ["Ref", "A", "B", "C"]
    pairs = [(a, b) for i, a in enumerate(steady) for b in steady[i + 1 :]]
    raw = [fisher_p(*counts[a], *counts[b]) for a, b in pairs]
    # Holm by hand: the k-th smallest of 6 is multiplied by 6 - k + 1, never below the one before.
    adjusted, running = {}, 0.0
    for k, i in enumerate(np.argsort(raw)):
        running = max(running, min(1.0, (len(raw) - k) * raw[i]))
        adjusted[pairs[i]] = running
    for label in "ABC":
        row = report[label]
        assert row.compared_with == "Ref"
        assert row.p_value == pytest.approx(fisher_p(*counts[label], *counts["Ref"]))
        assert row.p_holm == pytest.approx(adjusted[("Ref", label)])
    assert report["D"].p_holm is None


def test_a_middle_group_below_four_fifths_of_the_top_is_flagged_against_it():
    report = selection_rates({"A": (600, 1000), "B": (450, 1000), "C": (300, 1000)})
    assert report.flagged == ("B", "C")
    assert report["B"].compared_with == "A"
    assert report["B"].impact_ratio == pytest.approx(0.75)


def test_a_small_group_topping_the_row_by_luck_does_not_hide_a_gap_between_large_ones():
    report = selection_rates({"Woman": (120, 404), "Man": (162, 404), "Another": (15, 31)})
    woman = report["Woman"]
    assert report.reference == "Another"
    assert woman.impact_ratio == pytest.approx((120 / 404) / (15 / 31))
    # Against the 31-person reference alone the gap could be chance (p 0.042, twice that
    # after correcting for two comparisons); against the 404 men it is not.
    assert fisher_p(120, 404, 15, 31) == pytest.approx(0.0424, abs=1e-4)
    assert (woman.flagged, woman.compared_with) == (True, "Man")
    assert woman.p_holm == pytest.approx(3 * fisher_p(120, 404, 162, 404))


def test_an_unflagged_group_is_shown_with_its_test_against_the_reference():
    report = selection_rates({"Man": (162, 404), "Woman": (150, 404)})
    woman = report["Woman"]
    assert (woman.flagged, woman.compared_with) == (False, "Man")
    assert woman.p_value == pytest.approx(fisher_p(150, 404, 162, 404))
    assert report["Man"].compared_with is None


def test_nobody_decided_anywhere_gives_no_reference_and_no_flags():
    report = selection_rates({"Men": (0, 0), "Women": (0, 0)})
    assert report.reference is None
    assert report.flagged == ()


def test_when_nobody_is_selected_the_ratio_is_undefined_and_nothing_is_flagged():
    report = selection_rates({"Men": (0, 50), "Women": (0, 50)})
    assert report["Women"].impact_ratio is None
    assert report.flagged == ()


# --- Standardized mean difference ------------------------------------------------------------


def _hedges_g(x, y):
    n1, n2 = len(x), len(y)
    pooled = ((n1 - 1) * np.var(x, ddof=1) + (n2 - 1) * np.var(y, ddof=1)) / (n1 + n2 - 2)
    return (1 - 3 / (4 * (n1 + n2) - 9)) * (np.mean(x) - np.mean(y)) / np.sqrt(pooled)


def test_hedges_g_from_sums_matches_the_raw_arrays(rng):
    x, y = rng.normal(60, 12, size=40), rng.normal(55, 15, size=25)
    smd = standardized_mean_difference(*_sums(x), *_sums(y))
    g = _hedges_g(x, y)
    se = math.sqrt((40 + 25) / (40 * 25) + g**2 / (2 * 65))
    assert (smd.g, smd.se) == pytest.approx((g, se))
    assert (smd.ci_low, smd.ci_high) == pytest.approx((g - 1.959964 * se, g + 1.959964 * se))
    assert (smd.n1, smd.n2) == (40, 25)


def test_hedges_g_survives_a_large_mean_beside_a_small_spread(rng):
    x, y = 1e6 + rng.normal(0.5, 1, size=200), 1e6 + rng.normal(0, 1, size=200)
    smd = standardized_mean_difference(*_sums(x), *_sums(y))
    assert smd.g == pytest.approx(_hedges_g(x, y), rel=1e-3)


def test_no_smd_when_nobody_differs_from_their_group_mean():
    assert standardized_mean_difference(*_sums([70] * 10), *_sums([60] * 8)) is None


def test_no_smd_for_a_group_of_one():
    assert standardized_mean_difference(*_sums([70]), *_sums([60, 62, 64])) is None


@pytest.mark.parametrize(
    ("g", "label"),
    [(0.1, "negligible"), (-0.3, "small"), (0.5, "medium"), (-0.79, "medium"), (0.8, "large")],
)
def test_smd_labels_follow_cohens_bands(g, label):
    assert stats.SMD(g, 0.1, g - 0.2, g + 0.2, 50, 50).label == label


# --- Mantel-Haenszel DIF ---------------------------------------------------------------------

# Two strata (A ref endorsed, B ref not, C focal endorsed, D focal not), worked by hand:
#   1: A=15 B=5 C=10 D=10, N=40: AD/N = 150/40 = 3.75, BC/N = 50/40 = 1.25
#   2: A=8  B=2 C=4  D=6,  N=20: AD/N = 48/20  = 2.40, BC/N = 8/20  = 0.40
#   alpha_MH = (3.75 + 2.40) / (1.25 + 0.40) = 6.15 / 1.65 = 41/11 = 3.7273
#   E(A1) = 20*25/40 = 12.5, Var(A1) = 20*20*25*15 / (40^2 * 39) = 2.403846
#   E(A2) = 10*12/20 = 6.0,  Var(A2) = 10*10*12*8  / (20^2 * 19) = 1.263158
#   chi2 = (|23 - 18.5| - 0.5)^2 / (2.403846 + 1.263158) = 16 / 3.667004 = 4.36323, p = 0.0367
#   delta = -2.35 ln(41/11) = -3.0918
#   RBG: P = (A+D)/N, Q = (B+C)/N: P1 = .625 Q1 = .375, P2 = .7 Q2 = .3
#     sum PR = 2.34375 + 1.68 = 4.02375; sum (PS + QR) = 2.1875 + 1.0 = 3.1875;
#     sum QS = .46875 + .12 = .58875
#     var ln alpha = 4.02375/(2*6.15^2) + 3.1875/(2*6.15*1.65) + .58875/(2*1.65^2) = 0.318377
#     se(delta) = 2.35 * sqrt(0.318377) = 1.32599
#   |delta| >= 1.5 and significant, but not significantly above 1 at this size: class B.
TEXTBOOK = [(15, 5, 10, 10), (8, 2, 4, 6)]


def test_mantel_haenszel_matches_the_hand_worked_example():
    dif = mantel_haenszel(TEXTBOOK)
    assert dif.odds_ratio == pytest.approx(41 / 11)
    assert dif.chi_square == pytest.approx(4.36323, rel=1e-5)
    assert dif.p_value == pytest.approx(scipy_stats.chi2.sf(4.36323, 1), rel=1e-4)
    assert dif.delta == pytest.approx(-3.0918, abs=1e-4)
    assert dif.delta_se == pytest.approx(1.32599, rel=1e-4)
    assert (dif.strata, dif.n_reference, dif.n_focal) == (2, 30, 30)
    assert (dif.ets_class, dif.flagged) == ("B", False)


def test_the_same_proportions_in_twenty_times_the_people_are_class_c():
    dif = mantel_haenszel([tuple(20 * n for n in stratum) for stratum in TEXTBOOK])
    assert dif.delta == pytest.approx(-3.0918, abs=1e-4)
    assert (dif.ets_class, dif.flagged) == ("C", True)


def test_one_stratum_gives_the_sample_odds_ratio(rng):
    for _ in range(10):
        a, b, c, d = (int(v) for v in rng.integers(1, 80, size=4))
        expected = odds_ratio([[a, b], [c, d]], kind="sample").statistic
        assert mantel_haenszel([(a, b, c, d)]).odds_ratio == pytest.approx(expected)


def test_mantel_haenszel_from_rows_matches_the_per_stratum_odds_when_they_agree(rng):
    # Row-level data with the same odds ratio (3) in every stratum: alpha_MH estimates it.
    strata = []
    for base in (-1.0, 0.0, 1.0):
        ref = rng.random(4000) < 1 / (1 + math.exp(-(base + math.log(3))))
        focal = rng.random(4000) < 1 / (1 + math.exp(-base))
        strata.append((ref.sum(), (~ref).sum(), focal.sum(), (~focal).sum()))
    assert mantel_haenszel(strata).odds_ratio == pytest.approx(3, rel=0.1)


def test_equal_groups_are_class_a():
    dif = mantel_haenszel([(30, 20, 30, 20), (10, 40, 10, 40)])
    assert dif.odds_ratio == pytest.approx(1.0)
    assert dif.chi_square == 0.0
    assert dif.ets_class == "A"


def test_strata_missing_a_group_are_dropped():
    dif = mantel_haenszel([*TEXTBOOK, (7, 3, 0, 0), (0, 0, 4, 4)])
    assert dif.strata == 2
    assert dif.odds_ratio == pytest.approx(41 / 11)


def test_no_dif_when_no_stratum_has_both_groups_or_the_odds_ratio_is_infinite():
    assert mantel_haenszel([]) is None
    assert mantel_haenszel([(5, 5, 0, 0)]) is None
    assert mantel_haenszel([(10, 0, 3, 7), (8, 0, 2, 2)]) is None
    assert mantel_haenszel([(0, 10, 3, 7)]) is None


# --- Correlation and suggested weights -------------------------------------------------------


def _pair_sums(x, y):
    return len(x), x.sum(), y.sum(), (x * x).sum(), (y * y).sum(), (x * y).sum()


def test_correlation_from_sums_matches_scipys_pearsonr_and_its_interval(rng):
    x = rng.normal(60, 10, size=45)
    y = 0.4 * x + rng.normal(0, 8, size=45)
    result = correlation(*_pair_sums(x, y))
    reference = scipy_stats.pearsonr(x, y)
    interval = reference.confidence_interval(0.95)
    assert (result.r, result.p_value) == pytest.approx((reference.statistic, reference.pvalue))
    assert (result.ci_low, result.ci_high) == pytest.approx((interval.low, interval.high))
    assert result.n == 45


def test_correlation_honours_another_confidence_level(rng):
    x, y = rng.normal(size=30), rng.normal(size=30)
    interval = scipy_stats.pearsonr(x, y).confidence_interval(0.9)
    result = correlation(*_pair_sums(x, y), confidence=0.9)
    assert (result.ci_low, result.ci_high) == pytest.approx((interval.low, interval.high))


def test_no_correlation_from_three_pairs_or_from_a_score_that_never_varies():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert correlation(*_pair_sums(x[:3], x[:3] + 1)) is None
    assert correlation(*_pair_sums(x, np.full(5, 3.0))) is None


def test_a_perfect_correlation_has_a_closed_interval_and_p_zero():
    x = np.arange(10.0)
    result = correlation(*_pair_sums(x, 2 * x + 1))
    assert (result.r, result.ci_low, result.ci_high, result.p_value) == pytest.approx((1, 1, 1, 0))


def _r(r, n, low, high):
    return stats.Correlation(r, n, low, high, 0.01, 0.95)


def test_the_best_predicting_source_gets_the_top_weight_and_others_their_share():
    correlations = {
        "passion_test": _r(0.4, 80, 0.2, 0.57),
        "interview": _r(0.2, 80, 0.02, 0.37),
        "team_meet": _r(-0.3, 80, -0.48, -0.09),
    }
    current = {"passion_test": 5, "interview": 5, "team_meet": 5, "referral": 3}
    expected = dict(passion_test=10, interview=5, team_meet=0, referral=3)
    assert suggested_source_weights(correlations, current) == expected


def test_sources_with_few_hires_or_an_interval_through_zero_keep_their_weight():
    correlations = {
        "passion_test": _r(0.5, 60, 0.28, 0.67),
        "interview": _r(0.6, 8, 0.1, 0.9),
        "team_meet": _r(0.2, 60, -0.06, 0.43),
        "referral": None,
    }
    current = {"passion_test": 4, "interview": 7, "team_meet": 6, "referral": 2}
    expected = dict(passion_test=10, interview=7, team_meet=6, referral=2)
    assert suggested_source_weights(correlations, current) == expected


def test_when_every_clear_source_predicts_the_wrong_way_the_weights_stay():
    correlations = {"passion_test": _r(-0.4, 80, -0.57, -0.2), "interview": None}
    current = {"passion_test": 6, "interview": 4}
    assert suggested_source_weights(correlations, current) == current


def test_the_default_top_weight_is_the_apps():
    from passionhire.vocabulary import WEIGHT_MAX

    default = suggested_source_weights.__kwdefaults__["weight_max"]
    assert default == WEIGHT_MAX


def test_the_fairness_statistics_do_without_django():
    for name in ("stats.py", "dif.py"):
        path = Path(stats.__file__).parent / name
        assert not re.search(r"^\s*(from|import) django\b", path.read_text(), re.MULTILINE)


def test_statement_screens_are_adjusted_across_statements_like_scipys_benjamini_hochberg():
    from scipy.stats import false_discovery_control

    from hiring.fairness.dif import across_statements, mantel_haenszel

    rng = np.random.default_rng(11)
    results = {}
    for item in range(12):
        shift = 3 if item == 0 else 0  # one statement works differently
        strata = [
            (
                int(rng.integers(20, 40)) + shift * 4,
                int(rng.integers(20, 40)),
                int(rng.integers(20, 40)),
                int(rng.integers(20, 40)) + shift * 4,
            )
            for _ in range(6)
        ]
        results[item] = mantel_haenszel(strata)
    results[99] = None  # not enough data: stays so
    screened = across_statements(results)
    raw = [results[i].p_value for i in range(12)]
    assert [screened[i].p_value for i in range(12)] == pytest.approx(
        list(false_discovery_control(raw, method="bh"))
    )
    assert screened[99] is None
    assert all(screened[i].ets_class in "AB" for i in range(1, 12))
    assert screened[0].delta == results[0].delta
