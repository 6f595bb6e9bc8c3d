"""Signed links for people without an account (a Passion Test, a slot picker): a token holds
[object id, random nonce] signed with a purpose-specific salt. The nonce lets us kill a link
(a new nonce) without a table of revoked tokens.

`unsign` accepts exactly that shape: any other payload, even a validly signed one, is a
tampered link (404), never a server error.
"""

import hashlib

from django.core import signing
from django.utils.translation import gettext_lazy

from .params import parse_id

MAX_TOKEN_LENGTH = 300


class LinkError(Exception):
    """A link that cannot be used; `status` is the HTTP status to answer with."""

    status = 404
    title = gettext_lazy("This link does not work")
    message = gettext_lazy("Check that you copied the whole link from the email.")

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class LinkExpired(LinkError):
    status = 410
    title = gettext_lazy("This link has expired")
    message = gettext_lazy(
        "Links to the Passion Test stay valid for a limited time. Reply to the email and we "
        "will send you a new one."
    )


class LinkRevoked(LinkError):
    status = 410
    title = gettext_lazy("This link was withdrawn")
    message = gettext_lazy(
        "This invitation is no longer valid. If you think this is a mistake, reply to the "
        "email you received."
    )


def sign(*, salt: str, pk: int, nonce: str) -> str:
    # Not a TimestampSigner: a link must be the same every time it is sent; expiry lives on
    # the object (a resend extends it, a new nonce ends it).
    return signing.Signer(salt=salt).sign_object([pk, nonce])


def unsign(*, salt: str, token: str) -> tuple[int, str]:
    """(pk, nonce) of a token this app signed with `salt`; LinkError for anything else."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        raise LinkError
    try:
        payload = signing.Signer(salt=salt).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise LinkError from None
    match payload:
        case [int() as pk, str() as nonce] if parse_id(pk) is not None:
            return pk, nonce
    raise LinkError


def token_digest(token: str) -> str:
    """What a log line may say about a token: a short hash, never the link itself."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()[:12]
