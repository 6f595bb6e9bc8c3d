"""Emails whose sending ran out of attempts (the outbox gave up on them), for recruiters to
see and send again. Other tasks that gave up are logged at ERROR and shown in the admin."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from passionhire.models import OutboxMessage
from passionhire.permissions import RECRUITER, has_role

# Every task that sends email: what it is, and which argument is an application (to link to).
# The words are lazy: shown in the reader's language (the task names stay as they are).
EMAIL_TASKS: dict[str, tuple[str, int | None]] = {
    "candidates.tasks.send_application_acknowledgement_task": (
        gettext_lazy("Application received"),
        0,
    ),
    "candidates.tasks.send_passion_test_invitation_task": (
        gettext_lazy("Passion Test invitation"),
        None,
    ),
    "candidates.tasks.send_referral_update_task": (gettext_lazy("Update to a referrer"), None),
    "candidates.tasks.notify_referrers_task": (gettext_lazy("Referrers told of progress"), 0),
    "candidates.tasks.send_rejection_email_task": (gettext_lazy("Rejection"), None),
    "candidates.tasks.send_new_applicants_digest_task": (
        gettext_lazy("New applicants digest"),
        None,
    ),
    "candidates.tasks.send_import_acknowledgements_task": (
        gettext_lazy("Imported applications told"),
        None,
    ),
    "candidates.tasks.send_bulk_message_task": (gettext_lazy("Message from a bulk action"), 1),
    "interviews.tasks.send_slot_link_task": (gettext_lazy("Interview time picker link"), None),
    "interviews.tasks.send_interview_calendar_task": (
        gettext_lazy("Interview calendar invitation"),
        None,
    ),
    "interviews.tasks.send_interview_reminders_task": (gettext_lazy("Interview reminders"), None),
    "interviews.tasks.send_scorecard_nags_task": (gettext_lazy("Scorecard reminders"), None),
    "hiring.tasks.send_application_confirmation_task": (
        gettext_lazy("Application confirmation"),
        0,
    ),
    "hiring.tasks.send_erasure_request_notice_task": (gettext_lazy("Erasure request notice"), None),
    "hiring.tasks.send_checkin_request_task": (
        gettext_lazy("Check-in request to a hiring manager"),
        None,
    ),
    "passionhire.webhooks.tasks.send_webhook_disabled_email_task": (
        gettext_lazy("Webhook endpoint disabled, to its owner"),
        None,
    ),
    "passionhire.tasks.send_notification_digest_task": (gettext_lazy("Notification digest"), None),
    "passionhire.tasks.send_notification_digests_task": (
        gettext_lazy("Notification digests, all"),
        None,
    ),
}


@dataclass(frozen=True)
class Undelivered:
    message: OutboxMessage
    what: str
    application_id: int | None


def undelivered_emails(viewer) -> list[Undelivered]:
    """The emails given up, newest first; recruiters only (the view checks, this refuses too)."""
    if not has_role(viewer, RECRUITER):
        return []
    out = []
    for message in _given_up_emails().order_by("-given_up_at", "-pk"):
        what, application_arg = EMAIL_TASKS[message.task]
        application_id = None
        if application_arg is not None and len(message.args) > application_arg:
            application_id = message.args[application_arg]
        out.append(Undelivered(message, what, application_id))
    return out


def undelivered_email_count(viewer) -> int:
    if not has_role(viewer, RECRUITER):
        return 0
    return _given_up_emails().count()


def _given_up_emails():
    return OutboxMessage.objects.filter(
        given_up_at__isnull=False, done_at__isnull=True, task__in=EMAIL_TASKS
    )
