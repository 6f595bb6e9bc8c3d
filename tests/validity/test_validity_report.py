"""The validity report: how well each score at hire predicted the check-ins (checked against
scipy), for the hires the viewer may see, in a fixed number of queries; quality of hire by
source; and the suggested source weights a recruiter applies with one click."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from scipy import stats

from candidates.models import Evidence, Role
from hiring.validity import selectors
from hiring.validity.models import COMBINED, OVERALL, CheckIn, CheckInScore
from passionhire.models import AuditEntry
from passionhire.traits import Trait
from tests.factories import ApplicationFactory, RoleFactory

REPORT = reverse("hiring:validity")
APPLY = reverse("hiring:validity_apply")


def answered(role, *, scores: dict, performance: int, source="careers", campaign="", **kw):
    """An answered check-in on a new hire of `role` with the given scores at hire."""
    application = ApplicationFactory(
        role=role, stage="hired", reached=6, source=source, utm_campaign=campaign
    )
    now = timezone.now()
    item = CheckIn.objects.create(
        application=application,
        manager=role.hiring_manager,
        hired_at=now - timedelta(days=100),
        expires_at=now + timedelta(days=20),
        nonce="n",
        completed_at=now,
        still_employed=kw.pop("still_employed", True),
        performance=performance,
        **{f"rating_{t.value}": kw.get(t.value, 3) for t in Trait},
    )
    CheckInScore.objects.bulk_create(
        CheckInScore(checkin=item, source=source_, trait=trait, value=value)
        for (source_, trait), value in scores.items()
    )
    return item


def population(role, n: int, seed: int = 7, *, strength: float = 1.0):
    """n hires whose interview score predicts performance (and empathy) with noise."""
    rng = random.Random(seed)
    xs, ys, es, ratings = [], [], [], []
    for _ in range(n):
        x = rng.uniform(30, 90)
        y = max(1, min(5, round(1 + strength * (x - 30) / 15 + rng.gauss(0, 0.8))))
        e = rng.uniform(20, 95)
        rating = max(1, min(5, round(e / 20 + rng.gauss(0, 0.7))))
        answered(
            role,
            scores={("interview", OVERALL): x, ("interview", "empathy"): e},
            performance=y,
            empathy=rating,
        )
        xs.append(x), ys.append(y), es.append(e), ratings.append(rating)
    return xs, ys, es, ratings


def test_correlations_match_scipy_with_their_interval(role, recruiter):
    xs, ys, es, ratings = population(role, 40)
    report = selectors.validity_report(recruiter, selectors.HireScope())
    assert (report.opened, report.answered) == (40, 40)
    overall = report.cells["interview"][OVERALL]
    reference = stats.pearsonr(xs, ys)
    assert overall.n == 40
    assert overall.result.r == pytest.approx(reference.statistic, abs=1e-9)
    assert overall.result.p_value == pytest.approx(reference.pvalue, rel=1e-6)
    low, high = reference.confidence_interval(0.95)
    assert (overall.result.ci_low, overall.result.ci_high) == (
        pytest.approx(low, abs=1e-9),
        pytest.approx(high, abs=1e-9),
    )
    empathy = report.cells["interview"]["empathy"]
    assert empathy.result.r == pytest.approx(stats.pearsonr(es, ratings).statistic, abs=1e-9)
    # Nothing known of the other sources.
    assert not report.cells["passion_test"][OVERALL].shown
    assert report.cells[COMBINED][OVERALL].n == 0


def test_a_hiring_manager_reads_only_the_hires_of_their_roles(
    client, role, other_hiring_manager, hiring_manager
):
    population(role, 12)
    theirs = RoleFactory(title="Night Support Lead", hiring_manager=other_hiring_manager)
    population(theirs, 3, seed=2)
    client.force_login(other_hiring_manager)
    page = client.get(REPORT)
    assert page.status_code == 200
    assert page.context["report"].opened == 3
    assert "Customer Success Manager" not in page.content.decode()
    # Asking for a role that is not theirs says what an unknown role says: nothing about it.
    refused = client.get(REPORT, {"role": role.pk})
    assert refused.status_code == 400
    assert "Select a valid choice" in refused.content.decode()
    unknown = client.get(REPORT, {"role": 10**9})
    assert unknown.status_code == 400
    assert "Select a valid choice" in unknown.content.decode()
    client.force_login(hiring_manager)
    assert client.get(REPORT).context["report"].opened == 12


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"date_from": "2026-05-02", "date_to": "2026-05-01"}, "The range ends before it starts"),
        ({"date_from": "yesterday"}, "Enter a valid date."),
        # Role "1" may or may not exist: either way, not that role.
        ({"role": "١"}, ("Select a valid choice.", "Choose a role from the list.")),
    ],
)
def test_bad_filters_are_a_400_with_the_reason(client, recruiter, query, error):
    client.force_login(recruiter)
    response = client.get(REPORT, query)
    assert response.status_code == 400
    assert any(
        e in response.content.decode() for e in ((error,) if isinstance(error, str) else error)
    )


def test_a_role_with_no_hires_and_an_empty_range_show_not_enough_data(client, recruiter, role):
    population(role, 12)
    empty = RoleFactory(title="Brand new", hiring_manager=role.hiring_manager)
    client.force_login(recruiter)
    for query in ({"role": empty.pk}, {"date_from": "2001-01-01", "date_to": "2001-12-31"}):
        response = client.get(REPORT, query)
        assert response.status_code == 200
        report = response.context["report"]
        assert report.answered == 0
        assert not any(cell.shown for _, cells in report.rows() for cell in cells)
        assert "No answered check-ins in this range yet." in response.content.decode()


def test_quality_of_hire_by_source_hides_the_mean_of_a_small_source(client, recruiter, role):
    for performance in (5, 4, 4, 3, 4):
        answered(role, scores={}, performance=performance, source="referral")
    for performance, stayed in ((2, False), (3, True), (3, True), (4, True), (3, True), (3, True)):
        answered(role, scores={}, performance=performance, campaign="fair", still_employed=stayed)
    answered(role, scores={}, performance=1, source="recruiter")
    client.force_login(recruiter)
    quality = {q.label: q for q in client.get(REPORT).context["report"].quality}
    assert quality["Employee referral"].performance == pytest.approx(4.0)
    assert quality["Careers page, campaign “fair”"].still_employed == pytest.approx(5 / 6)
    alone = quality["Added by a recruiter"]
    assert alone.n == 1
    assert alone.performance is None
    assert alone.still_employed is None


@pytest.mark.parametrize("hires", [10, 60])
def test_the_report_runs_the_same_queries_whatever_the_number_of_hires(
    client, recruiter, role, hires, django_assert_num_queries
):
    population(role, hires)
    client.force_login(recruiter)
    # Session and user, their groups, the roles for the filter and the apply card (role
    # and its first open role), the three aggregates of the report, and the nav's counts.
    with django_assert_num_queries(9):
        response = client.get(REPORT)
    assert response.context["report"].answered == hires


def _shown_weights(page) -> dict:
    suggestion = page.context["suggestion"]
    return {f"weight_{key}": new for key, _label, _now, new in suggestion["rows"]}


def test_a_recruiter_applies_the_suggested_weights_and_the_shortlist_reranks(
    client, recruiter, role
):
    population(role, 40, strength=1.5)
    applicant = ApplicationFactory(role=role, stage="interviews")
    for trait in Trait:
        Evidence.objects.create(
            application=applicant, trait=trait, source="interview", value=90, origin="i"
        )
        Evidence.objects.create(
            application=applicant, trait=trait, source="team_meet", value=20, origin="t"
        )
    client.force_login(recruiter)
    page = client.get(REPORT, {"for_role": role.pk})
    suggestion = page.context["suggestion"]
    assert suggestion["role"] == role
    assert suggestion["suggested"]["interview"] == 10  # the one clear predictor: top weight
    assert suggestion["suggested"]["team_meet"] == 4  # nothing known: keeps its weight
    assert "Apply to “Customer Success Manager” and re-rank" in page.content.decode()

    response = client.post(APPLY, {"for_role": role.pk, **_shown_weights(page)})
    assert response.status_code == 302
    assert response["Location"] == reverse("hiring:shortlist", kwargs={"pk": role.pk})
    role.refresh_from_db()
    assert role.source_weights["interview"] == 10
    applicant.refresh_from_db()
    interview_share = 10 / (10 + 4)  # before: 5 / (5 + 4)
    assert applicant.score_empathy == pytest.approx(
        90 * interview_share + 20 * (1 - interview_share), abs=0.05
    )
    assert AuditEntry.objects.filter(action="role.weights", role_id=role.pk).exists()


def test_a_stale_or_tampered_suggestion_changes_nothing(client, recruiter, role):
    population(role, 40, strength=1.5)
    client.force_login(recruiter)
    shown = _shown_weights(client.get(REPORT, {"for_role": role.pk}))
    before = role.source_weights
    stale = client.post(APPLY, {"for_role": role.pk, **shown, "weight_interview": 7})
    assert stale.status_code == 409
    assert "The suggestion has changed" in stale.content.decode()
    for bad in ({"for_role": "١"}, {"for_role": ""}, {"weight_referral": "-1"}):
        response = client.post(APPLY, {"for_role": role.pk, **shown, **bad})
        assert response.status_code == 422
    role.refresh_from_db()
    assert role.source_weights == before
    assert not AuditEntry.objects.filter(action="role.weights").exists()


def test_only_recruiters_apply(client, hiring_manager, role):
    population(role, 40, strength=1.5)
    client.force_login(hiring_manager)
    page = client.get(REPORT)
    assert page.context["suggestion"] is None
    weights = {f"weight_{s}": 5 for s in role.source_weights}
    assert client.post(APPLY, {"for_role": role.pk, **weights}).status_code == 403
    assert Role.objects.get(pk=role.pk).source_weights == role.source_weights
