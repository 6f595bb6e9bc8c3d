"""Celery tasks for candidates: thin wrappers that take ids and call one service."""

from celery import shared_task

from passionhire.retry import DB_RETRY, EMAIL_RETRY

from . import services
from .bulk import emails as bulk_emails
from .bulk import services as bulk_services
from .careers import digest


@shared_task(**EMAIL_RETRY)
def send_application_acknowledgement_task(application_id: int) -> None:
    services.application_send_acknowledgement(application_id=application_id)


@shared_task(**EMAIL_RETRY)
def send_passion_test_invitation_task(invitation_id: int, send_number: int) -> None:
    services.passion_test_send_invitation_email(
        invitation_id=invitation_id, send_number=send_number
    )


@shared_task(**DB_RETRY)
def score_passion_test_task(response_id: int) -> None:
    services.passion_test_score(response_id=response_id)


@shared_task(**DB_RETRY)
def refresh_composite_task(application_id: int) -> None:
    services.application_refresh_composite(application_id=application_id)


@shared_task(**EMAIL_RETRY)
def send_referral_update_task(referral_id: int) -> None:
    services.referral_send_update(referral_id=referral_id)


@shared_task(**EMAIL_RETRY)
def notify_referrers_task(application_id: int) -> None:
    services.referrals_notify_stage(application_id=application_id)


@shared_task(**DB_RETRY)
def rerank_role_task(job_id: int) -> None:
    services.role_rerank(job_id=job_id)


@shared_task(**EMAIL_RETRY)
def send_rejection_email_task(decision_id: int) -> None:
    services.decision_send_rejection_email(decision_id=decision_id)


@shared_task(**EMAIL_RETRY)
def send_new_applicants_digest_task() -> int:
    return digest.new_applicants_digest()


@shared_task(**DB_RETRY)
def import_candidates_task(job_id: int) -> None:
    services.import_run(job_id=job_id)


@shared_task(**EMAIL_RETRY)
def send_import_acknowledgements_task(application_ids: list[int]) -> None:
    services.import_send_acknowledgements(application_ids=application_ids)


@shared_task(**DB_RETRY)
def run_bulk_job_task(job_id: int) -> None:
    bulk_services.bulk_run(job_id=job_id)


@shared_task(**EMAIL_RETRY)
def send_bulk_message_task(job_id: int, application_id: int) -> None:
    bulk_emails.bulk_send_message(job_id=job_id, application_id=application_id)
