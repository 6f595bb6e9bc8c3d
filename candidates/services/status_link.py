"""The candidate's status page link: a signed [application id, nonce] that works while the
application is open and for STATUS_LINK_DAYS_AFTER_CLOSE days after it closed.

It lives here, beside the application it stands for, so that any app can put the link in an
email (the apply confirmation, the acknowledgement); the page itself is the composition app's
(hiring/status/), mounted under /s/.
"""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from passionhire import signed_links
from passionhire.signed_links import LinkError, LinkExpired

from ..models import Application, ErasureRequest
from ..models.pipeline import CLOSED_STAGES

TOKEN_SALT = "candidates.status-page"


class LinkErased(LinkError):
    """The link of a candidate whose personal data was erased: gone, and it says why."""

    status = 410
    title = gettext_lazy("This application's data was erased")
    message = gettext_lazy(
        "The data of this application was erased at your request, so there is nothing to "
        "show here any more."
    )


ERASED_BY_POLICY = gettext_lazy(
    "The data of this application was erased because nothing had happened on it for a long "
    "time, so there is nothing to show here any more."
)
CLOSED_TOO_LONG = gettext_lazy(
    "Your application closed more than {days} days ago, so this page is no longer available. "
    "If you have a question, reply to any email you received from us."
)


def status_token(application: Application) -> str:
    return signed_links.sign(salt=TOKEN_SALT, pk=application.pk, nonce=application.status_nonce)


def status_url(application: Application) -> str:
    """The absolute link to the application's status page (for emails)."""
    path = reverse("status:page", args=[status_token(application)])
    return settings.PASSIONHIRE["SITE_URL"] + path


def status_link_closes_at(application: Application):
    """When the link stops working: None while the application is open."""
    if application.stage not in CLOSED_STAGES:
        return None
    days = settings.PASSIONHIRE["STATUS_LINK_DAYS_AFTER_CLOSE"]
    return application.stage_changed_at + timedelta(days=days)


def application_from_status_token(token: str) -> Application:
    """The application a status link stands for, with its candidate and role. Raises
    LinkError (tampered, unknown, or an older nonce), LinkErased (the candidate's data was
    erased) or LinkExpired (closed more than STATUS_LINK_DAYS_AFTER_CLOSE days ago)."""
    pk, nonce = signed_links.unsign(salt=TOKEN_SALT, token=token)
    application = (
        Application.objects.select_related("candidate", "role")
        .filter(pk=pk, status_nonce=nonce)
        .first()
    )
    if application is None:
        raise LinkError
    if application.candidate.is_erased:
        asked = ErasureRequest.objects.filter(
            candidate_id=application.candidate_id, resolved_at__isnull=False
        ).exists()
        raise LinkErased(None if asked else ERASED_BY_POLICY)
    closes_at = status_link_closes_at(application)
    if closes_at is not None and closes_at <= timezone.now():
        days = settings.PASSIONHIRE["STATUS_LINK_DAYS_AFTER_CLOSE"]
        raise LinkExpired(CLOSED_TOO_LONG.format(days=days))
    return application
