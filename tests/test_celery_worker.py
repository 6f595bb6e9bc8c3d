"""Emails and scoring go through a real Celery worker on the real Redis broker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from candidates import services
from candidates.models import Application, ApplicationEvent, Evidence, PassionTestResponse, Stage
from candidates.tasks import score_passion_test_task, send_application_acknowledgement_task
from passionhire.models import SentEmail
from tests.conftest import wait_for
from tests.factories import ApplicationFactory, answers_for

pytestmark = pytest.mark.worker


def test_worker_sends_the_acknowledgement_once(celery_worker, recruiter, role):
    result = services.candidate_add_to_role(
        added_by=recruiter,
        role=role,
        name="Katherine Johnson",
        email="katherine@example.com",
        consent_to_contact=True,
    )
    application = result.application

    def email_was_sent():
        """the worker to record the acknowledgement email"""
        return SentEmail.objects.filter(key=f"application:{application.pk}:acknowledgement").first()

    sent = wait_for(email_was_sent)
    assert sent.to == "katherine@example.com"
    # The file backend creates the file before it writes the message: wait for the words.
    message = wait_for(lambda: _mail_containing(celery_worker, "To: katherine@example.com"))
    assert "Customer Success Manager" in message
    wait_for(lambda: "succeeded" in celery_worker.log_path.read_text())  # logged after the send

    # The same task again, through the broker: still one email.
    send_application_acknowledgement_task.delay(application.pk)
    wait_for(lambda: celery_worker.log_path.read_text().count("succeeded") >= 2)
    assert SentEmail.objects.count() == 1
    assert len(list(celery_worker.mail_dir.iterdir())) == 1
    assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.EMAIL).count() == 1


def _mail_containing(worker, text: str) -> str:
    """The text of the worker's mail file that contains `text`, or "" while none does yet."""
    return next((m for f in worker.mail_dir.iterdir() if text in (m := f.read_text())), "")


def test_worker_emails_the_passion_test_link_and_scores_the_submission(
    celery_worker, recruiter, role, questionnaire
):
    application = ApplicationFactory(role=role, candidate__email="mary@example.com")
    invitation = services.passion_test_invite(application=application, invited_by=recruiter)
    assert wait_for(lambda: _mail_containing(celery_worker, services.invitation_url(invitation)))

    response = services.passion_test_open(invitation=invitation)
    PassionTestResponse.objects.filter(pk=response.pk).update(
        started_at=timezone.now() - timedelta(minutes=20)
    )
    questions = services.active_questions(questionnaire)
    services.passion_test_submit(
        response=response, questions=questions, answers=answers_for(questions)
    )

    def scored():
        """the worker to score the response and refresh the composite"""
        application.refresh_from_db()
        return application.composite_score is not None

    wait_for(scored)
    assert application.stage == Stage.INTERVIEWS
    assert Evidence.objects.filter(application=application).count() == 6
    # Scoring again through the broker rewrites the same rows.
    score_passion_test_task.delay(response.pk)
    wait_for(lambda: celery_worker.log_path.read_text().count("score_passion_test_task") >= 4)
    wait_for(
        lambda: "succeeded" in celery_worker.log_path.read_text().rsplit("score_passion", 1)[1]
    )
    assert Evidence.objects.filter(application=application).count() == 6
    assert Application.objects.get(pk=application.pk).stage == Stage.INTERVIEWS


def test_worker_sends_each_interview_reminder_once_however_often_beat_fires(
    celery_worker, recruiter, role, question_bank
):
    from interviews.tasks import send_interview_reminders_task
    from tests.factories import EmployeeFactory, held_interview

    ivan = EmployeeFactory(username="ivan", email="ivan@example.com")
    application = ApplicationFactory(role=role, candidate__email="grace@example.com")
    interview = held_interview(
        application=application,
        interviewers=[ivan],
        created_by=recruiter,
        started=timezone.now() + timedelta(minutes=50),
    )
    # Beat fires twice (and a third time later): the ledger lets each reminder out once.
    for _ in range(3):
        send_interview_reminders_task.delay()

    def reminders():
        """the worker to send the two 1-hour reminders"""
        return SentEmail.objects.filter(key__contains=":reminder:1h:").count() == 2

    wait_for(reminders)
    wait_for(
        lambda: (
            celery_worker.log_path.read_text().count("send_interview_reminders_task") >= 6
        )  # received + succeeded, three times
    )
    keys = set(SentEmail.objects.filter(key__contains=":reminder:").values_list("key", flat=True))
    assert keys == {
        f"interview:{interview.pk}:reminder:1h:0:candidate-{application.candidate_id}",
        f"interview:{interview.pk}:reminder:1h:0:user-{ivan.pk}",
    }
    files = [f.read_text() for f in celery_worker.mail_dir.iterdir()]
    # The candidate's in the organisation's words, the interviewer's fixed.
    assert sum("starts in one hour" in text for text in files) == 1
    assert sum("starts in about an hour" in text for text in files) == 1


def test_worker_turns_a_scorecard_into_interview_evidence(
    celery_worker, recruiter, role, question_bank
):
    from interviews import services as interview_services
    from passionhire.traits import Trait
    from tests.factories import EmployeeFactory, held_interview

    ivan = EmployeeFactory(username="ivan")
    application = ApplicationFactory(role=role)
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    interview_services.scorecard_submit(
        interview=interview,
        interviewer=ivan,
        ratings={t: (5, "Stayed late to fix it, because the customer was scared.") for t in Trait},
        recommendation="strong_yes",
    )

    def scored():
        """the worker to write the interview evidence and the composite"""
        application.refresh_from_db()
        return application.composite_score is not None

    wait_for(scored)
    assert application.composite_score == 100.0
    assert Evidence.objects.filter(application=application, source="interview").count() == 6


def test_worker_re_ranks_a_large_role_with_progress_and_emails_a_rejection(
    celery_worker, recruiter, role, settings
):
    from candidates import services as candidate_services
    from candidates.models import Application, RerankJob
    from tests.shortlist.conftest import ADA, ALAN, GRACE, scored

    settings.PASSIONHIRE = {**settings.PASSIONHIRE, "RERANK_SYNC_LIMIT": 1}
    ada = scored(role, "Ada Lovelace", ADA, stage="interviews")
    scored(role, "Grace Hopper", GRACE, stage="team_meet")
    scored(role, "Alan Turing", ALAN, stage="passion_test")
    result = candidate_services.role_set_weights(
        role=role,
        changed_by=recruiter,
        trait_weights={"empathy": 0, "commitment": 10},
        source_weights={},
    )
    assert result.job is not None

    def finished():
        """the worker to finish the re-rank job"""
        return RerankJob.objects.filter(pk=result.job.pk, finished_at__isnull=False).first()

    job = wait_for(finished)
    assert (job.done, job.total) == (3, 3)
    assert Application.objects.get(pk=ada.pk).composite_score == 75  # commitment only now

    candidate_services.decision_record(
        application_id=ada.pk,
        kind="reject",
        reason="The panel found little empathy.",
        decided_by=recruiter,
        seen_stage="interviews",
    )

    def emailed():
        """the worker to send the rejection email"""
        return SentEmail.objects.filter(key=f"application:{ada.pk}:rejection").exists()

    wait_for(emailed)
    [text] = [f.read_text() for f in celery_worker.mail_dir.iterdir()]
    assert "Thank you for applying for the Customer Success Manager role" in text
    assert "little empathy" not in text


def test_the_beat_task_asks_the_hiring_manager_about_a_hire_through_the_worker(
    celery_worker, role, settings
):
    """The beat's entry names a task the worker knows: it opens the check-in, and the email
    it queues (outbox) reaches the hiring manager once."""
    from hiring.tasks import open_due_checkins_task
    from hiring.validity.models import CheckIn
    from tests.validity.test_checkins import hire

    entry = settings.CELERY_BEAT_SCHEDULE["validity-checkins"]
    assert entry["task"] == open_due_checkins_task.name
    application = hire(role, 92)
    open_due_checkins_task.delay()
    checkin = wait_for(lambda: CheckIn.objects.filter(application=application).first())
    message = wait_for(lambda: _mail_containing(celery_worker, "/checkins/"))
    assert f"To: {role.hiring_manager.email}" in message
    assert application.alias in message
    assert SentEmail.objects.filter(key=f"checkin:{checkin.pk}:{checkin.nonce}").count() == 1


def test_an_email_over_the_minutes_allowance_waits_in_the_queue_for_the_next_minute(
    start_worker, recruiter, role
):
    # Its own count: the worker's in-process cache, not a shared one other runs could have used.
    worker = start_worker(EMAIL_PER_MINUTE="1", CACHE_URL="")
    first, second = (
        services.candidate_add_to_role(
            added_by=recruiter,
            role=role,
            name=name,
            email=f"{name.split()[0].lower()}@example.com",
            consent_to_contact=True,
        ).application
        for name in ("Katherine Johnson", "Dorothy Vaughan")
    )
    wait_for(lambda: "EmailRateLimited" in worker.log_path.read_text())
    log = worker.log_path.read_text()
    assert "Retry in" in log  # waits in the queue, counted apart from its SMTP retries
    sent = set(SentEmail.objects.values_list("key", flat=True))
    assert len(sent) == 1  # one this minute; the other after it
    assert sent < {
        f"application:{first.pk}:acknowledgement",
        f"application:{second.pk}:acknowledgement",
    }
