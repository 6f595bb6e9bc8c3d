"""What a candidate does on their status page: withdraw (after a confirmation), update their
phone, download their data, ask to be erased (once; recruiters see it with its due date and
erasing the candidate resolves it). Every action is a POST and writes its audit row; a closed
application, a bad number, a second request and a GET each get a clear answer, never a 500."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import (
    Application,
    ApplicationEvent,
    ErasureRequest,
    PassionTestInvitation,
    Referral,
    Stage,
)
from hiring.services import privacy
from interviews import services as interview_services
from interviews.models import Interview
from passionhire.models import AuditEntry, OutboxMessage
from tests.factories import ApplicationFactory, RecruiterFactory, held_interview

ACTIONS = ("withdraw", "phone", "data", "erasure")


@pytest.fixture
def application(role):
    return ApplicationFactory(
        role=role,
        candidate__name="Ada Lovelace",
        candidate__email="ada@example.com",
        stage=Stage.INTERVIEWS,
    )


@pytest.fixture
def token(application):
    return services.status_token(application)


def url(name: str, token: str) -> str:
    return reverse(f"status:{name}", args=[token])


def offer(application, recruiter, *, in_days=3):
    return interview_services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[recruiter],
        slots=[timezone.now().replace(microsecond=0) + timedelta(days=in_days)],
        duration_minutes=45,
        location="",
        time_zone="UTC",
        created_by=recruiter,
    )


# --- Withdraw ----------------------------------------------------------------------------------


def test_withdrawing_asks_for_confirmation_first_and_changes_nothing(client, application, token):
    response = client.post(url("withdraw", token))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Withdraw your application?" in page
    assert 'name="confirm" value="yes"' in page
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWS


def test_withdrawing_closes_the_application_its_links_and_its_coming_interviews(
    client, application, token, recruiter, employee, django_capture_on_commit_callbacks
):
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    offered = offer(application, recruiter)
    held = held_interview(application=application, interviewers=[recruiter], created_by=recruiter)
    booked = held_interview(
        application=application, interviewers=[recruiter], created_by=recruiter, started=False
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("withdraw", token), {"confirm": "yes"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN
    assert application.stage_changed_at > timezone.now() - timedelta(minutes=1)
    assert PassionTestInvitation.objects.get(pk=invitation.pk).is_revoked
    statuses = dict(Interview.objects.values_list("pk", "status"))
    assert statuses[offered.pk] == statuses[booked.pk] == Interview.Status.CANCELLED
    assert statuses[held.pk] == Interview.Status.SCHEDULED  # what took place stays
    # The booked interview's calendar cancellation went to the interviewer and the candidate.
    cancelled = [m for m in mail.outbox if "interview.ics" in str(m.attachments)]
    assert {to for m in cancelled for to in m.to} >= {recruiter.email, "ada@example.com"}
    entry = AuditEntry.objects.get(action="application.withdraw")
    assert entry.actor is None
    assert entry.after["by"] == "candidate"
    assert entry.before == {"stage": Stage.INTERVIEWS}
    assert ApplicationEvent.objects.filter(
        application=application, kind="stage", message__contains="Withdrawn"
    ).exists()
    assert OutboxMessage.objects.filter(task="candidates.tasks.notify_referrers_task").exists()
    page = client.get(response.url).content.decode()
    assert "You withdrew your application" in page
    assert "Withdraw my application" not in page


def test_a_referrer_hears_that_the_candidate_withdrew(
    client, role, recruiter, employee, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_submit(
            referrer=employee,
            role=role,
            name="Grace Friend",
            email="grace@example.com",
            relationship="worked_together",
            known_for="1_3",
            consent_confirmed=True,
            examples={"empathy": "She stayed on the phone until the customer felt heard."},
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, accepted_by=recruiter)
    referral = Referral.objects.get(pk=referral.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("withdraw", services.status_token(referral.application)), {"confirm": "yes"}
        )
    to_referrer = [m for m in mail.outbox if m.to == [employee.email]]
    assert len(to_referrer) == 1
    assert "withdrew from the process" in to_referrer[0].body.lower()


@pytest.mark.parametrize("stage", [Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN])
def test_withdrawing_a_closed_application_is_refused_with_a_clear_409(
    client, application, token, stage
):
    Application.objects.filter(pk=application.pk).update(stage=stage)
    for data in ({}, {"confirm": "yes"}):
        response = client.post(url("withdraw", token), data)
        assert response.status_code == 409
        assert "already closed, so there is nothing to withdraw" in response.content.decode()
    application.refresh_from_db()
    assert application.stage == stage
    assert not AuditEntry.objects.filter(action="application.withdraw").exists()


# --- Phone -------------------------------------------------------------------------------------


def test_a_new_phone_number_is_saved_in_e164_without_it_in_the_audit(client, application, token):
    response = client.post(url("phone", token), {"phone": "+44 20 7946 0958"})
    assert response.status_code == 302
    application.candidate.refresh_from_db()
    assert application.candidate.phone == "+442079460958"
    entry = AuditEntry.objects.get(action="candidate.phone")
    assert "7946" not in json.dumps([entry.before, entry.after, entry.summary])
    assert "+44 20 7946 0958" in client.get(response.url).content.decode()


@pytest.mark.parametrize("phone", ["12", "not a number", "", "+44 20 7946 0958" * 5])
def test_an_invalid_phone_number_is_an_error_on_the_page_and_nothing_is_saved(
    client, application, token, phone
):
    response = client.post(url("phone", token), {"phone": phone})
    assert response.status_code == 422
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert "invalid-feedback" in page
    application.candidate.refresh_from_db()
    assert application.candidate.phone == ""
    assert not AuditEntry.objects.filter(action="candidate.phone").exists()


# --- Data --------------------------------------------------------------------------------------


def test_the_candidate_downloads_their_data_as_a_json_attachment(client, application, token):
    response = client.post(url("data", token))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["candidate"]["email"] == "ada@example.com"
    assert data["applications"][0]["role"] == application.role.title
    assert AuditEntry.objects.get(action="candidate.export").after == {"by": "candidate"}


# --- Erasure requests --------------------------------------------------------------------------


def test_asking_to_be_erased_is_confirmed_recorded_with_a_due_date_and_sent_to_recruiters(
    client, application, token, recruiter, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "ERASURE_DUE_DAYS": 21}
    other_recruiter = RecruiterFactory(username="rob")
    response = client.post(url("erasure", token))
    assert response.status_code == 200
    assert "Ask us to erase your data?" in response.content.decode()
    assert not ErasureRequest.objects.exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("erasure", token), {"confirm": "yes"}, follow=True)
    request = ErasureRequest.objects.get()
    assert request.due_on == timezone.localdate() + timedelta(days=21)
    assert request.application == application
    assert request.is_open
    page = response.content.decode()
    assert "We have your request to be erased" in page
    assert "Ask us to erase my data" not in page
    assert sorted(m.to[0] for m in mail.outbox) == sorted([recruiter.email, other_recruiter.email])
    for message in mail.outbox:
        assert f"candidate #{application.candidate_id}" in message.subject
        assert "Ada" not in message.subject + message.body  # by number: mailboxes outlive erasure
        assert reverse("hiring:application_detail", args=[application.pk]) in message.body
    assert AuditEntry.objects.get(action="candidate.erasure_request").actor is None


def test_a_second_erasure_request_says_it_was_already_received_with_its_due_date(
    client, application, token
):
    client.post(url("erasure", token), {"confirm": "yes"})
    due = ErasureRequest.objects.get().due_on
    for data in ({}, {"confirm": "yes"}):
        response = client.post(url("erasure", token), data, follow=True)
        assert "We already have your request to be erased" in response.content.decode()
        assert f"{due.day} {due:%B %Y}" in response.content.decode()
    # Another application of the same candidate shares the one open request.
    second = ApplicationFactory(candidate=application.candidate)
    client.post(url("erasure", services.status_token(second)), {"confirm": "yes"})
    assert ErasureRequest.objects.count() == 1


def test_the_database_allows_one_open_erasure_request_per_candidate(application):
    ErasureRequest.objects.create(candidate=application.candidate, due_on=date(2030, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ErasureRequest.objects.create(candidate=application.candidate, due_on=date(2030, 1, 2))


def test_recruiters_see_open_requests_with_due_dates_and_overdue_ones_highlighted(
    client, application, token, recruiter, role
):
    client.post(url("erasure", token), {"confirm": "yes"})
    late = ApplicationFactory(role=role, candidate__name="Late Larry")
    client.post(url("erasure", services.status_token(late)), {"confirm": "yes"})
    ErasureRequest.objects.filter(candidate=late.candidate).update(
        due_on=timezone.localdate() - timedelta(days=2)
    )
    client.force_login(recruiter)
    dashboard = client.get(reverse("hiring:dashboard")).content.decode()
    assert "Asked to be erased" in dashboard
    assert dashboard.index("Late Larry") < dashboard.index("Ada Lovelace")  # soonest due first
    assert dashboard.count("Overdue") == 1
    detail = client.get(reverse("hiring:application_detail", args=[late.pk])).content.decode()
    assert "Asked to be erased" in detail
    assert "Overdue" in detail


def test_erasing_the_candidate_resolves_the_request_and_the_link_then_says_why(
    client, application, token, recruiter
):
    client.post(url("erasure", token), {"confirm": "yes"})
    privacy.candidate_erase(candidate=application.candidate, erased_by=recruiter)
    request = ErasureRequest.objects.get()
    assert request.resolved_at is not None
    assert request.resolved_by == recruiter
    response = client.get(url("page", token))
    assert response.status_code == 410
    assert "The data of this application was erased at your request" in response.content.decode()
    for name in ACTIONS:
        assert (
            client.post(url(name, token), {"confirm": "yes", "phone": "+442079460958"}).status_code
            == 410
        )
    client.force_login(recruiter)
    assert "Asked to be erased" not in client.get(reverse("hiring:dashboard")).content.decode()


# --- Methods -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ACTIONS)
def test_a_get_on_an_action_is_a_405_and_changes_nothing(client, application, token, name):
    assert client.get(url(name, token)).status_code == 405
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWS
    assert not AuditEntry.objects.exists()


def test_a_post_on_the_page_is_a_405(client, token):
    assert client.post(url("page", token)).status_code == 405
