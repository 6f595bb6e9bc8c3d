"""After someone applies on the careers page: the confirmation email, with the Passion Test
link to finish later and the link to their own status page."""

from django.conf import settings

from candidates.models import Application
from candidates.passion_test.services import invitation_url
from candidates.services import status_url
from passionhire.emails import send_email_once, templated_email


def application_send_confirmation(*, application_id: int) -> bool:
    """Email the applicant that their application arrived, once. Returns True if this call
    sent it; nothing for an application gone since, or a candidate since erased."""
    application = (
        Application.objects.select_related("candidate", "role").filter(pk=application_id).first()
    )
    if application is None or application.candidate.is_erased:
        return False
    invitation = application.passion_test_invitations.filter(revoked_at__isnull=True).first()
    context = {
        "application": application,
        "candidate": application.candidate,
        "role": application.role,
        "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
        "test_url": invitation_url(invitation) if invitation else "",
        "expires_at": invitation.expires_at if invitation else None,
        "status_url": status_url(application),
    }
    message = templated_email(
        template="candidates/emails/applied",
        context=context,
        to=[application.candidate.email],
        language=application.language,
    )
    return send_email_once(key=f"application:{application.pk}:applied", message=message)
