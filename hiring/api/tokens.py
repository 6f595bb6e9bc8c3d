"""Making, checking and revoking personal access tokens (writes audited, as every write)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire.audit import audit_record
from passionhire.permissions import HIRING_MANAGER, RECRUITER, has_role

from .models import ApiToken

# Who may hold a token: the people whose pages the API serves (the candidates, roles and
# applications of the pipeline). Employees and Compliance have no API.
API_ROLES = (RECRUITER, HIRING_MANAGER)
LIFETIMES = (7, 30, 90, 365)  # days; a token always expires
# Touching last_used_at on every call would write on every read; once a minute is enough to
# tell the owner which tokens are in use.
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # the whole token, shown once


def may_hold_tokens(user) -> bool:
    return has_role(user, *API_ROLES)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, scope: str, days: int) -> NewToken:
    """A new token for `user` (who must be a recruiter or hiring manager), valid `days` days."""
    if not may_hold_tokens(user):
        raise PermissionDenied("Only recruiters and hiring managers use the API.")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": gettext("Name the token after what will use it.")})
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": gettext("Choose read or read and write.")})
    if days not in LIFETIMES:
        raise ValidationError({"days": gettext("Choose how long the token lasts.")})
    prefix = secrets.token_hex(4)
    raw = f"ph_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name[:80],
        prefix=prefix,
        digest=_digest(raw),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    audit_record(
        actor=user,
        action="api_token.create",
        target=f"api_token:{token.pk}",
        after={"name": token.name, "scope": scope, "expires_at": token.expires_at.isoformat()},
        summary=f"API token “{token.name}” made ({scope}, {days} days)",
    )
    return NewToken(token=token, secret=raw)


@transaction.atomic
def token_revoke(*, token_id: int, user) -> ApiToken:
    """Revoke one of `user`'s own tokens. Idempotent."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise PermissionDenied("Not your token.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=user,
            action="api_token.revoke",
            target=f"api_token:{token.pk}",
            after={"owner": token.user_id},
            summary=f"API token “{token.name}” revoked",
        )
    return token


class TokenRefused(Exception):
    """Why a token was refused, in words for the caller (never which part was wrong)."""


def token_check(raw: str) -> ApiToken:
    """The live token `raw` stands for, with its user; TokenRefused otherwise. The digest is
    compared in constant time; an unknown, revoked or expired token, or one whose owner left
    or lost the roles that use the API, is refused."""
    parts = raw.split("_", 2)  # the secret itself may hold "_"
    if len(parts) != 3 or parts[0] != "ph" or not parts[1].isascii():
        raise TokenRefused("The token is not valid.")
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(raw)):
        raise TokenRefused("The token is not valid.")
    if token.revoked_at is not None:
        raise TokenRefused("The token was revoked.")
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenRefused("The token has expired.")
    if not token.user.is_active or not may_hold_tokens(token.user):
        raise TokenRefused("The token's owner may not use the API.")
    idle_days = settings.API_TOKEN_OWNER_IDLE_DAYS
    if idle_days:
        seen = max(filter(None, (token.user.last_login, token.created_at)))
        if now - seen > timedelta(days=idle_days):
            raise TokenRefused(
                f"The token's owner has not signed in for {idle_days} days; their tokens work "
                "again once they sign in."
            )
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
