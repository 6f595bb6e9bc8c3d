"""The composite and its explanation, checked against examples worked out by hand."""

from types import SimpleNamespace

import pytest

from candidates import ranking
from candidates.ranking import Flag

EQUAL = dict.fromkeys(
    ["empathy", "commitment", "curiosity", "attention_to_detail", "connection", "courage"], 5
)
SOURCES = {"passion_test": 3, "interview": 5, "team_meet": 4, "referral": 2}


def ev(trait, source, value, weight=1.0):
    return SimpleNamespace(trait=trait, source=source, value=value, weight=weight)


def test_one_source_only_scores_the_trait_it_covers_and_confidence_says_how_little_that_is():
    result = ranking.explain([ev("empathy", "passion_test", 80)], EQUAL, SOURCES).score
    assert result.traits["empathy"] == 80
    assert result.traits["courage"] is None
    assert result.composite == 80  # the traits without evidence neither help nor hurt
    # 5 of 30 weight covered, one source: 5/30 * (1 - 0.5) = 0.0833
    assert result.confidence == pytest.approx(0.083)
    assert result.flags == Flag.NO_INTERVIEW | Flag.NO_TEAM_MEET


def test_two_sources_combine_by_source_weight_and_a_wide_gap_is_a_disagreement():
    weights = {**dict.fromkeys(EQUAL, 0), "empathy": 10, "commitment": 5, "curiosity": 5}
    rows = [
        ev("empathy", "passion_test", 90),
        ev("empathy", "interview", 40),
        ev("empathy", "interview", 50),
        ev("commitment", "interview", 75),
    ]
    explanation = ranking.explain(rows, weights, SOURCES)
    result = explanation.score
    # Empathy: (3*90 + 5*40 + 5*50) / (3 + 5 + 5) = 720 / 13 = 55.38
    assert result.traits["empathy"] == 55.4
    # Composite over the covered traits: (10 * 55.385 + 5 * 75) / 15 = 61.92
    assert result.composite == 61.9
    # Covered 15 of 20, two sources: 0.75 * 0.75
    assert result.confidence == pytest.approx(0.5625, abs=0.001)
    empathy = explanation.traits[0]
    test_piece = next(p for p in empathy.pieces if p.evidence.source == "passion_test")
    assert test_piece.share == pytest.approx(3 / 13)
    # Without the test, empathy would be (200 + 250) / 10 = 45: the test moved it +10.4
    assert test_piece.moved == pytest.approx(10.4)
    assert empathy.by_source == [("passion_test", 90), ("interview", 45)]
    assert empathy.disagreement is not None
    assert str(empathy.disagreement) == "Empathy: Passion Test 90, Interviews 45"
    assert result.flags & Flag.DISAGREEMENT
    # Contributions add up to the composite.
    assert sum(t.contribution or 0 for t in explanation.traits) == pytest.approx(61.9, abs=0.1)
    # Commitment had one piece only: it *is* the score.
    assert explanation.traits[1].pieces[0].moved is None
    assert explanation.traits[1].missing == ["passion_test", "team_meet"]


def test_sources_close_together_do_not_disagree():
    rows = [ev("empathy", "passion_test", 70), ev("empathy", "interview", 45)]
    assert not ranking.explain(rows, EQUAL, SOURCES).score.flags & Flag.DISAGREEMENT


def test_a_source_weighted_zero_drops_out_and_no_evidence_means_no_composite():
    rows = [ev("empathy", "referral", 75, 0.25)]
    result = ranking.score(
        ranking.group((e.trait, e.source, e.value, e.weight) for e in rows),
        EQUAL,
        {**SOURCES, "referral": 0},
    )
    assert result.traits["empathy"] is None
    assert result.composite is None
    assert result.confidence is None
    assert result.sources == ()


def test_an_unreliable_passion_test_is_flagged_and_counts_for_little():
    rows = [ev("empathy", "passion_test", 95, 0.1), ev("empathy", "interview", 50)]
    result = ranking.explain(rows, EQUAL, SOURCES).score
    assert result.flags & Flag.UNRELIABLE_TEST
    # (3 * 0.1 * 95 + 5 * 50) / (0.3 + 5) = 278.5 / 5.3 = 52.5
    assert result.traits["empathy"] == 52.5
    assert ranking.flag_labels(result.flags)[0] == (
        "unreliable_test",
        "Unreliable Passion Test",
        True,
    )


def test_equal_evidence_gives_equal_scores():
    a = ranking.explain([ev("empathy", "interview", 75)], EQUAL, SOURCES).score
    b = ranking.explain([ev("empathy", "interview", 75)], EQUAL, SOURCES).score
    assert (a.composite, a.confidence) == (b.composite, b.confidence) == (75, 0.083)
