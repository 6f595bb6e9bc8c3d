"""The funnel-and-speed page and its CSV: who may open them (recruiters every role, hiring
managers their own, nobody else), bad filters answered with a sentence and a 400, a role that
is not the manager's answered exactly as one that does not exist, a fixed number of queries
whatever the data, and a CSV that holds the page's numbers and is audited."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from passionhire.models import AuditEntry
from tests.factories import RoleFactory
from tests.pages import without_tokens

from .builders import journeys, passion_test_taken, straight_to

PAGE = reverse("hiring:analytics")
CSV = reverse("hiring:analytics_csv")


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def hired_and_rejected(role):
    journeys(role, [straight_to("hired"), [("applied", 0), ("rejected", 3)]], source="careers")


def test_a_recruiter_sees_every_figure_with_a_chart_and_a_table(
    client, recruiter, hired_and_rejected
):
    client.force_login(recruiter)
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    for title in (
        "Applicants by source",
        "Pass-through rate per stage",
        "Time in each stage",
        "Time to hire",
        "Offer acceptance",
        "Passion Test completion and drop-off per page",
    ):
        assert title in html
    assert html.count('data-chart="chart-') == 5  # nobody was invited to the test
    assert html.count("<table") == 5
    assert "Nobody in this range was invited to the Passion Test." in html
    assert "vendor/chart.js/chart.umd.min.js" in html
    assert 'href="/analytics/"' in html or "Analytics</a>" in html  # the nav item


def test_a_hiring_manager_reads_only_their_own_roles(client, role, hiring_manager):
    journeys(role, [[("applied", 0)]] * 2)
    journeys(RoleFactory(title="Secret Role"), [[("applied", 0)]] * 5)
    client.force_login(hiring_manager)
    response = client.get(PAGE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Applications in scope: <strong>2</strong>" in html
    assert "Secret Role" not in html
    assert "All my roles" in html


def test_a_role_that_is_not_the_managers_is_refused_as_one_that_does_not_exist(
    client, hiring_manager
):
    """400 and the same sentence for both: a 403 would tell the manager that the role exists."""
    secret = RoleFactory(title="Secret Role")
    client.force_login(hiring_manager)
    theirs = client.get(PAGE, {"role": secret.pk})
    unknown = client.get(PAGE, {"role": 987654})
    assert theirs.status_code == unknown.status_code == 400
    assert "Choose a role from the list." in theirs.content.decode()
    assert "Secret Role" not in theirs.content.decode()
    assert without_tokens(theirs) == without_tokens(unknown)
    csv_theirs = client.get(CSV, {"role": secret.pk})
    assert csv_theirs.status_code == 400
    assert csv_theirs.content == client.get(CSV, {"role": 987654}).content


@pytest.mark.parametrize(
    ("query", "sentence"),
    [
        ({"date_from": "2026-06-01", "date_to": "2026-01-01"}, "The range ends before it starts"),
        ({"date_from": "yesterday"}, "Enter a valid date."),
        ({"date_to": "2026-02-30"}, "Enter a valid date."),
        ({"date_to": "9999-12-31"}, "Choose a date between 1900 and 2999."),
        ({"date_from": "0001-01-01"}, "Choose a date between 1900 and 2999."),
        ({"date_from": "2026-13-01", "role": "x"}, "Enter a valid date."),
        ({"role": "987654"}, "Choose a role from the list."),
        ({"role": "١"}, "Choose a role from the list."),
        ({"role": "1; DROP TABLE"}, "Choose a role from the list."),
    ],
)
def test_bad_filters_are_a_400_with_a_sentence_on_the_page_and_in_the_csv(
    client, recruiter, query, sentence
):
    client.force_login(recruiter)
    page = client.get(PAGE, query)
    assert page.status_code == 400
    assert sentence in page.content.decode()
    download = client.get(CSV, query)
    assert download.status_code == 400
    assert sentence in download.content.decode()


def test_a_range_with_no_applications_shows_nothing_and_says_so(
    client, recruiter, hired_and_rejected
):
    client.force_login(recruiter)
    response = client.get(PAGE, {"date_from": "2001-01-01", "date_to": "2001-01-31"})
    assert response.status_code == 200
    assert "No applications in this range." in response.content.decode()
    assert "data-chart" not in response.content.decode()
    one_day = client.get(PAGE, {"date_from": "2026-03-02", "date_to": "2026-03-02"})
    assert "Applications in scope: <strong>2</strong>" in one_day.content.decode()


def test_a_role_with_no_hires_shows_its_funnel_and_says_there_is_no_time_to_hire(
    client, recruiter, role
):
    journeys(role, [straight_to("interviews"), [("applied", 0), ("rejected", 2)]])
    client.force_login(recruiter)
    response = client.get(PAGE, {"role": role.pk})
    assert response.status_code == 200
    assert "No hires in this range." in response.content.decode()
    assert "No offers in this range." in response.content.decode()


@pytest.mark.parametrize("user", ["employee", "compliance", "other_hiring_manager_without_role"])
def test_employees_and_compliance_are_refused(client, request, user, db):
    from tests.factories import EmployeeFactory

    person = EmployeeFactory() if user.endswith("without_role") else request.getfixturevalue(user)
    if user.endswith("without_role"):
        person.groups.clear()
    client.force_login(person)
    assert client.get(PAGE).status_code == 403
    assert client.get(CSV).status_code == 403


def test_the_csv_holds_the_pages_numbers_and_its_download_is_audited(client, recruiter, role):
    applications = journeys(
        role,
        [straight_to("hired", 3), [("applied", 0), ("rejected", 1)]],
        source="careers",
        utm_campaign="=HYPERLINK(1)",
    )
    passion_test_taken(applications[:1], pages_seen=[2], submitted=[True])
    client.force_login(recruiter)
    response = client.get(CSV, {"role": role.pk, "date_from": "2026-01-01"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="funnel-and-speed.csv"'
    table = rows(response)
    assert table[0] == ["Figure", "Row", "Measure", "Value"]
    cells = {(f, r, m): v for f, r, m, v in table[1:]}
    assert cells[("Applicants by source", "Careers page: =HYPERLINK(1)", "Applicants")] == "2"
    assert cells[("Pass-through rate per stage", "Applied → Passion Test", "Pass-through")] == "0.5"
    assert cells[("Time to hire", "All roles in scope", "Median")] == "18"
    assert cells[("Time in each stage", "Applied", "90th percentile")] == "2.8"  # 1 and 3 days
    assert cells[("Offer acceptance", "Accepted: hired", "Share of answered offers")] == "1"
    assert cells[("Passion Test completion and drop-off per page", "Page 2", "Applications")] == "1"
    entry = AuditEntry.objects.get(action="analytics.funnel_csv")
    assert entry.actor == recruiter
    assert entry.after == {
        "from": "2026-01-01",
        "to": None,
        "role": role.pk,
        "own_roles_only": False,
    }


def test_a_spreadsheet_formula_in_a_campaign_name_is_defused_in_the_csv(client, recruiter, role):
    journeys(role, [[("applied", 0)]], source="careers", utm_campaign="x")
    journeys(role, [[("applied", 0)]], source="referral")
    client.force_login(recruiter)
    # Row names start with the source's label, so a campaign can never lead a cell; the
    # writer defuses any cell that would (passionhire.exports.csv_safe) all the same.
    for row in rows(client.get(CSV))[1:]:
        assert not row[1].startswith(("=", "+", "-", "@"))


def _many(role, size: int) -> None:
    paths = [straight_to("hired"), [("applied", 0), ("rejected", 2)], straight_to("offer")]
    made = journeys(role, [paths[n % 3] for n in range(size)], source="careers", utm_campaign="c")
    passion_test_taken(
        made,
        pages_seen=[n % 4 or None for n in range(size)],
        submitted=[n % 2 == 0 for n in range(size)],
    )


@pytest.mark.parametrize("size", [10, 300])
def test_the_page_runs_the_same_queries_whatever_the_data(
    client, recruiter, role, size, django_assert_num_queries
):
    _many(role, size)
    _many(RoleFactory(title="Data Analyst"), size // 2)
    client.force_login(recruiter)
    client.get(PAGE)  # the session and the user, read once
    with django_assert_num_queries(QUERIES):
        assert client.get(PAGE, {"date_from": "2026-01-01"}).status_code == 200


@pytest.mark.parametrize("size", [10, 300])
def test_a_hiring_managers_page_and_csv_run_the_same_queries_whatever_the_data(
    client, hiring_manager, role, size, django_assert_num_queries
):
    _many(role, size)
    client.force_login(hiring_manager)
    client.get(PAGE)
    with django_assert_num_queries(QUERIES + 1):  # + the chosen role, checked to be theirs
        assert client.get(PAGE, {"role": role.pk}).status_code == 200
    # + the role; the audit row instead of the roles list
    with django_assert_num_queries(QUERIES + 1):
        assert client.get(CSV, {"role": role.pk}).status_code == 200


# Session, user, roles; the aggregates' transaction (savepoint and release in a test, and on
# PostgreSQL its settings); 5 aggregates; the roles for the filter's list.
QUERIES = 11 + (connection.vendor == "postgresql")


@pytest.mark.postgresql  # PostgreSQL's planner settings: not in the SQLite pass
def test_the_page_leaves_the_join_method_to_the_planner(client, recruiter, role):
    """The fairness report turns nested loops off; the funnel reads one role's stage changes
    and page visits through their indexes, which hash joins cannot (bench/scale.py: 4.7 s
    instead of 0.4 s for a role of 10,000 among a million applications)."""
    _many(role, 10)
    client.force_login(recruiter)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(PAGE, {"role": role.pk}).status_code == 200
    settings = [q["sql"] for q in captured.captured_queries if "SET LOCAL" in q["sql"]]
    assert settings
    assert not any("enable_nestloop" in sql for sql in settings)
