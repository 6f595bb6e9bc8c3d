"""Scorecard nags: an hour after an interview ends, then daily on up to SCORECARD_NAG_DAYS
working days, one email per interviewer per day, never to someone who has recorded."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail

from candidates.models import Stage
from hiring.services import privacy
from interviews import services
from interviews.models import Booking, Interview
from interviews.services.notices import nag_due, working_days_between
from passionhire.models import Notification, SentEmail
from tests.factories import ApplicationFactory, EmployeeFactory, held_interview, weekday_afternoon

# A Wednesday.
WED = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def test_working_days_skip_the_weekend():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1  # Fri -> Mon
    assert working_days_between(date(2026, 3, 4), date(2026, 3, 4)) == 0


@pytest.mark.parametrize(
    ("after", "due"),
    [
        (timedelta(minutes=59), False),  # not an hour yet
        (timedelta(hours=1), True),
        (timedelta(days=1), True),  # Thursday
        (timedelta(days=2), True),  # Friday
        (timedelta(days=3), False),  # Saturday: no nag at the weekend
        (timedelta(days=5), True),  # Monday, the third working day
        (timedelta(days=6), False),  # Tuesday, the fourth: done
    ],
)
def test_when_a_nag_is_due(after, due):
    assert nag_due(WED, WED + after, 3) is due


@pytest.fixture
def ivan():
    return EmployeeFactory(username="ivan", first_name="Ivan", email="ivan@example.com")


# "Now" for the nags: a weekday afternoon, whatever the clock says when the suite runs.
NOW = weekday_afternoon()


def _held(role, recruiter, ivan, ended_ago: timedelta, duration=60):
    application = ApplicationFactory(role=role, stage=Stage.INTERVIEWS)
    start = NOW - ended_ago - timedelta(minutes=duration)
    return held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, started=start
    )


def test_an_interviewer_is_nagged_once_a_day_with_every_interview_left(
    role, recruiter, ivan, settings
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SCORECARD_NAG_DAYS": 3}
    first = _held(role, recruiter, ivan, ended_ago=timedelta(hours=2))
    second = _held(role, recruiter, ivan, ended_ago=timedelta(hours=3))
    _held(role, recruiter, ivan, ended_ago=timedelta(minutes=10))  # too soon
    mail.outbox.clear()
    assert services.scorecard_nags_send_due(now=NOW) == 1
    assert services.scorecard_nags_send_due(now=NOW) == 0  # once per interviewer per day
    (email,) = mail.outbox
    assert email.to == ["ivan@example.com"]
    assert "2 interviews to record" in email.subject
    assert f"/interviews/{first.pk}/scorecard/" in email.body
    assert f"/interviews/{second.pk}/scorecard/" in email.body
    assert first.application.candidate.name not in email.body  # an employee: alias only
    assert Notification.objects.filter(recipient=ivan, kind="nag").count() == 1


def test_no_nag_after_recording_for_an_erased_candidate_or_past_the_window(
    role, recruiter, ivan, settings
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "SCORECARD_NAG_DAYS": 3}
    recorded = _held(role, recruiter, ivan, ended_ago=timedelta(hours=2))
    services.scorecard_submit(
        interview=recorded,
        interviewer=ivan,
        ratings={t: (3, "Listened well") for t in recorded.traits},
        recommendation="yes",
    )
    erased = _held(role, recruiter, ivan, ended_ago=timedelta(hours=3))
    privacy.candidate_erase(candidate=erased.application.candidate, erased_by=recruiter)
    old = _held(role, recruiter, ivan, ended_ago=timedelta(days=12))
    cancelled = _held(role, recruiter, ivan, ended_ago=timedelta(hours=4))
    Interview.objects.filter(pk=cancelled.pk).update(status=Interview.Status.CANCELLED)
    Booking.objects.filter(interview=cancelled).delete()
    mail.outbox.clear()
    assert services.scorecard_nags_send_due(now=NOW) == 0
    assert mail.outbox == []
    assert not SentEmail.objects.filter(key__startswith="scorecard-nag").exists()
    assert old.pk  # kept for the reader: 12 days is past 3 working days


def test_the_daily_nag_uses_a_new_ledger_key_each_day(role, recruiter, ivan):
    interview = _held(role, recruiter, ivan, ended_ago=timedelta(hours=2))
    now = interview.ends_at + timedelta(hours=2)
    while now.weekday() >= 5:  # a working day, for the second run
        now += timedelta(days=1)
    assert services.scorecard_nags_send_due(now=now) == 1
    next_day = now + timedelta(days=1)
    while next_day.weekday() >= 5:
        next_day += timedelta(days=1)
    assert services.scorecard_nags_send_due(now=next_day) == 1
    assert SentEmail.objects.filter(key__startswith="scorecard-nag:user-").count() == 2
