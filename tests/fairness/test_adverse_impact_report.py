"""The adverse-impact report, as Compliance reads it: selection per self-identified group at
every step, flagged only when a group falls below four fifths of the best rate and the gap is
unlikely to be chance; small groups never shown (page and CSV alike); bad filters answered
plainly. Nobody without Compliance opens it."""

import csv
import io

import pytest
from django.db import connection
from django.urls import reverse

from candidates.models import FUNNEL, Application
from hiring.fairness.models import DECLINED, SelfIdAnswer, SelfIdQuestion
from hiring.services import privacy
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory, CandidateFactory, RoleFactory
from tests.pages import without_tokens

REPORT = reverse("hiring:fairness_report")
CSV = reverse("hiring:fairness_report_csv")


def people(role, group, *, moved_on: int, rejected: int, at="applied", question="gender"):
    """`moved_on` applications that got past stage `at` and `rejected` turned down at it,
    each from a candidate who answered `question` with `group`."""
    index = FUNNEL.index(at)
    made = []
    for n in range(moved_on + rejected):
        forward = n < moved_on
        application = ApplicationFactory(
            role=role,
            candidate=CandidateFactory(),
            stage=FUNNEL[index + 1] if forward else "rejected",
            reached=index + 1 if forward else index,
        )
        if group is not None:
            SelfIdAnswer.objects.create(
                candidate=application.candidate,
                question=SelfIdQuestion.objects.get(key=question),
                answer=group,
            )
        made.append(application)
    return made


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


@pytest.fixture
def planted(role):
    """A first step that takes 75 % of men and 25 % of women: a planted disparity."""
    people(role, "Man", moved_on=30, rejected=10)
    people(role, "Woman", moved_on=10, rejected=30)
    people(role, "Non-binary", moved_on=2, rejected=1)  # three people: never shown


def test_a_planted_disparity_is_flagged_at_its_step_and_only_there(client, compliance, planted):
    client.force_login(compliance)
    response = client.get(REPORT)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Applied → Passion Test (Woman)." in " ".join(page.split())
    report = response.context["report"]
    gender = next(q for q in report if q.key == "gender")
    first = gender.steps[0]
    woman = next(row for row in first.rows if row.group == "Woman")
    assert (woman.selected, woman.decided) == (10, 40)
    assert woman.impact_ratio == pytest.approx((10 / 40) / (30 / 40))
    assert woman.flagged
    assert woman.p_holm < 0.05
    assert [r.step.label for r in gender.flagged_steps] == ["Applied → Passion Test"]


def test_a_group_of_three_is_never_shown_in_the_page_or_the_csv(client, compliance, planted, role):
    # A later step that men reached and none of the three did: their 0 is not shown either.
    people(role, "Man", moved_on=5, rejected=5, at="passion_test")
    client.force_login(compliance)
    report = client.get(REPORT).context["report"]
    gender = next(q for q in report if q.key == "gender")
    assert gender.answered["Non-binary"] is None
    assert "Passion Test → Interviews" in [result.step.label for result in gender.steps]
    for result in gender.steps:
        row = next(row for row in result.rows if row.group == "Non-binary")
        assert (row.selected, row.decided, row.rate) == (None, None, None)
    for line in rows(client.get(CSV)):
        if "Non-binary" in line:
            assert "fewer than 5" in line
            assert not {"0", "1", "2", "3"} & set(line), line


def test_a_small_group_hides_only_itself_and_never_a_large_groups_disparity(
    client, compliance, planted
):
    client.force_login(compliance)
    gender = next(q for q in client.get(REPORT).context["report"] if q.key == "gender")
    first = {row.group: row for row in gender.steps[0].rows}
    assert first["Non-binary"].decided is None
    assert (first["Woman"].decided, first["Man"].decided) == (40, 40)
    # No total is shown anywhere that the hidden three could be subtracted from.
    assert "43" not in without_tokens(client.get(REPORT))


def test_people_who_declined_are_counted_apart_and_in_no_group(client, compliance, role):
    people(role, "Man", moved_on=20, rejected=20)
    people(role, DECLINED, moved_on=10, rejected=10)
    client.force_login(compliance)
    gender = next(q for q in client.get(REPORT).context["report"] if q.key == "gender")
    assert gender.answered == {"Man": 40, "Prefer not to say": 20}
    assert {row.group for row in gender.steps[0].rows} == {"Man"}


def test_small_numbers_say_not_enough_data_and_are_never_flagged(client, compliance, role):
    people(role, "Man", moved_on=9, rejected=1)
    people(role, "Woman", moved_on=1, rejected=9)
    client.force_login(compliance)
    gender = next(q for q in client.get(REPORT).context["report"] if q.key == "gender")
    woman = next(row for row in gender.steps[0].rows if row.group == "Woman")
    assert not woman.flagged
    assert woman.finding.startswith("Not enough data")


@pytest.mark.parametrize("user", ["recruiter", "hiring_manager", "employee"])
@pytest.mark.parametrize("url", [REPORT, CSV, reverse("hiring:self_id_questions")])
def test_nobody_without_compliance_opens_anything_with_self_identification(
    client, request, planted, user, url
):
    client.force_login(request.getfixturevalue(user))
    response = client.get(url)
    assert response.status_code == 403
    assert "Woman" not in response.content.decode()


def test_a_reversed_range_is_a_clear_error_and_an_empty_one_shows_nothing(
    client, compliance, planted
):
    client.force_login(compliance)
    reversed_range = {"date_from": "2026-06-01", "date_to": "2026-01-01"}
    response = client.get(REPORT, reversed_range)
    assert response.status_code == 400
    assert "The range ends before it starts" in response.content.decode()
    assert client.get(CSV, reversed_range).status_code == 400
    empty = client.get(REPORT, {"date_from": "2001-01-01", "date_to": "2001-01-31"})
    assert empty.status_code == 200
    assert "No applications in this range" in empty.content.decode()
    for garbage in ({"date_from": "yesterday"}, {"role": "999999"}, {"role": "١"}):
        assert client.get(REPORT, garbage).status_code == 400


def test_a_role_with_no_hires_reports_without_error(client, compliance, planted):
    quiet = RoleFactory(title="Night shift")
    people(quiet, "Man", moved_on=0, rejected=6)
    client.force_login(compliance)
    response = client.get(REPORT, {"role": quiet.pk})
    assert response.status_code == 200
    gender = next(q for q in response.context["report"] if q.key == "gender")
    overall = next(r for r in gender.steps if r.step.key == "overall")
    assert [(row.group, row.selected, row.decided) for row in overall.rows] == [("Man", 0, 6)]


def test_an_erased_candidate_leaves_the_groups_and_keeps_the_pipeline_numbers(
    client, compliance, recruiter, role
):
    men = people(role, "Man", moved_on=5, rejected=5)
    privacy.candidate_erase(candidate=men[0].candidate, erased_by=recruiter)
    client.force_login(compliance)
    gender = next(q for q in client.get(REPORT).context["report"] if q.key == "gender")
    assert gender.answered == {"Man": 9}
    assert Application.objects.filter(role=role).count() == 10


def test_every_opening_is_in_the_audit_log_with_its_slice(client, compliance, planted, role):
    client.force_login(compliance)
    client.get(REPORT, {"role": role.pk, "date_from": "2026-01-01"})
    client.get(CSV)
    opened = AuditEntry.objects.filter(action="fairness.report", actor=compliance).order_by("pk")
    assert [(e.after["format"], e.after["role"], e.after["from"]) for e in opened] == [
        ("page", role.pk, "2026-01-01"),
        ("csv", None, None),
    ]


@pytest.mark.parametrize("size", [10, 200])
def test_the_report_runs_the_same_queries_whatever_the_data(
    client, compliance, role, size, django_assert_num_queries
):
    people(role, "Man", moved_on=size // 2, rejected=size // 4)
    people(role, "Woman", moved_on=size // 4, rejected=size // 4)
    client.force_login(compliance)
    client.get(REPORT)  # the session and the user, read once
    with django_assert_num_queries(QUERIES):
        assert client.get(REPORT).status_code == 200


# Session, user, roles; the aggregates' transaction (savepoint and release in a test, and on
# PostgreSQL its settings); 6 aggregates, 2 reads of questions; the audit row.
QUERIES = 14 + (connection.vendor == "postgresql")


def test_a_score_difference_is_notable_only_if_it_stands_out_among_all_the_comparisons():
    from hiring.fairness.reports import _mark_notable
    from hiring.fairness.stats import SMD

    def row(g):
        return {"smd": SMD(g, 0.1, g - 0.196, g + 0.196, 100, 100)}

    alone = _mark_notable([row(0.25)])  # p = 0.012 on its own
    assert alone[0]["notable"]
    crowd = _mark_notable([row(0.25), row(0.6), *[row(0.0) for _ in range(40)]])
    assert [r["notable"] for r in crowd[:2]] == [False, True]  # 0.012 x 42 is chance
    assert not any(r["notable"] for r in _mark_notable([row(0.15), {"smd": None}]))
