"""The figures of the funnel-and-speed page on small examples worked out by hand: medians and
90th percentiles of time in stage and to hire, pass-through per step, sources split by
campaign, offer acceptance and the Passion Test's drop-off per page."""

from datetime import timedelta

import pytest
from django.db import connection

from hiring.analytics.counts import MEDIAN, P90, Scope, durations
from hiring.analytics.reports import funnel_report
from tests.factories import RoleFactory

from .builders import APPLIED_ON, journeys, passion_test_taken, straight_to


def figure(report, key):
    return next(f for f in report.figures if f.key == key)


def rows(report, key) -> dict[str, list]:
    return {values[0]: values[1:] for values in figure(report, key).values}


def test_time_in_a_stage_is_the_median_and_90th_percentile_of_the_stays_in_it(role):
    # Days in Applied: 1, 2, 3, 4, 10. Median 3; p90 at rank 0.9 * 4 = 3.6, between 4 and 10:
    # 4 + 0.6 * 6 = 7.6. Passion Test: 5 and 1 (two moves on): median 3, p90 1 + 0.9 * 4 = 4.6.
    journeys(
        role,
        [
            [("applied", 0), ("passion_test", 1), ("interviews", 6)],
            [("applied", 0), ("passion_test", 2), ("interviews", 3)],
            [("applied", 0), ("passion_test", 3)],
            [("applied", 0), ("rejected", 4)],
            [("applied", 0), ("withdrawn", 10)],
        ],
    )
    found = durations(Scope())
    applied, test = found[("stage", "applied")], found[("stage", "passion_test")]
    assert applied["n"] == 5
    assert applied[MEDIAN] == pytest.approx(3)
    assert applied[P90] == pytest.approx(7.6)
    assert test["n"] == 2
    assert (test[MEDIAN], test[P90]) == (pytest.approx(3), pytest.approx(4.6))
    assert ("stage", "interviews") not in found  # nobody has left it yet


def test_time_to_hire_runs_from_applying_to_the_move_to_hired_overall_and_per_role(role):
    other = RoleFactory(title="Data Analyst")
    journeys(role, [straight_to("hired", 2), straight_to("hired", 4)])  # 12 and 24 days
    journeys(other, [straight_to("hired", 1), straight_to("offer", 1)])  # 6 days; one open
    found = durations(Scope())
    assert found[("hire", "")]["n"] == 3
    assert found[("hire", "")][MEDIAN] == pytest.approx(12)
    assert found[("hire", "")][P90] == pytest.approx(12 + 0.8 * 12)  # rank 1.8 of 6, 12, 24
    assert found[("role_hire", str(role.pk))][MEDIAN] == pytest.approx(18)
    assert found[("role_hire", str(other.pk))]["n"] == 1
    assert found[("role_hire", str(other.pk))][P90] == pytest.approx(6)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="percentile_cont is PostgreSQL's")
def test_the_portable_percentiles_equal_postgresqls_percentile_cont(role):
    import random

    rng = random.Random(7)
    journeys(
        role,
        [[("applied", 0), ("rejected", round(rng.uniform(0, 40), 3))] for _ in range(37)],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), "
            "percentile_cont(0.9) WITHIN GROUP (ORDER BY d) FROM ("
            "SELECT EXTRACT(EPOCH FROM changed_at - entered_at) / 86400 AS d "
            "FROM candidates_stagechange) s"
        )
        median, p90 = cursor.fetchone()
    found = durations(Scope())[("stage", "applied")]
    assert found[MEDIAN] == pytest.approx(median)
    assert found[P90] == pytest.approx(p90)


def test_pass_through_counts_moved_on_out_of_decided_leaving_withdrawals_and_waiting_out(role):
    journeys(
        role,
        [
            straight_to("passion_test"),  # moved on from Applied, waiting at the test
            straight_to("interviews"),  # moved on twice
            [("applied", 0), ("rejected", 1)],
            [("applied", 0), ("withdrawn", 1)],  # no one's decision
            [("applied", 0)],  # waiting
        ],
    )
    report = funnel_report(Scope())
    steps = rows(report, "pass-through")
    # Applied → Passion Test: 2 moved on of 3 decided; Passion Test → Interviews: 1 of 1.
    assert steps["Applied → Passion Test"] == [2, 3, pytest.approx(0.6667)]
    assert steps["Passion Test → Interviews"] == [1, 1, 1.0]
    assert steps["Interviews → Team meet"] == [0, 0, None]
    shown = {r["name"]: dict(r["cells"]) for r in figure(report, "pass-through").table}
    assert shown["Applied → Passion Test"]["Pass-through"] == "67%"
    assert shown["Interviews → Team meet"]["Pass-through"] == "–"


def test_applicants_by_source_split_the_careers_page_by_campaign(role):
    journeys(role, [[("applied", 0)]] * 3, source="careers", utm_campaign="spring-fair")
    journeys(role, [[("applied", 0)]], source="careers")
    journeys(role, [straight_to("hired")] * 2, source="referral")
    sources = rows(funnel_report(Scope()), "sources")
    assert sources == {
        "Careers page: spring-fair": [3, 0.5, 0],
        "Employee referral": [2, pytest.approx(0.3333), 2],
        "Careers page: no campaign": [1, pytest.approx(0.1667), 0],
    }


def test_offer_acceptance_is_hired_out_of_hired_and_declined(role):
    offer = straight_to("offer")
    journeys(
        role,
        [
            straight_to("hired"),
            straight_to("hired"),
            straight_to("hired"),
            [*offer, ("withdrawn", 20)],  # declined
            [*offer, ("rejected", 20)],  # we withdrew the offer: not an answer
            offer,  # still open
        ],
    )
    offers = rows(funnel_report(Scope()), "offers")
    assert offers["Accepted: hired"] == [3, 0.75]
    assert offers["Declined or withdrew"] == [1, 0.25]
    assert offers["Rejected at the offer stage"] == [1, None]
    assert offers["Offer still open"] == [1, None]


def test_a_role_with_no_hires_says_so_instead_of_a_time_to_hire(role):
    journeys(role, [straight_to("interviews"), [("applied", 0), ("rejected", 3)]])
    report = funnel_report(Scope(role_id=role.pk))
    assert figure(report, "time-to-hire").rows == []
    assert figure(report, "time-to-hire").empty == "No hires in this range."
    assert figure(report, "offers").rows == []
    assert report.applicants == 2


def test_the_passion_test_counts_invited_started_each_page_and_submitted(role):
    applications = journeys(role, [straight_to("passion_test")] * 6)
    # Not started; page 1 then stopped; page 2 then stopped; three submitted after page 3.
    passion_test_taken(
        applications,
        pages_seen=[None, 1, 2, 3, 3, 3],
        submitted=[False, False, False, True, True, True],
    )
    test = rows(funnel_report(Scope()), "passion-test")
    assert test["Invited"] == [6, 1.0, 1]
    assert test["Started"] == [5, pytest.approx(0.8333), None]
    assert test["Page 1"] == [5, pytest.approx(0.8333), 1]
    assert test["Page 2"] == [4, pytest.approx(0.6667), 1]
    assert test["Page 3"] == [3, 0.5, 0]
    assert test["Submitted"] == [3, 0.5, None]


def test_the_scope_reads_whole_days_of_applying_and_a_managers_own_roles(role, hiring_manager):
    other = RoleFactory(title="Data Analyst")
    journeys(role, [[("applied", 0)]] * 2)
    journeys(other, [[("applied", 0)]], applied=APPLIED_ON + timedelta(days=3))
    day = APPLIED_ON.date()
    assert funnel_report(Scope(date_from=day, date_to=day)).applicants == 2
    assert funnel_report(Scope(date_from=day + timedelta(days=1))).applicants == 1
    assert funnel_report(Scope(manager_id=hiring_manager.pk)).applicants == 2
    assert funnel_report(Scope(role_id=other.pk, manager_id=hiring_manager.pk)).applicants == 0
