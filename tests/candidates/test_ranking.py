"""The composite and its explanation, checked against examples worked out by hand."""

from types import SimpleNamespace

import pytest

from candidates import ranking
from candidates.ranking import Flag

EQUAL = dict.fromkeys(
    ["empathy", "commitment", "curiosity", "attention_to_detail", "connection", "courage"], 5
)
SOURCES = {"passion_test": 3, "interview": 5, "team_meet": 4, "referral": 2}


def ev(trait, source, value, weight=1.0, origin=None):
    """An evidence row; a Passion Test row is the test's own (its weight is its reliability)
    unless another origin is given."""
    if origin is None:
        origin = "passion_test:response:1" if source == "passion_test" else f"{source}:1"
    return SimpleNamespace(trait=trait, source=source, value=value, weight=weight, origin=origin)


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
        ranking.group((e.trait, e.source, e.value, e.weight, e.origin) for e in rows),
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
    # The untrusted 0.9 of the test pulls toward the (neutral) mean 50 with k = 3 * 0.9:
    # (3 * 0.1 * 95 + 2.7 * 50 + 5 * 50) / (0.3 + 2.7 + 5) = 413.5 / 8 = 51.7
    assert result.traits["empathy"] == 51.7
    assert ranking.flag_labels(result.flags)[0] == (
        "unreliable_test",
        "Unreliable Passion Test",
        True,
    )


def test_equal_evidence_gives_equal_scores():
    a = ranking.explain([ev("empathy", "interview", 75)], EQUAL, SOURCES).score
    b = ranking.explain([ev("empathy", "interview", 75)], EQUAL, SOURCES).score
    assert (a.composite, a.confidence) == (b.composite, b.confidence) == (75, 0.083)


SIX = ["empathy", "commitment", "curiosity", "attention_to_detail", "connection", "courage"]


@pytest.mark.parametrize(
    ("reliability", "composite", "confidence", "rank"),
    [
        # Kelley: T = 50 + r * (94 - 50) on each trait, the test being the only evidence.
        (1.0, 94.0, 0.5, 72.0),  # counts fully; R = 50 + 0.5 * (94 - 50)
        (0.05, 52.2, 0.025, 50.1),  # almost nothing; R = 50 + 0.025 * 2.2 = 50.055
        (0.0, 50.0, 0.0, 50.0),  # nothing: the centre, with no confidence at all
    ],
)
def test_a_test_that_is_the_only_evidence_counts_as_far_as_its_reliability(
    reliability, composite, confidence, rank
):
    rows = [ev(t, "passion_test", 94, reliability) for t in SIX]
    explanation = ranking.explain(rows, EQUAL, SOURCES)
    result = explanation.score
    assert result.composite == composite
    assert result.confidence == confidence
    assert result.rank == rank
    assert not result.flags & Flag.NO_PASSION_TEST
    assert bool(result.flags & Flag.UNRELIABLE_TEST) == (reliability < 0.4)
    # The explanation adds up: the test's share and the pull's share make the whole score.
    empathy = explanation.traits[0]
    (piece,) = empathy.pieces
    assert piece.effective_weight == pytest.approx(3 * reliability)
    assert piece.moved is None  # the only evidence
    if reliability < 1:
        assert empathy.pull.mean == ranking.CENTRE == 50
        assert empathy.pull.weight == pytest.approx(3 * (1 - reliability))
        assert empathy.pull.untrusted == pytest.approx(1 - reliability)
        assert piece.share + empathy.pull.share == pytest.approx(1)
        total = piece.share * 94 + empathy.pull.share * empathy.pull.mean
        assert round(total, 1) == empathy.score
    else:
        assert empathy.pull is None


def test_the_pull_has_its_own_line_and_the_pieces_and_pull_add_up_beside_other_evidence():
    rows = [ev("empathy", "passion_test", 95, 0.1), ev("empathy", "interview", 50)]
    empathy = ranking.explain(rows, EQUAL, SOURCES).traits[0]
    # (0.3 * 95 + 2.7 * 50 + 5 * 50) / 8 = 413.5 / 8 = 51.69
    assert empathy.score == 51.7
    shares = sum(p.share for p in empathy.pieces) + empathy.pull.share
    assert shares == pytest.approx(1)
    total = sum(p.share * p.evidence.value for p in empathy.pieces) + empathy.pull.share * 50
    assert total == pytest.approx(413.5 / 8)
    # Without the pull the trait would be (28.5 + 250) / 5.3 = 52.55: the pull moved it -0.9.
    assert empathy.pull.moved == pytest.approx(-0.9)
    # Without the test (and its pull) it would be the interview's 50: the test moved it +1.7.
    test_piece = next(p for p in empathy.pieces if p.evidence.source == "passion_test")
    assert test_piece.moved == pytest.approx(1.7)


def test_ratings_of_why_answers_do_not_dilute_the_unreliable_flag():
    rows = [
        ev("empathy", "passion_test", 80, 0.2),
        ev("empathy", "passion_test", 75, 1.0, origin="passion_test:why:7"),
        ev("curiosity", "passion_test", 75, 1.0, origin="passion_test:why:8"),
    ]
    result = ranking.explain(rows, EQUAL, SOURCES).score
    # Mixed with the ratings the test's rows would average (0.2 + 1 + 1) / 3 = 0.73.
    assert result.flags & Flag.UNRELIABLE_TEST
    # The ratings bring no pull: curiosity is their plain value.
    assert result.traits["curiosity"] == 75


def test_a_reliable_test_with_its_ratings_is_not_flagged():
    rows = [
        ev("empathy", "passion_test", 80, 0.8),
        ev("empathy", "passion_test", 75, 1.0, origin="passion_test:why:7"),
    ]
    assert not ranking.explain(rows, EQUAL, SOURCES).score.flags & Flag.UNRELIABLE_TEST


def test_two_ratings_alone_rank_below_a_candidate_the_role_knows_well():
    ratings = [
        ev("empathy", "passion_test", 100, 1.0, origin="passion_test:why:1"),
        ev("curiosity", "passion_test", 100, 1.0, origin="passion_test:why:2"),
    ]
    known = [ev(t, s, 80) for t in SIX for s in ("interview", "team_meet")]
    thin = ranking.explain(ratings, EQUAL, SOURCES).score
    sure = ranking.explain(known, EQUAL, SOURCES).score
    assert thin.composite > sure.composite
    # 10 of 30 weight, one source: 1/3 * 0.5 = 0.167; R = 50 + 0.167 * 50 = 58.35
    assert thin.confidence == 0.167
    assert thin.rank == pytest.approx(58.35, abs=0.051)
    # All six, two sources: 0.75; R = 50 + 0.75 * 30 = 72.5
    assert (sure.confidence, sure.rank) == (0.75, 72.5)
    assert sure.rank > thin.rank


def test_no_evidence_has_no_rank_score():
    result = ranking.explain([], EQUAL, SOURCES).score
    assert (result.composite, result.confidence, result.rank) == (None, None, None)
