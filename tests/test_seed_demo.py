"""The demo data a new user logs in to."""

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory

from candidates.models import (
    Application,
    Candidate,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Referral,
    Role,
    Stage,
)
from hiring.demo import DEMO_LOGINS
from passionhire.permissions import primary_role

pytestmark = pytest.mark.django_db


def signing_in():
    """The login request django-axes needs to count (and lock) attempts."""
    return RequestFactory().post("/accounts/login/")


def test_seed_demo_creates_logins_roles_and_a_spread_pipeline(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for login in DEMO_LOGINS:
        assert f"username {login.username}" in out
        assert login.password in out
        user = authenticate(signing_in(), username=login.username, password=login.password)
        assert primary_role(user) == login.role
    assert Role.objects.count() == 3
    assert Candidate.objects.count() == 63  # 60, and 3 who applied on the careers page
    assert Application.objects.count() == 63
    # The careers page's three: a campaign, a share link, one ruled out by a knock-out answer.
    careers = Application.objects.exclude(source__in=["recruiter", "referral"])
    assert sorted(careers.values_list("source", flat=True)) == [
        "careers",
        "careers",
        "referral_link",
    ]
    assert careers.filter(utm_source="jobboard").count() == 1
    assert careers.filter(knocked_out_at__isnull=False).count() == 1
    assert Role.objects.filter(knockout_questions__isnull=False).distinct().count() == 3
    stages = set(Application.objects.values_list("stage", flat=True))
    assert stages == set(Stage.values)
    assert mail.outbox == []  # demo candidates are not emailed
    # A Passion Test story: links out, tests half done, scored ones (some flagged) with evidence.
    responses = PassionTestResponse.objects.all()
    assert PassionTestInvitation.objects.count() > responses.count() > 20
    assert responses.filter(submitted_at__isnull=True).exists()
    scored = responses.filter(scored_at__isnull=False)
    assert (
        scored.count()
        == Application.objects.exclude(stage__in=[Stage.APPLIED, Stage.PASSION_TEST]).count()
    )
    assert scored.exclude(flags=[]).exists()
    assert scored.filter(flags=[]).count() > scored.exclude(flags=[]).count()
    assert Evidence.objects.filter(source="passion_test").count() == 6 * scored.count()
    # Referrals for "My referrals", the inbox and the leaderboard.
    assert Referral.objects.filter(status="pending").count() == 2
    assert Referral.objects.filter(status="accepted", application__isnull=False).count() == 3
    # Every scored test gives a composite: one of reliability 0 says nothing, so its traits
    # sit at the middle of the scale, believed with confidence 0.
    assert Application.objects.filter(composite_score__isnull=False).count() == scored.count()
    assert not Application.objects.filter(composite_score__isnull=False, confidence=None).exists()


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    invitations = PassionTestInvitation.objects.count()
    call_command("seed_demo")
    assert PassionTestInvitation.objects.count() == invitations
    assert Referral.objects.count() == 6
    assert Role.objects.count() == 3
    assert Candidate.objects.count() == 63
    assert Application.objects.count() == 63


def test_seed_demo_gives_the_demo_employee_interviews_and_the_report_a_lenient_rater(
    django_capture_on_commit_callbacks,
):
    from interviews.models import Observation, Scorecard
    from interviews.selectors import interviewer_stats, interviews_of

    with django_capture_on_commit_callbacks(execute=True):  # scoring runs after commit
        call_command("seed_demo")
    assert mail.outbox == []
    employee = authenticate(signing_in(), username="employee", password="refer-with-passion")
    mine = list(interviews_of(employee))
    assert {i.status for i in mine} == {"scheduled", "offered"}
    assert any(i.has_taken_place and not i.recorded for i in mine)  # one to record now
    assert Scorecard.objects.count() > 20
    assert Observation.objects.exists()
    assert Evidence.objects.filter(source="interview", raw_value__isnull=False).exists()
    lee = next(row for row in interviewer_stats() if row["name"] == "Lee Lead")
    assert lee["gap"] > 1  # rates everyone higher than the others do
    scorecards = Scorecard.objects.count()
    call_command("seed_demo")  # again: nothing doubles
    assert Scorecard.objects.count() == scorecards


def test_the_demo_reads_like_weeks_of_hiring_and_the_demo_employee_can_refer():
    from datetime import timedelta

    from django.utils import timezone

    from candidates.referrals.services import referral_submit
    from hiring.demo import DEMO_LOGINS
    from passionhire.models import User
    from passionhire.permissions import EMPLOYEE

    call_command("seed_demo")
    now = timezone.now()
    recruited = Application.objects.filter(source__in=["recruiter", "referral"])
    oldest = min(recruited.values_list("created_at", flat=True))
    assert now - oldest > timedelta(days=30)  # spread over weeks, not all today
    for application in recruited:
        assert application.created_at <= application.stage_changed_at <= now
    hired = recruited.filter(stage="hired").values_list("created_at", flat=True)
    applied = recruited.filter(stage="applied").values_list("created_at", flat=True)
    assert max(hired) < min(applied)  # the hires began long before today's new applicants
    # Careers-page applicants stay today's news.
    assert Application.objects.filter(source="careers", created_at__gte=now - timedelta(hours=1))
    # The demo employee's old referrals no longer use up today's limit.
    login = next(login for login in DEMO_LOGINS if login.role == EMPLOYEE)
    emma = User.objects.get(username=login.username)
    role = Role.objects.first()
    for n in range(3):
        referral_submit(
            referrer=emma,
            role=role,
            name=f"Friend {n}",
            email=f"friend{n}@example.com",
            relationship="worked_together",
            known_for="1_3",
            consent_confirmed=True,
            examples={"empathy": "She stayed on the phone until the customer felt heard, twice."},
        )
    call_command("seed_demo")  # again: nothing moves twice
    assert min(recruited.values_list("created_at", flat=True)) == oldest
