"""The validity loop's check-ins: opened CHECKIN_AFTER_DAYS after a hire for the role's hiring
manager with the hire's scores kept beside them, answered once through a signed link that only
that manager may open, and withdrawn when the hire's data is erased (an answered one keeps its
numbers)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application, Evidence, StageChange
from hiring.services import privacy
from hiring.validity import services
from hiring.validity.models import COMBINED, OVERALL, CheckIn, CheckInScore
from passionhire.models import AuditEntry, Notification, OutboxMessage
from passionhire.traits import Trait
from tests.factories import ApplicationFactory

RATINGS = {f"rating_{t.value}": "4" for t in Trait}
GOOD = {"still_employed": "yes", "performance": "4", **RATINGS}


def hire(role, days_ago: float, **kwargs) -> Application:
    """An application hired `days_ago` days ago, with its stage history saying so."""
    application = ApplicationFactory(role=role, stage="hired", reached=6, **kwargs)
    at = timezone.now() - timedelta(days=days_ago)
    StageChange.objects.create(
        application=application,
        from_stage="offer",
        to_stage="hired",
        entered_at=at - timedelta(days=5),
        changed_at=at,
    )
    return application


@pytest.fixture
def checkin(role):
    application = hire(role, 91)
    services.checkins_open_due()
    return CheckIn.objects.get(application=application)


def url(item: CheckIn) -> str:
    return reverse("hiring:checkin", kwargs={"token": services.checkin_token(item)})


def test_a_hire_of_90_days_ago_gets_a_checkin_with_the_scores_it_was_hired_on(role):
    due = hire(role, 90.5)
    for trait, value in ((Trait.EMPATHY, 80.0), (Trait.COURAGE, 60.0)):
        Evidence.objects.create(
            application=due, trait=trait, source="interview", value=value, origin=f"i:{trait}"
        )
    Evidence.objects.create(
        application=due, trait=Trait.EMPATHY, source="interview", value=40.0, origin="i:2"
    )
    Application.objects.filter(pk=due.pk).update(score_empathy=61.5, rank_score=55.0)
    hire(role, 89)  # not yet
    hire(role, 90 + 31)  # hired before the feature could ask in time: never asked
    ApplicationFactory(role=role, stage="offer")  # no hire

    assert services.checkins_open_due() == 1
    item = CheckIn.objects.get()
    assert item.application_id == due.pk
    assert item.manager == role.hiring_manager
    assert item.completed_at is None
    scores = {(s.source, s.trait): s.value for s in CheckInScore.objects.filter(checkin=item)}
    assert scores == {
        ("interview", "empathy"): 60.0,  # (80 + 40) / 2
        ("interview", "courage"): 60.0,
        ("interview", OVERALL): 60.0,
        (COMBINED, "empathy"): 61.5,
        (COMBINED, OVERALL): 55.0,
    }
    assert OutboxMessage.objects.filter(
        task=services.SEND_TASK, args=[item.pk], published_at__isnull=True
    ).exists()
    # The beat runs every day: nothing is asked twice.
    assert services.checkins_open_due() == 0
    assert CheckIn.objects.count() == 1


def test_an_erased_hire_is_never_asked_about(role, recruiter):
    application = hire(role, 91)
    privacy.candidate_erase(candidate=application.candidate, erased_by=recruiter)
    assert services.checkins_open_due() == 0


def test_the_hiring_manager_gets_the_link_by_email_and_in_their_notifications(checkin, settings):
    assert services.checkin_request_send(checkin_id=checkin.pk) is True
    [email] = mail.outbox
    assert email.to == [checkin.manager.email]
    assert settings.PASSIONHIRE["SITE_URL"] + url(checkin) in email.body
    # The email and the bell name the hire by alias, never by name.
    assert checkin.application.candidate.name not in email.body + email.subject
    note = Notification.objects.get(recipient=checkin.manager, kind="checkin")
    assert checkin.application.alias in note.text
    assert note.url == url(checkin)
    # A retry sends nothing twice.
    assert services.checkin_request_send(checkin_id=checkin.pk) is False
    assert len(mail.outbox) == 1


def test_the_hiring_manager_records_the_checkin_once(client, checkin):
    client.force_login(checkin.manager)
    page = client.get(url(checkin))
    assert page.status_code == 200
    assert checkin.application.candidate.name in page.content.decode()

    response = client.post(url(checkin), GOOD | {"rating_courage": "2", "still_employed": "no"})
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.completed_at is not None
    assert (checkin.performance, checkin.rating_courage, checkin.still_employed) == (4, 2, False)
    event = AuditEntry.objects.get(action="checkin.record")
    assert event.actor == checkin.manager
    assert event.after["rating_courage"] == 2
    # What was said about them is in the person's own data download.
    [exported] = privacy.candidate_export(candidate=checkin.application.candidate)["applications"]
    assert exported["check_in_after_hire"]["overall_performance"] == 4
    assert exported["check_in_after_hire"]["ratings"]["courage"] == 2

    # The link, reused: already answered, and the answers stay as they were.
    again = client.post(url(checkin), GOOD)
    assert again.status_code == 410
    assert "already recorded" in again.content.decode()
    checkin.refresh_from_db()
    assert checkin.rating_courage == 2


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"performance": ""}, "Rate their overall performance"),
        ({"rating_empathy": "6"}, "Choose a rating from 1 to 5."),
        ({"rating_empathy": "٤"}, "Choose a rating from 1 to 5."),
        ({"rating_courage": "x" * 5000}, "Choose a rating from 1 to 5."),
        ({"still_employed": "maybe"}, "Choose yes or no."),
        ({"still_employed": ""}, "Say whether they still work with us."),
    ],
)
def test_a_bad_answer_is_shown_on_the_page_and_saves_nothing(client, checkin, change, error):
    client.force_login(checkin.manager)
    response = client.post(url(checkin), GOOD | change)
    assert response.status_code == 422
    assert error in response.content.decode()
    checkin.refresh_from_db()
    assert checkin.completed_at is None
    assert checkin.performance is None


def test_only_the_hiring_manager_asked_may_open_it(
    client, checkin, recruiter, other_hiring_manager
):
    for someone in (recruiter, other_hiring_manager):
        client.force_login(someone)
        assert client.get(url(checkin)).status_code == 403
        assert client.post(url(checkin), GOOD).status_code == 403
    checkin.refresh_from_db()
    assert checkin.completed_at is None
    client.logout()
    assert client.get(url(checkin))["Location"].startswith(reverse("login"))


def test_a_tampered_or_expired_link_does_not_work(client, checkin):
    client.force_login(checkin.manager)
    token = services.checkin_token(checkin)
    for bad in (token[:-2] + "xx", "nothing", "9" * 400):
        response = client.get(reverse("hiring:checkin", kwargs={"token": bad}))
        assert response.status_code == 404
    CheckIn.objects.filter(pk=checkin.pk).update(expires_at=timezone.now())
    expired = client.post(url(checkin), GOOD)
    assert expired.status_code == 410
    assert "ran out" in expired.content.decode()
    checkin.refresh_from_db()
    assert checkin.completed_at is None


def test_erasing_the_hire_withdraws_an_open_checkin_and_keeps_an_answered_ones_numbers(
    client, role, recruiter
):
    waiting, answered = hire(role, 91), hire(role, 92)
    for application in (waiting, answered):
        Evidence.objects.create(
            application=application, trait="empathy", source="interview", value=70.0, origin="i"
        )
    services.checkins_open_due()
    done = CheckIn.objects.get(application=answered)
    services.checkin_record(
        checkin=done,
        by=role.hiring_manager,
        answers={"still_employed": True, "performance": 5, **{k: 3 for k in RATINGS}},
    )
    open_one = CheckIn.objects.get(application=waiting)
    link = url(open_one)
    for application in (waiting, answered):
        privacy.candidate_erase(candidate=application.candidate, erased_by=recruiter)

    client.force_login(role.hiring_manager)
    response = client.get(link)
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert services.checkin_request_send(checkin_id=open_one.pk) is False
    done.refresh_from_db()
    assert (done.performance, done.rating_empathy) == (5, 3)
    assert CheckInScore.objects.filter(checkin=done, source="interview").count() == 2
