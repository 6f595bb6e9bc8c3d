"""Celery tasks of the composition app: the daily retention policy, the apply confirmation,
and the recruiters' email about a candidate's erasure request."""

from celery import shared_task

from candidates.imports.services import import_jobs_purge
from passionhire.retry import DB_RETRY, EMAIL_RETRY

from .services import applying, privacy
from .status import services as status_services
from .validity import services as checkins


@shared_task(**DB_RETRY)
def anonymise_stale_candidates_task() -> int:
    import_jobs_purge()
    return privacy.candidates_anonymise_stale()


@shared_task(**EMAIL_RETRY)
def send_application_confirmation_task(application_id: int) -> None:
    applying.application_send_confirmation(application_id=application_id)


@shared_task(**EMAIL_RETRY)
def send_erasure_request_notice_task(request_id: int) -> int:
    return status_services.erasure_request_send_notice(request_id=request_id)


@shared_task(**DB_RETRY)
def open_due_checkins_task() -> int:
    return checkins.checkins_open_due()


@shared_task(**EMAIL_RETRY)
def send_checkin_request_task(checkin_id: int) -> bool:
    return checkins.checkin_request_send(checkin_id=checkin_id)
