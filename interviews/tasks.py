"""Celery tasks for interviews: thin wrappers that take ids and call one service."""

from celery import shared_task

from passionhire.retry import DB_RETRY, EMAIL_RETRY

from . import services


@shared_task(**EMAIL_RETRY)
def send_slot_link_task(interview_id: int, send_number: int) -> None:
    services.interview_send_slot_link(interview_id=interview_id, send_number=send_number)


@shared_task(**EMAIL_RETRY)
def send_interview_calendar_task(interview_id: int, sequence: int) -> None:
    services.interview_send_calendar(interview_id=interview_id, sequence=sequence)


@shared_task(**EMAIL_RETRY)
def send_interview_reminders_task() -> None:
    services.interview_reminders_send_due()


@shared_task(**DB_RETRY)
def score_scorecard_task(scorecard_id: int) -> None:
    services.scorecard_score(scorecard_id=scorecard_id)


@shared_task(**DB_RETRY)
def score_observation_task(observation_id: int) -> None:
    services.observation_score(observation_id=observation_id)


@shared_task(**DB_RETRY)
def recalibrate_interviewer_task(interviewer_id: int) -> None:
    services.interviewer_recalibrate(interviewer_id=interviewer_id)


@shared_task(**EMAIL_RETRY)
def send_scorecard_nags_task() -> None:
    services.scorecard_nags_send_due()
