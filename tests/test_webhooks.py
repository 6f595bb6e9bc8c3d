"""Signed webhooks: each event emitted once by the service that makes it happen, signed so a
receiver verifies it with `standardwebhooks`, retried with backoff, sent once however often
the task runs, never to a private address in production, and nothing sent when the emitting
transaction rolls back. The receiver is a real HTTP server on a free port
(tests/webhook_receiver.py)."""

import threading

import pytest
from django.core import mail
from django.db import close_old_connections, transaction

from candidates import services
from candidates.bulk import services as bulk
from candidates.careers.apply import Applicant, application_submit
from candidates.models import Stage
from hiring.services.privacy import candidate_erase
from passionhire.models import AuditEntry
from passionhire.webhooks import Event, emit
from passionhire.webhooks.addresses import AddressRefused, is_public, target_for
from passionhire.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from passionhire.webhooks.services import (
    webhook_delivery_replay,
    webhook_endpoint_create,
    webhook_endpoint_enable,
    webhook_endpoint_rotate_secret,
)
from passionhire.webhooks.tasks import deliver_webhook_task
from tests.conftest import wait_for
from tests.factories import ApplicationFactory, CandidateFactory

ALL_EVENTS = list(Event.values)


@pytest.fixture
def fast_retries(settings):
    """Five retries (so six attempts), a short read timeout, an endpoint disabled after two
    deliveries in a row failed."""
    settings.PASSIONHIRE = {
        **settings.PASSIONHIRE,
        "WEBHOOKS_RETRY_SECONDS": [0.0] * 5,
        "WEBHOOKS_READ_TIMEOUT": 0.5,
        "WEBHOOKS_DISABLE_AFTER": 2,
    }


def production(settings):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": False}


def endpoint_for(receiver, recruiter, events=ALL_EVENTS) -> WebhookEndpoint:
    endpoint = webhook_endpoint_create(actor=recruiter, url=receiver.url, events=events)
    receiver.secret = endpoint.secret
    return endpoint


def emitted(receiver) -> list[str]:
    return [item.payload["type"] for item in receiver.received if item.payload]


# --- Each event, from the real service, once ---------------------------------------------------


def test_adding_a_candidate_sends_one_signed_application_created(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        added = services.candidate_add_to_role(
            added_by=recruiter, role=role, name="Ada Lovelace", email="ada@example.com"
        )
    application = added.application
    assert emitted(receiver) == ["application.created"]
    (item,) = receiver.received
    assert item.verified
    assert item.status == 200
    assert item.payload["data"] == {
        "application_id": application.pk,
        "candidate_id": application.candidate_id,
        "role_id": role.pk,
        "stage": "applied",
        "source": application.source,
        "path": f"/api/v1/applications/{application.pk}/",
    }
    # Thin on purpose: no name, no email, anywhere in what was sent.
    assert "Ada" not in str(item.payload)
    assert "ada@example.com" not in str(item.payload)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    assert delivery.message_id == item.message_id


def test_applying_on_the_careers_page_sends_application_created(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    role.published_at = timezone.now()
    role.save(update_fields=["published_at"])
    endpoint_for(receiver, recruiter, events=["application.created"])
    applicant = Applicant(
        name="Ben Example", email="ben@example.com", phone="", knockout_answers={}
    )
    with django_capture_on_commit_callbacks(execute=True):
        applied = application_submit(role=role, applicant=applicant, questions=[])
    assert emitted(receiver) == ["application.created"]
    assert receiver.received[0].payload["data"]["application_id"] == applied.application.pk


def test_a_decision_sends_decision_recorded_and_stage_changed_and_a_hire_hired(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(role=role, stage=Stage.OFFER)
    endpoint_for(receiver, recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            application_id=application.pk,
            kind="hire",
            reason="Accepted our offer.",
            decided_by=recruiter,
            seen_stage=Stage.OFFER,
        )
    assert sorted(emitted(receiver)) == [
        "application.hired",
        "application.stage_changed",
        "decision.recorded",
    ]
    by_type = {item.payload["type"]: item.payload["data"] for item in receiver.received}
    assert by_type["application.stage_changed"]["from_stage"] == "offer"
    assert by_type["application.stage_changed"]["to_stage"] == "hired"
    assert by_type["decision.recorded"]["decision"] == "hire"
    assert "Accepted" not in str(by_type)  # the reason is a person's words: not sent
    assert all(item.verified for item in receiver.received)


def test_an_import_sends_application_created_for_each_row(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, recruiter, events=["application.created"])
    data = b"name,email\r\nAmy One,amy@example.com\r\nBo Two,bo@example.com\r\n"
    job = services.import_upload(role=role, uploaded_by=recruiter, file_name="p.csv", data=data)
    with django_capture_on_commit_callbacks(execute=True):
        services.import_start(job=job, started_by=recruiter)
    created = sorted(item.payload["data"]["application_id"] for item in receiver.received)
    assert created == sorted(role.applications.values_list("pk", flat=True))
    assert len(created) == 2


def test_a_bulk_rejection_sends_a_decision_and_a_stage_change_per_application(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    applications = [ApplicationFactory(role=role) for _ in range(3)]
    endpoint_for(receiver, recruiter, events=["decision.recorded", "application.stage_changed"])
    with django_capture_on_commit_callbacks(execute=True):
        job = bulk.bulk_start(
            role=role,
            kind="reject",
            reason="Not this time.",
            selection=[(a.pk, a.stage) for a in applications],
            actor=recruiter,
        )
        bulk.bulk_run(job_id=job.pk)
    assert (
        sorted(emitted(receiver)) == ["application.stage_changed"] * 3 + ["decision.recorded"] * 3
    )
    decided = {
        item.payload["data"]["application_id"]
        for item in receiver.received
        if item.payload["type"] == "decision.recorded"
    }
    assert decided == {a.pk for a in applications}
    assert all(item.verified for item in receiver.received)


def test_an_endpoint_gets_only_the_events_it_subscribed_to(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(role=role)
    endpoint_for(receiver, recruiter, events=["application.stage_changed"])
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(
            application_id=application.pk,
            kind="advance",
            reason="Strong start.",
            decided_by=recruiter,
            seen_stage=Stage.APPLIED,
        )
    assert emitted(receiver) == ["application.stage_changed"]


def test_erasing_a_candidate_sends_candidate_erased_with_ids_only(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    candidate = CandidateFactory(name="Cleo Erase", email="cleo@example.com")
    application = ApplicationFactory(role=role, candidate=candidate)
    endpoint_for(receiver, recruiter, events=["candidate.erased"])
    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=candidate, erased_by=recruiter)
    assert emitted(receiver) == ["candidate.erased"]
    data = receiver.received[0].payload["data"]
    assert data == {
        "candidate_id": candidate.pk,
        "application_ids": [application.pk],
        "path": f"/api/v1/candidates/{candidate.pk}/",
    }


def test_nothing_is_sent_when_the_emitting_transaction_rolls_back(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, recruiter)

    def add_then_fail():
        with transaction.atomic():
            services.candidate_add_to_role(
                added_by=recruiter, role=role, name="Dan Rollback", email="dan@example.com"
            )
            raise RuntimeError("the caller fails after the service")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        add_then_fail()
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_disabled_endpoint_gets_nothing_new(
    receiver, recruiter, role, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(receiver, recruiter)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert emit(Event.HIRED, {"application_id": 1}) == 0
    assert receiver.received == []


# --- Retries, timeouts, duplicates -------------------------------------------------------------


def test_500_five_times_then_200_is_delivered_with_six_attempts_logged(
    receiver, recruiter, fast_retries, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(receiver, recruiter)
    receiver.answers = [500] * 5
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 7})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    attempts = list(delivery.attempt_log.values_list("status_code", flat=True))
    assert attempts == [500, 500, 500, 500, 500, 200]
    assert len({item.message_id for item in receiver.received}) == 1  # one webhook-id throughout
    assert all(item.verified for item in receiver.received)
    endpoint.refresh_from_db()
    assert endpoint.consecutive_failures == 0
    assert endpoint.active


def test_a_receiver_that_never_answers_times_out_and_the_delivery_fails(
    receiver, recruiter, fast_retries, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "WEBHOOKS_RETRY_SECONDS": [0.0]}
    endpoint_for(receiver, recruiter)
    receiver.hang = 1.5  # longer than the 0.5 s read timeout
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 7})
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    attempts = list(delivery.attempt_log.all())
    assert [a.error for a in attempts] == ["Timed out", "Timed out"]
    assert all(a.status_code is None and 400 <= a.response_ms < 1500 for a in attempts)


def test_the_task_run_twice_sends_once_and_records_one_success(
    receiver, recruiter, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 7})
    delivery = WebhookDelivery.objects.get()
    deliver_webhook_task.apply(args=[delivery.pk])  # the broker handed it out again
    assert len(receiver.received) == 1
    assert WebhookAttempt.objects.filter(status_code=200).count() == 1


def test_a_retry_after_a_lost_answer_reaches_the_receiver_twice_and_it_keeps_one(
    receiver, recruiter, fast_retries, django_capture_on_commit_callbacks
):
    """The receiver took the first POST but answered after our timeout: we try again with the
    same webhook-id, and a receiver that de-duplicates on it processes the event once."""
    endpoint_for(receiver, recruiter)
    receiver.hangs = [1.0]
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 7})
    wait_for(lambda: len(receiver.received) == 2, timeout=5)  # the first answer comes late
    assert [item.status for item in receiver.received] == [200, 200]
    assert len(receiver.accepted()) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    assert list(delivery.attempt_log.values_list("status_code", "error")) == [
        (None, "Timed out"),
        (200, ""),
    ]


@pytest.mark.postgresql
def test_two_runs_at_once_send_once(transactional_db, receiver, recruiter):
    """The row lock: a twin run that finds the delivery being sent leaves it alone."""
    endpoint = endpoint_for(receiver, recruiter)
    receiver.hang = 0.5
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="application.hired", message_id="msg_twin", payload={"a": 1}
    )

    def run():
        deliver_webhook_task.apply(args=[delivery.pk])
        close_old_connections()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(receiver.received) == 1
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    assert delivery.attempt_log.count() == 1


# --- Disabling, re-enabling, replay ------------------------------------------------------------


def test_an_endpoint_failing_again_and_again_is_disabled_and_its_owner_emailed(
    receiver, recruiter, fast_retries, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(receiver, recruiter)
    receiver.answers = [503] * 100
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 1})
    endpoint.refresh_from_db()
    assert endpoint.active
    assert endpoint.consecutive_failures == 1
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 2})
    endpoint.refresh_from_db()
    assert not endpoint.active
    assert endpoint.disabled_at is not None
    assert "HTTP 503" in endpoint.disabled_reason
    assert len(receiver.received) == 12  # two deliveries, six attempts each
    (email,) = mail.outbox
    assert email.to == [recruiter.email]
    assert endpoint.url in email.body
    assert AuditEntry.objects.filter(action="webhook.disable", actor=None).count() == 1
    # Disabled: the next event is not even queued for it.
    with django_capture_on_commit_callbacks(execute=True):
        assert emit(Event.HIRED, {"application_id": 3}) == 0


def test_re_enabling_sends_what_was_pending(
    receiver, recruiter, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(receiver, recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 1})
        # Disabled before the task ran: the delivery waits, pending.
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(active=False)
    assert receiver.received == []
    with django_capture_on_commit_callbacks(execute=True):
        assert webhook_endpoint_enable(actor=recruiter, endpoint=endpoint) == 1
    assert len(receiver.accepted()) == 1
    assert AuditEntry.objects.filter(action="webhook.enable", actor=recruiter).exists()


def test_a_replay_sends_the_same_webhook_id_again_with_new_attempts(
    receiver, recruiter, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 1})
    delivery = WebhookDelivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        webhook_delivery_replay(actor=recruiter, delivery=delivery)
    assert [item.message_id for item in receiver.received] == [delivery.message_id] * 2
    assert delivery.attempt_log.count() == 2
    assert AuditEntry.objects.filter(action="webhook.replay").count() == 1


def test_after_a_rotation_both_secrets_verify_for_a_while(
    receiver, recruiter, django_capture_on_commit_callbacks
):
    endpoint = endpoint_for(receiver, recruiter)
    old = endpoint.secret
    endpoint = webhook_endpoint_rotate_secret(actor=recruiter, endpoint=endpoint)
    assert endpoint.secret != old
    for secret in (old, endpoint.secret):
        receiver.secret = secret
        with django_capture_on_commit_callbacks(execute=True):
            emit(Event.HIRED, {"application_id": 1})
        assert receiver.received[-1].verified
    assert len(receiver.received[-1].signatures.split(" ")) == 2


# --- Where webhooks may go ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "169.254.169.254", "192.168.0.1", "::1", "fc00::1", "fe80::1",
     "224.0.0.1", "0.0.0.0", "100.64.0.1", "::ffff:127.0.0.1", "240.0.0.1",
     # IPv4 inside IPv6: 6to4 of 127.0.0.1 and 10.0.0.1, NAT64 of the metadata address
     "2002:7f00:1::1", "2002:a00:1::1", "64:ff9b::a9fe:a9fe"],
)  # fmt: skip
def test_private_and_reserved_addresses_are_not_public(address):
    assert not is_public(address)


def test_a_public_address_is_public():
    assert is_public("93.184.215.14")
    assert is_public("2606:4700::1111")
    assert is_public("2002:808:808::1")  # 6to4 of 8.8.8.8


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/x",
        "http://localhost/x",
        "http://2130706433/x",  # 127.0.0.1 as one number
    ],
)
def test_private_addresses_are_refused_in_production(settings, url):
    production(settings)
    with pytest.raises(AddressRefused):
        target_for(url)


def test_private_addresses_are_allowed_when_the_setting_says_so():
    assert target_for("http://127.0.0.1:9/x").address == "127.0.0.1"


def test_an_endpoint_that_now_leads_to_a_private_address_is_refused_at_send_time(
    receiver, recruiter, settings, django_capture_on_commit_callbacks
):
    endpoint_for(receiver, recruiter)  # registered while allowed (as under DEBUG)
    production(settings)
    with django_capture_on_commit_callbacks(execute=True):
        emit(Event.HIRED, {"application_id": 1})
    assert receiver.received == []
    attempt = WebhookAttempt.objects.first()
    assert attempt.status_code is None
    assert attempt.error.startswith("Refused:")
    assert "127.0.0.1" in attempt.error
