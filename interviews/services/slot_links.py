"""The candidate's slot-picking link: a signed [interview id, nonce] that works while the
interview is still to be picked or to happen, and the application is open."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candidates.models.pipeline import CLOSED_STAGES
from passionhire import signed_links
from passionhire.signed_links import LinkError, LinkExpired, LinkRevoked

from ..models import Interview

TOKEN_SALT = "interviews.slot-link"


def slot_link_token(interview: Interview) -> str:
    return signed_links.sign(salt=TOKEN_SALT, pk=interview.pk, nonce=interview.nonce)


def slot_link_url(interview: Interview) -> str:
    return settings.PASSIONHIRE["SITE_URL"] + reverse(
        "slots:pick", args=[slot_link_token(interview)]
    )


def interview_from_token(token: str) -> Interview:
    """The interview a slot link stands for; LinkError (tampered or unknown), LinkRevoked
    (cancelled, or the application is closed) or LinkExpired (not picked in time, or the
    interview has begun). A picked interview's link keeps working until its start, so the
    candidate can look up their time."""
    pk, nonce = signed_links.unsign(salt=TOKEN_SALT, token=token)
    interview = (
        Interview.objects.select_related("application__candidate", "application__role")
        .filter(pk=pk, nonce=nonce)
        .first()
    )
    if interview is None:
        raise LinkError
    if interview.status == Interview.Status.CANCELLED:
        raise LinkRevoked(_("This interview was cancelled. We will be in touch if there is news."))
    if interview.application.stage in CLOSED_STAGES:
        raise LinkRevoked(
            _(
                "Your application for this role is closed, so this link no longer works. If you "
                "think this is a mistake, reply to the email you received."
            )
        )
    if interview.status == Interview.Status.SCHEDULED and interview.starts_at <= timezone.now():
        raise LinkExpired(
            _(
                "This interview has already taken place, so its link no longer works. Reply to the "
                "email if you have a question."
            )
        )
    if interview.status == Interview.Status.OFFERED and interview.link_expires_at <= timezone.now():
        raise LinkExpired(
            _(
                "The times offered in this link have expired. Reply to the email and we will send "
                "you new ones."
            )
        )
    return interview
