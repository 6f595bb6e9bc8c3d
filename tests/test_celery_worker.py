"""The acknowledgement email goes through a real Celery worker on the real Redis broker."""

import pytest

from candidates import services
from candidates.models import ApplicationEvent
from candidates.tasks import send_application_acknowledgement_task
from passionhire.models import SentEmail
from tests.conftest import wait_for

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
    files = wait_for(lambda: list(celery_worker.mail_dir.iterdir()))
    message = files[0].read_text()
    assert "To: katherine@example.com" in message
    assert "Customer Success Manager" in message
    assert "succeeded" in celery_worker.log_path.read_text()

    # The same task again, through the broker: still one email.
    send_application_acknowledgement_task.delay(application.pk)
    wait_for(lambda: celery_worker.log_path.read_text().count("succeeded") >= 2)
    assert SentEmail.objects.count() == 1
    assert len(list(celery_worker.mail_dir.iterdir())) == 1
    assert ApplicationEvent.objects.filter(kind=ApplicationEvent.Kind.EMAIL).count() == 1
