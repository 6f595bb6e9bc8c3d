"""Notifications: made by the event's service, shown by the bell, opened only while their
object is still visible, digested by email on request; the to-do lists on the dashboards."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Application, Candidate, Referral, Role, Stage
from hiring.notes.services import note_add
from interviews import services as interview_services
from interviews.models import Interview, Participant
from passionhire.models import Notification, User
from passionhire.notifications import (
    notification_digests_enqueue,
    notifications_mark_read,
    notify,
)
from tests.factories import (
    ApplicationFactory,
    EmployeeFactory,
    RecruiterFactory,
    RoleFactory,
    held_interview,
)


def kinds(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_a_booked_and_a_moved_slot_tell_the_interviewers_and_the_scheduler(
    role, recruiter, employee
):
    application = ApplicationFactory(role=role)
    interview = held_interview(
        application=application, interviewers=[employee], created_by=recruiter, started=False
    )
    assert kinds(employee) == ["slot_booked"]
    assert kinds(recruiter) == ["slot_booked"]
    later = interview.starts_at + timedelta(days=1)
    interview_services.interview_reschedule(interview=interview, starts_at=later, by=recruiter)
    assert kinds(employee) == ["slot_booked", "slot_moved"]
    assert kinds(recruiter) == ["slot_booked"]  # they moved it themselves
    text = Notification.objects.get(recipient=employee, kind="slot_moved").text
    assert application.candidate.name not in text
    assert application.alias in text


def test_a_first_scorecard_tells_the_scheduler_and_the_hiring_manager_unless_anchored(
    role, recruiter, hiring_manager, employee
):
    application = ApplicationFactory(role=role)
    interview = held_interview(
        application=application, interviewers=[employee], created_by=recruiter
    )
    # The hiring manager sits on another interview of this candidate, not yet recorded.
    held_interview(application=application, interviewers=[hiring_manager], created_by=recruiter)
    ratings = {t: (4, "Calmed an angry customer") for t in interview.traits}
    interview_services.scorecard_submit(
        interview=interview, interviewer=employee, ratings=ratings, recommendation="yes"
    )
    assert "scorecard" in kinds(recruiter)
    assert "scorecard" not in kinds(hiring_manager)  # it would anchor them
    before = Notification.objects.count()
    interview_services.scorecard_submit(  # an edit tells nobody again
        interview=interview, interviewer=employee, ratings=ratings, recommendation="no"
    )
    assert Notification.objects.count() == before


def test_a_referral_tells_every_recruiter_and_a_duplicate_nobody(role, recruiter, employee):
    other = RecruiterFactory(username="rob")

    def refer():
        return services.referral_submit(
            referrer=employee,
            role=role,
            name="Grace Friend",
            email="grace@example.com",
            relationship="worked_together",
            known_for="1_3",
            consent_confirmed=True,
            examples={"empathy": "She stayed on the phone until the customer felt heard."},
        )

    refer()
    assert kinds(recruiter) == kinds(other) == ["referral"]
    assert refer().status == Referral.Status.DUPLICATE
    assert Notification.objects.filter(kind="referral").count() == 2
    assert "Grace" not in Notification.objects.filter(kind="referral").first().text


def test_reaching_the_decision_stage_tells_the_roles_hiring_manager(
    role, recruiter, hiring_manager
):
    application = ApplicationFactory(role=role, stage=Stage.TEAM_MEET)
    services.decision_record(
        application_id=application.pk,
        kind="advance",
        reason="Great team meet",
        decided_by=recruiter,
        seen_stage=Stage.TEAM_MEET,
    )
    notification = Notification.objects.get(recipient=hiring_manager)
    assert notification.kind == "decision"
    assert notification.url == reverse("hiring:application_profile", args=[application.pk])


def test_notify_is_idempotent_and_keeps_the_count_on_the_users_row(recruiter, hiring_manager):
    for _ in range(2):
        notify(recipients=[hiring_manager], kind="mention", key="k1", text="t", url="/")
    hiring_manager.refresh_from_db()
    assert hiring_manager.unread_notifications == 1
    assert notifications_mark_read(user=hiring_manager) == 1
    hiring_manager.refresh_from_db()
    assert hiring_manager.unread_notifications == 0


def test_the_bell_shows_the_count_and_opening_marks_read_and_goes_there(
    client, role, recruiter, hiring_manager
):
    application = ApplicationFactory(role=role)
    note_add(application=application, author=recruiter, text="@hugo please look")
    client.force_login(hiring_manager)
    dashboard = client.get(reverse("hiring:dashboard")).content.decode()
    assert 'id="notification-count">1<' in dashboard
    assert "1 unread" in dashboard
    page = client.get(reverse("hiring:notifications")).content.decode()
    notification = Notification.objects.get(recipient=hiring_manager)
    assert reverse("hiring:notification_open", args=[notification.pk]) in page
    opened = client.get(reverse("hiring:notification_open", args=[notification.pk]))
    assert opened.status_code == 302
    assert opened.url == reverse("hiring:application_detail", args=[application.pk]) + "#notes"
    hiring_manager.refresh_from_db()
    assert hiring_manager.unread_notifications == 0
    assert "notification-count" not in client.get(reverse("hiring:dashboard")).content.decode()


def test_a_notification_whose_object_is_no_longer_visible_or_gone_is_refused_not_an_error(
    client, role, recruiter, hiring_manager, other_hiring_manager
):
    application = ApplicationFactory(role=role)
    note_add(application=application, author=recruiter, text="@hugo please look")
    notification = Notification.objects.get(recipient=hiring_manager)
    url = reverse("hiring:notification_open", args=[notification.pk])
    # The role is handed to another hiring manager: Hugo may no longer see the candidate.
    Role.objects.filter(pk=role.pk).update(hiring_manager=other_hiring_manager)
    client.force_login(hiring_manager)
    refused = client.get(url)
    assert refused.status_code == 403
    assert application.candidate.name not in refused.content.decode()
    # The application is deleted: gone.
    Role.objects.filter(pk=role.pk).update(hiring_manager=hiring_manager)
    Application.objects.filter(pk=application.pk).delete()
    assert client.get(url).status_code == 404
    # Someone else's notification does not exist for you.
    client.force_login(other_hiring_manager)
    assert client.get(url).status_code == 404


def test_an_interview_notification_opened_by_someone_taken_off_the_interview_is_refused(
    client, role, recruiter, employee
):
    application = ApplicationFactory(role=role)
    interview = held_interview(
        application=application, interviewers=[employee], created_by=recruiter, started=False
    )
    notification = Notification.objects.get(recipient=employee, kind="slot_booked")
    Participant.objects.filter(interview=interview, interviewer=employee).delete()
    client.force_login(employee)
    assert client.get(reverse("hiring:notification_open", args=[notification.pk])).status_code == (
        403
    )
    Interview.objects.filter(pk=interview.pk).delete()
    assert client.get(reverse("hiring:notification_open", args=[notification.pk])).status_code == (
        404
    )


def test_the_daily_digest_goes_through_the_outbox_once_and_only_to_those_who_asked(
    client, role, recruiter, hiring_manager, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(role=role)
    note_add(application=application, author=recruiter, text="@hugo please look")
    with django_capture_on_commit_callbacks(execute=True):
        assert notification_digests_enqueue() == 0  # the digest is off by default
    client.force_login(hiring_manager)
    assert client.post(reverse("hiring:notification_digest"), {"digest": "on"}).status_code == 302
    assert User.objects.get(pk=hiring_manager.pk).notification_digest is True
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            notification_digests_enqueue()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [hiring_manager.email]
    assert "mentioned you in a note" in email.body
    assert application.candidate.name not in email.body + email.subject


@pytest.mark.parametrize("rows", [10, 10_000])
def test_the_notifications_page_runs_the_same_queries_at_any_size(
    client, recruiter, hiring_manager, django_assert_num_queries, rows
):
    Notification.objects.bulk_create(
        Notification(
            recipient=hiring_manager,
            kind="mention",
            key=f"bulk-{i}",
            text=f"Note {i}",
            url="/",
            created_at=timezone.now(),
        )
        for i in range(rows)
    )
    client.force_login(hiring_manager)
    # session, user, groups (role check), count, page
    with django_assert_num_queries(5):
        assert client.get(reverse("hiring:notifications")).status_code == 200


def _lots(role, recruiter, interviewer, rows: int) -> None:
    """`rows` applications at the decision stage, held interviews not recorded, referrals."""
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Person {i}", email=f"p{i}@volume.example") for i in range(rows)
    )
    applications = Application.objects.bulk_create(
        Application(role=role, candidate=c, stage=Stage.DECISION, stage_changed_at=timezone.now())
        for c in candidates
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            application=a,
            status=Interview.Status.SCHEDULED,
            starts_at=timezone.now() - timedelta(hours=2),
            nonce="n",
            link_expires_at=timezone.now(),
            created_by=recruiter,
        )
        for a in applications
    )
    Participant.objects.bulk_create(
        Participant(interview=i, interviewer=interviewer) for i in interviews
    )
    Referral.objects.bulk_create(
        Referral(
            referrer=interviewer,
            role=role,
            name=f"Friend {i}",
            email=f"friend{i}@example.com",
            relationship="worked_together",
            known_for="1_3",
            consent_confirmed=True,
        )
        for i in range(rows)
    )
    if connection.vendor == "postgresql":
        # Production's tables are analysed by autovacuum; rows bulk-loaded inside the test's
        # transaction have no statistics yet, and without them PostgreSQL planned the
        # "scorecards to record" count over 10,000 rows as nested seq scans (minutes).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


@pytest.mark.parametrize("rows", [10, 10_000])
@pytest.mark.parametrize(
    ("who", "queries"), [("recruiter", 9), ("hiring_manager", 8), ("employee", 7)]
)
def test_the_dashboards_to_do_lists_run_the_same_queries_at_any_size(
    client, role, recruiter, hiring_manager, employee, django_assert_num_queries, rows, who, queries
):
    person = {"recruiter": recruiter, "hiring_manager": hiring_manager, "employee": employee}[who]
    _lots(role, recruiter, person, rows)
    client.force_login(person)
    with django_assert_num_queries(queries):
        page = client.get(reverse("hiring:dashboard"))
    body = page.content.decode()
    assert "Scorecards to record" in body
    assert reverse("interviews:scorecard", args=[Interview.objects.first().pk]) in body or (
        rows > 5
    )
    if who == "hiring_manager":
        assert "Decisions to make" in body
    if who == "recruiter":
        assert "Referrals waiting" in body
        assert reverse("candidates:referral_inbox") in body


def test_an_employees_to_do_list_names_no_candidate(client, role, recruiter):
    ivan = EmployeeFactory(username="ivan")
    application = ApplicationFactory(role=role)
    held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    client.force_login(ivan)
    body = client.get(reverse("hiring:dashboard")).content.decode()
    assert application.alias in body
    assert application.candidate.name not in body


def test_another_roles_decisions_are_not_on_a_hiring_managers_list(client, other_hiring_manager):
    role = RoleFactory(hiring_manager=other_hiring_manager)
    ApplicationFactory(role=role, stage=Stage.DECISION)
    client.force_login(other_hiring_manager)
    assert "Candidate #" in client.get(reverse("hiring:dashboard")).content.decode()
    assert Role.objects.count() == 1
