"""A recruiter sends an email again that the outbox had given up on."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.models import OutboxMessage
from passionhire.permissions import RECRUITER, has_role

from ..selectors.undelivered import EMAIL_TASKS


@transaction.atomic
def undelivered_email_retry(*, actor, message_id: int) -> OutboxMessage:
    """Fresh attempts for one given-up email, published after commit; audited. Refuses a
    message that is not an email given up (already sent, retried by someone else, unknown)."""
    if not has_role(actor, RECRUITER):
        raise PermissionDenied
    message = (
        OutboxMessage.objects.select_for_update()
        .filter(pk=message_id, task__in=EMAIL_TASKS)
        .first()
    )
    if message is None or not outbox.retry(message):
        raise ValidationError(
            gettext("That email is not waiting to be sent again (it may have been).")
        )
    with translation.override("en"):  # the audit log is English whoever reads the page
        what = str(EMAIL_TASKS[message.task][0])
    audit_record(
        actor=actor,
        action="outbox.retry",
        target=f"outbox:{message.pk}",
        before={"attempts": message.attempts, "last_error": message.last_error},
        summary=f"Sent again: {what} (outbox #{message.pk})",
    )
    return message
