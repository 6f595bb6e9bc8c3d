"""Faults in the real background machinery: Redis down, a worker killed mid-task, an SMTP
error and a task enqueued twice. Real redis-server (each test's own, on a free port: the Redis
the suite runs on is never stopped), real `celery worker` processes, real PostgreSQL; the only
stand-in is the SMTP server at the end (the outside world)."""

import re
import socketserver
import threading
from collections import Counter
from datetime import timedelta

import psycopg
import pytest
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import Evidence, PageVisit, PassionTestResponse, Referral
from candidates.tasks import send_application_acknowledgement_task
from interviews.models import Interview
from passionhire.emails import message_id
from passionhire.models import OutboxMessage, SentEmail
from tests.conftest import wait_for
from tests.factories import ApplicationFactory, answers_for, take_passion_test
from tests.test_outbox import add_katherine

# `redis_server` first, so each test's workers stop before its broker does.
pytestmark = [pytest.mark.usefixtures("redis_server"), pytest.mark.worker]

# The worker's relay runs every second and takes back a task published 5 s ago but not done.
FAST_RELAY = {
    "OUTBOX_RELAY_SECONDS": "1",
    "OUTBOX_GRACE_SECONDS": "1",
    "OUTBOX_REDELIVER_SECONDS": "5",
}


# A message a killed worker had taken is back in the queue 2 s later (Redis transport).
REDELIVER = {"CELERY_VISIBILITY_TIMEOUT": "2", "CELERY_RESTORE_INTERVAL": "1"}


def message_ids(texts: list[str]) -> Counter:
    """Copies per Message-ID (a mail file can hold more than one message)."""
    return Counter(
        found for text in texts for found in re.findall(r"^Message-ID: (\S+)", text, re.MULTILINE)
    )


def other_connection() -> psycopg.Connection:
    """A second PostgreSQL session, for holding locks the worker will run into."""
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"],
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"],
    )


def worker_waits_on_a_lock() -> bool:
    """a worker's query to wait on the lock the test holds"""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_with_redis_down_users_succeed_and_nothing_is_lost_once_it_is_back(
    redis_server, start_worker, client, recruiter, employee, role, questionnaire, question_bank
):
    # The candidate's acknowledgement and Passion Test link are published to Redis while
    # nobody works the queue...
    application = services.candidate_add_to_role(
        added_by=recruiter,
        role=role,
        name="Mary Jackson",
        email="mary@example.com",
        consent_to_contact=True,
    ).application
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    assert OutboxMessage.objects.filter(published_at__isnull=False).exists()
    assert not OutboxMessage.objects.filter(published_at__isnull=True).exists()
    # ...then Redis goes down, and its queue (no persistence) with it.
    redis_server.stop()

    # The candidate takes and submits the test.
    take = reverse("passion_test:take", args=[services.invitation_token(invitation)])
    assert client.get(take).status_code == 302  # to the first page
    PassionTestResponse.objects.update(started_at=timezone.now() - timedelta(minutes=20))
    questions = services.active_questions(questionnaire)
    take_passion_test(client, take, answers_for(questions))
    # As if each page had been on screen for three minutes more (the test client answers in
    # milliseconds, which the speeding check would rightly weigh at almost nothing).
    PageVisit.objects.update(shown_at=F("shown_at") - timedelta(minutes=3))
    submitted = client.get(take)
    assert submitted.status_code == 200
    assert "Thank you" in submitted.content.decode()
    # An employee refers a friend.
    client.force_login(employee)
    referred = client.post(
        reverse("candidates:referral_create"),
        {
            "role": role.pk,
            "name": "Ada Lovelace",
            "email": "ada@example.com",
            "relationship": "worked_together",
            "known_for": "3_5",
            "consent_confirmed": "on",
            "example_commitment": "She came back on a Sunday to finish the customer's migration.",
        },
    )
    assert referred.status_code == 302
    assert Referral.objects.count() == 1
    # A recruiter offers interview times.
    client.force_login(recruiter)
    soon = (timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    scheduled = client.post(
        reverse("interviews:create", args=[application.pk]),
        {"kind": "values", "interviewers": [recruiter.pk], "duration_minutes": 45, "slot_1": soon},
    )
    assert scheduled.status_code == 302
    assert Interview.objects.count() == 1

    # Nothing has gone out, nothing is scored, and the outbox knows why.
    assert not SentEmail.objects.exists()
    assert not Evidence.objects.filter(application=application, source="passion_test").exists()
    waiting = OutboxMessage.objects.filter(published_at__isnull=True)
    assert set(waiting.values_list("task", flat=True)) >= {
        "candidates.tasks.score_passion_test_task",
        "candidates.tasks.send_referral_update_task",
        "interviews.tasks.send_slot_link_task",
    }
    assert all("Error" in message.last_error for message in waiting)

    # Redis is back; a worker (with its beat running the relay) catches up.
    redis_server.start()
    worker = start_worker(beat=True, **FAST_RELAY)

    def everything_done():
        """every outbox task to be done"""
        return not OutboxMessage.objects.filter(done_at__isnull=True).exists()

    wait_for(everything_done, timeout=60)
    keys = set(SentEmail.objects.values_list("key", flat=True))
    interview = Interview.objects.get()
    lost = OutboxMessage.objects.get(task="candidates.tasks.send_application_acknowledgement_task")
    assert lost.attempts == 2  # published, lost with Redis, published again by the relay
    assert {
        f"application:{application.pk}:acknowledgement",
        f"referral:{Referral.objects.get().pk}:received",
        f"interview:{interview.pk}:slots:1",
    } <= keys
    assert Evidence.objects.filter(application=application, source="passion_test").count() == 6
    application.refresh_from_db()
    assert application.composite_score is not None
    # Each email went out exactly once.
    sent = message_ids(worker.mail())
    assert sent == Counter({message_id(key): 1 for key in keys})


def test_a_worker_killed_while_sending_leaves_one_email_after_the_rerun(
    start_worker, recruiter, role
):
    first = start_worker("first", **REDELIVER)
    key_holder = other_connection()
    with transaction.atomic():  # the task is published when this block commits
        application = add_katherine(recruiter, role)
        key = f"application:{application.pk}:acknowledgement"
        # The test holds the ledger key the worker is about to write, so the worker stops in
        # the middle of its task: transaction open, email not yet handed to SMTP.
        key_holder.execute(
            'INSERT INTO passionhire_sentemail (key, "to", subject, sent_at) '
            "VALUES (%s, 'x@example.com', 'held', now())",
            [key],
        )
    wait_for(worker_waits_on_a_lock)
    first.kill()
    key_holder.rollback()  # as if it had never been there
    key_holder.close()
    assert not SentEmail.objects.exists()
    assert first.mail() == []

    second = start_worker("second", **REDELIVER)
    sent = wait_for(lambda: SentEmail.objects.filter(key=key).first(), timeout=40)
    assert sent.to == "katherine@example.com"
    wait_for(lambda: OutboxMessage.objects.filter(done_at__isnull=False).exists())
    assert message_ids(second.mail()) == Counter({message_id(key): 1})


def test_a_worker_killed_while_scoring_leaves_one_score_row_per_trait(
    start_worker, recruiter, role, questionnaire
):
    first = start_worker("first", **REDELIVER)
    application = ApplicationFactory(role=role)
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    response = services.passion_test_open(invitation=invitation)
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(minutes=20)
    )
    holder = other_connection()
    # The test writes (and holds, uncommitted) one of the evidence rows the worker is about to
    # write: the worker stops in the middle of scoring, its own changes not yet committed.
    holder.execute(
        "INSERT INTO candidates_evidence (application_id, trait, source, value, weight, origin,"
        " summary, created_at, updated_at) VALUES (%s, 'empathy', 'passion_test', 50, 1, %s,"
        " 'held', now(), now())",
        [application.pk, response.evidence_origin],
    )
    questions = services.active_questions(questionnaire)
    services.passion_test_submit(
        response=response, questions=questions, answers=answers_for(questions)
    )
    wait_for(worker_waits_on_a_lock)
    first.kill()
    holder.rollback()
    holder.close()
    # Its transaction died with it.
    assert not Evidence.objects.filter(application=application).exists()

    start_worker("second", **REDELIVER)

    def scored():
        """the rerun to score the test and refresh the composite"""
        application.refresh_from_db()
        return application.composite_score is not None

    wait_for(scored, timeout=40)
    rows = Evidence.objects.filter(application=application)
    assert rows.count() == 6
    assert sorted(Counter(rows.values_list("trait", flat=True)).values()) == [1] * 6


class FlakySMTP(socketserver.ThreadingTCPServer):
    """An SMTP server that answers the first message with a temporary failure (451) and
    accepts every later one."""

    allow_reuse_address = True
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FlakySMTPHandler)
        self.accepted: list[str] = []
        self.refused = 0


class FlakySMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self.reply("220 flaky.example ESMTP")
        while line := self.rfile.readline():
            command = line.decode(errors="replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 flaky.example")
            elif command == "DATA":
                self.reply("354 go ahead")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk.decode(errors="replace"))
                if self.server.refused == 0:
                    self.server.refused += 1
                    self.reply("451 4.3.0 try again later")
                else:
                    self.server.accepted.append("".join(data))
                    self.reply("250 2.0.0 queued")
            elif command == "QUIT":
                self.reply("221 bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 OK")


@pytest.fixture
def flaky_smtp():
    server = FlakySMTP()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_an_smtp_error_is_retried_and_a_task_enqueued_twice_sends_one_email(
    start_worker, flaky_smtp, recruiter, role
):
    port = flaky_smtp.server_address[1]
    worker = start_worker(EMAIL_URL=f"smtp://127.0.0.1:{port}")
    application = add_katherine(recruiter, role)
    send_application_acknowledgement_task.delay(application.pk)  # the same task again
    key = f"application:{application.pk}:acknowledgement"
    wait_for(lambda: SentEmail.objects.filter(key=key).exists(), timeout=40)
    wait_for(lambda: worker.log().count("succeeded") >= 2, timeout=40)
    assert flaky_smtp.refused == 1
    assert "Retry in" in worker.log()  # the 451 was retried with a backoff
    assert len(flaky_smtp.accepted) == 1
    assert message_ids(flaky_smtp.accepted) == Counter({message_id(key): 1})
    assert "katherine@example.com" in flaky_smtp.accepted[0]
