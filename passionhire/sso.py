"""Single sign-on for staff with OpenID Connect: the provider's endpoints, and the
authentication backends (mozilla-django-oidc's, made strict, and the switch that turns
passwords off).

Why each check is here (mozilla-django-oidc leaves them to us): the ID token's issuer, audience
(and `azp`) and expiry are verified with its signature; a userinfo answer must be about the
same `sub`; the email must be verified by the provider (`email_verified`), since it is what
finds the account. Every refusal has a reason (`REASONS`): the sign-in page that follows says
it in plain words (passionhire/sso_views.py), and the log says it without personal data.
"""

import logging
import threading
import time
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core import checks
from django.core.exceptions import (
    PermissionDenied,
    SuspiciousOperation,
    ValidationError,
)
from django.db import IntegrityError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from . import services
from .permissions import StaffRole

logger = logging.getLogger(__name__)

# Seconds of clock difference between us and the provider that an ID token's times may show.
CLOCK_LEEWAY = 60

# Why a single sign-on was refused (each has its sentence on the page, sso_views.MESSAGES).
REASONS = (
    "cancelled",  # the person (or the provider) stopped at the provider's pages
    "provider",  # the provider answered with an error (a used or wrong code, …)
    "stale",  # the callback's state is not this browser's (too old, another browser)
    "unavailable",  # the provider did not answer
    "expired",  # the ID token had expired
    "audience",  # the ID token is for another application
    "signature",  # the ID token's signature does not verify with the provider's keys
    "issuer",  # the ID token is from another issuer
    "token",  # the ID token or the userinfo answer is not usable otherwise
    "no_email",  # no (usable) email claim
    "unverified_email",  # email_verified is not true
    "inactive",  # the account is switched off
    "administrator",  # a superuser: whoever the provider names with that address gets /admin/
    "unknown_user",  # no account, and OIDC_CREATE_USERS=false
    "ambiguous",  # several accounts have that email
    "off",  # single sign-on is not set up
    "config",  # set up wrongly (OIDC_GROUP_MAP names a group we don't have, …)
    "failed",  # anything else
)


class Refused(Exception):
    """A single sign-on refused for `reason` (one of REASONS)."""

    def __init__(self, reason: str, detail: str = ""):
        assert reason in REASONS, reason
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_RP_CLIENT_ID)


def provider_name() -> str:
    return settings.OIDC_PROVIDER_NAME


def note_refusal(request, reason: str, detail: str = "") -> None:
    """Keep the reason on the request for the callback's redirect, and log it (the reason
    and what failed: never a claim, an address or a token)."""
    request.sso_refusal = reason
    logger.warning("Single sign-on refused: %s%s", reason, f" ({detail})" if detail else "")


# --- The provider's endpoints -------------------------------------------------------------


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str  # may be empty: the ID token's claims are then all we read
    jwks_uri: str


_discovered: dict[str, tuple[float, dict]] = {}
_discovery_lock = threading.Lock()

_EXPLICIT = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
}


def _discovery(issuer: str) -> dict:
    """The issuer's discovery document, fetched when first needed and kept for
    OIDC_DISCOVERY_SECONDS (a failed fetch is not kept: the next sign-in tries again)."""
    now = time.monotonic()
    cached = _discovered.get(issuer)
    if cached and now - cached[0] < settings.OIDC_DISCOVERY_SECONDS:
        return cached[1]
    url = issuer.rstrip("/") + "/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise Refused("unavailable", f"discovery: {type(error).__name__}") from error
    # OpenID Connect Discovery 1.0, 4.3: the document must name the issuer we asked.
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise Refused("config", "discovery names another issuer")
    with _discovery_lock:
        _discovered[issuer] = (now, document)
    return document


def provider() -> Provider:
    """The endpoints to use now: each OIDC_OP_* setting that is set, the discovery
    document's for the rest (not fetched when every one is set)."""
    issuer = settings.OIDC_ISSUER
    found = {name: getattr(settings, setting) for name, setting in _EXPLICIT.items()}
    if not all(found.values()):
        document = _discovery(issuer)
        found = {name: value or document.get(name) or "" for name, value in found.items()}
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(found[name], str) or not found[name]:
            raise Refused("config", f"no {name}")
    return Provider(issuer=issuer, **found)


# --- The backends -------------------------------------------------------------------------


class PasswordsSwitchedOff:
    """Between django-axes and Django's ModelBackend: with PASSWORD_LOGIN=false it stops every
    password log-in (the admin's included) before ModelBackend reads it. A backend of its own
    rather than a ModelBackend subclass, so sessions keep ModelBackend's name (nobody is
    logged out by this change) and without get_user (the test client's force_login takes the
    first backend that has one)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password is not None and not settings.PASSWORD_LOGIN:
            raise PermissionDenied("Password log-in is switched off.")
        return None


def staff_groups_from(claims: dict) -> set[str]:
    """The staff groups OIDC_GROUP_MAP gives for the provider's groups claim (a list of
    names, or one name)."""
    value = claims.get(settings.OIDC_GROUPS_CLAIM)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return set()
    mapping = settings.OIDC_GROUP_MAP
    return {mapping[name] for name in value if isinstance(name, str) and name in mapping}


def _unknown_staff_groups() -> set[str]:
    return set(settings.OIDC_GROUP_MAP.values()) - set(StaffRole.values)


class SSOBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's authorization code flow, with the endpoints of `provider()` and
    the checks it leaves out. Only the callback's credentials (nonce, code verifier) bind to
    `authenticate`, so a password log-in never reaches it."""

    def __init__(self, *args, **kwargs):
        # mozilla-django-oidc reads every endpoint here, for every backend Django loads (each
        # password log-in and session too): ours are read in `authenticate`, when needed.
        self.UserModel = get_user_model()

    def _use(self, found: Provider) -> None:
        self.issuer = found.issuer
        self.OIDC_OP_TOKEN_ENDPOINT = found.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = found.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = found.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, nonce=None, code_verifier=None):
        if request is None or not enabled():
            return None
        try:
            if not nonce:
                raise Refused("stale", "no nonce")
            self._use(provider())
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except Refused as refusal:
            note_refusal(request, refusal.reason, refusal.detail)
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else 0
            reason = "provider" if 400 <= status < 500 else "unavailable"
            note_refusal(request, reason, f"HTTP {status} from the provider")
        except (requests.RequestException, ValueError) as error:
            note_refusal(request, "unavailable", type(error).__name__)
        except (SuspiciousOperation, jwt.PyJWTError, KeyError, TypeError) as error:
            note_refusal(request, "token", type(error).__name__)
        # Stops Django trying other backends. Its user_login_failed signal is not counted by
        # django-axes on this path (passionhire.login_limits.not_counted says why).
        raise PermissionDenied

    def _verify_jws(self, payload, key):
        """The signature, and what mozilla-django-oidc does not check: issuer, audience
        (and the authorised party when there are several audiences), expiry."""
        try:
            algorithm = jwt.get_unverified_header(payload).get("alg")
        except jwt.PyJWTError as error:
            raise Refused("token", "not a JWT") from error
        if algorithm != self.OIDC_RP_SIGN_ALGO:
            raise Refused("signature", f"algorithm {algorithm!r}")
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[algorithm],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.issuer,
                leeway=CLOCK_LEEWAY,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise Refused("expired") from error
        except jwt.InvalidAudienceError as error:
            raise Refused("audience") from error
        except jwt.InvalidIssuerError as error:
            raise Refused("issuer") from error
        except jwt.InvalidSignatureError as error:
            raise Refused("signature") from error
        except jwt.PyJWTError as error:
            raise Refused("token", type(error).__name__) from error
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.OIDC_RP_CLIENT_ID:
            raise Refused("audience", "azp")
        return claims

    def retrieve_matching_jwk(self, token):
        try:
            return super().retrieve_matching_jwk(token)
        except SuspiciousOperation as error:  # no key of the provider's has the token's kid
            raise Refused("signature", "no matching key") from error

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, updated with the userinfo endpoint's (when the provider
        has one) once that answer is shown to be about the same person."""
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = super().get_userinfo(access_token, id_token, payload)
            if not isinstance(userinfo, dict) or userinfo.get("sub") != payload.get("sub"):
                raise Refused("token", "userinfo is about another sub")
            claims.update(userinfo)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        email = claims.get("email")
        if not isinstance(email, str) or "@" not in email:
            raise Refused("no_email")
        # Some providers (Cognito) send the boolean as a string.
        if claims.get("email_verified") not in (True, "true"):
            raise Refused("unverified_email")
        email = email.strip()
        user = self._account_for(email, claims)
        if settings.OIDC_GROUP_MAP:
            unknown = _unknown_staff_groups()
            if unknown:
                raise Refused("config", f"OIDC_GROUP_MAP names {len(unknown)} unknown group(s)")
            services.user_set_staff_groups_from_sso(
                user=user,
                granted=staff_groups_from(claims),
                managed=set(settings.OIDC_GROUP_MAP.values()),
            )
        return user

    def _account_for(self, email: str, claims: dict):
        users = list(self.UserModel.objects.filter(email__iexact=email)[:2])
        if not users and settings.OIDC_CREATE_USER:
            try:
                return services.sso_user_create(
                    email=email,
                    first_name=_text(claims.get("given_name")),
                    last_name=_text(claims.get("family_name")),
                    display_name=_text(claims.get("name")),
                )
            except ValidationError as error:
                raise Refused("no_email", "unusable email") from error
            except IntegrityError:
                # The same person's other sign-in made the account a moment ago.
                users = list(self.UserModel.objects.filter(email__iexact=email)[:2])
        if not users:
            raise Refused("unknown_user")
        if len(users) > 1:
            raise Refused("ambiguous")
        if not users[0].is_active:
            raise Refused("inactive")
        if users[0].is_superuser:
            raise Refused("administrator")
        return users[0]

    def get_user(self, user_id):
        # Django's rule, which mozilla-django-oidc's own get_user skips: a switched-off
        # account's sessions end.
        return ModelBackend.get_user(self, user_id)


def _text(value) -> str:
    return value.strip()[:150] if isinstance(value, str) else ""


@checks.register(checks.Tags.security)
def check_sso_settings(app_configs, **kwargs):
    """Mistakes in the single sign-on settings that would otherwise show only when someone
    signs in."""
    errors = []
    unknown = _unknown_staff_groups()
    if unknown:
        errors.append(
            checks.Error(
                f"OIDC_GROUP_MAP names staff groups that do not exist: {sorted(unknown)}.",
                hint=f"Use these names: {', '.join(StaffRole.values)}.",
                id="passionhire.E101",
            )
        )
    if enabled() and not settings.OIDC_RP_CLIENT_SECRET:
        errors.append(
            checks.Error(
                "OIDC_RP_CLIENT_SECRET is not set.",
                hint="The provider gives it with the client id.",
                id="passionhire.E102",
            )
        )
    return errors
