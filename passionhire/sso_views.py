"""The log-in page (password and single sign-on), and single sign-on's start, callback and
the page that says why a sign-in was refused."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from . import sso
from .permissions import public_view

# What the refusal page says for each reason (sso.REASONS); %(provider)s is OIDC_PROVIDER_NAME.
MESSAGES = {
    "cancelled": _("The sign-in was stopped at %(provider)s, so you are not signed in."),
    "provider": _("%(provider)s did not accept this sign-in. Please start again."),
    "stale": _(
        "This sign-in was started too long ago, or in another browser or window. "
        "Please start again."
    ),
    "unavailable": _(
        "We could not reach %(provider)s. Please try again in a few minutes; if it keeps "
        "happening, tell your PassionHire administrator."
    ),
    "expired": _(
        "The answer from %(provider)s had expired before it reached us. Check that your "
        "device's clock is right, then try again."
    ),
    "audience": _(
        "The answer from %(provider)s was meant for another application, so we did not accept it."
    ),
    "signature": _(
        "The answer from %(provider)s did not carry a valid signature, so we could not trust "
        "it. Nothing was signed in."
    ),
    "issuer": _("The answer did not come from %(provider)s, so we did not accept it."),
    "token": _("We could not check the answer from %(provider)s, so we did not accept it."),
    "no_email": _(
        "%(provider)s did not tell us a usable email address, and we need it to find your account."
    ),
    "unverified_email": _(
        "%(provider)s has not confirmed your email address yet. Confirm it there, then sign "
        "in again."
    ),
    "inactive": _(
        "Your PassionHire account is switched off. Ask your PassionHire administrator to "
        "switch it back on."
    ),
    "administrator": _(
        "This account administers PassionHire, so it logs in with its password only, never "
        "through %(provider)s."
    ),
    "unknown_user": _(
        "There is no PassionHire account for your email address. Ask your PassionHire "
        "administrator for one."
    ),
    "ambiguous": _(
        "More than one PassionHire account has your email address, so we cannot tell which "
        "is yours. Ask your PassionHire administrator to sort it out."
    ),
    "off": _("Single sign-on is not set up here. Log in with your username and password."),
    "config": _(
        "Single sign-on is not set up correctly here. Please tell your PassionHire administrator."
    ),
    "failed": _("We could not sign you in with %(provider)s."),
}
# Provider errors that mean the person stopped (OpenID Connect Core 3.1.2.6, RFC 6749 4.1.2.1).
STOPPED = {"access_denied", "login_required", "consent_required", "interaction_required"}


def refused(reason: str) -> HttpResponseRedirect:
    """To the page that says why (LOGIN_REDIRECT_URL_FAILURE, as mozilla-django-oidc names it)."""
    page = resolve_url(settings.LOGIN_REDIRECT_URL_FAILURE)
    return HttpResponseRedirect(f"{page}?{urlencode({'reason': reason})}")


def sso_context() -> dict:
    return {
        "sso_enabled": sso.enabled(),
        "sso_provider": sso.provider_name(),
        "password_login": settings.PASSWORD_LOGIN,
    }


class StaffLoginView(LoginView):
    """Django's log-in page, with the single sign-on button when it is set up. With
    PASSWORD_LOGIN=false the page shows that button alone, and a password sent anyway is
    refused with the page and a 403 (nobody's password is even read)."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not settings.PASSWORD_LOGIN:
            context = self.get_context_data(form=None, password_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        if not settings.PASSWORD_LOGIN:
            kwargs.setdefault("form", None)
        return super().get_context_data(**kwargs) | sso_context()


class SSOStartView(OIDCAuthenticationRequestView):
    """To the provider's sign-in, with state, nonce and a PKCE challenge kept in the session."""

    def __init__(self, **kwargs):
        # mozilla-django-oidc reads the endpoint here; ours may need the discovery document.
        View.__init__(self, **kwargs)

    def get(self, request):
        if not sso.enabled():
            return refused("off")
        try:
            found = sso.provider()
        except sso.Refused as refusal:
            sso.note_refusal(request, refusal.reason, refusal.detail)
            return refused(refusal.reason)
        self.OIDC_OP_AUTH_ENDPOINT = found.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class SSOCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: the code is exchanged and checked
    (sso.SSOBackend); a refusal goes to the page that says why, never to an error page."""

    def get(self, request):
        if not sso.enabled():
            return refused("off")
        error = request.GET.get("error")
        if error:
            reason = "cancelled" if error in STOPPED else "provider"
            sso.note_refusal(request, reason, f"the provider answered {error[:40]!r}")
        elif not {"code", "state"} <= set(request.GET) or "oidc_states" not in request.session:
            sso.note_refusal(request, "stale")
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state this session did not start
            sso.note_refusal(request, "stale", "unknown state")
            return self.login_failure()

    def login_failure(self):
        reason = getattr(self.request, "sso_refusal", None)
        if reason is None:  # Not refused by us: an inactive user, a locked-out address, …
            reason = "failed"
            sso.note_refusal(self.request, reason)
        return refused(reason)


@public_view
@require_GET
def sso_failed(request):
    """Why single sign-on did not sign you in, in plain words, with a way to try again."""
    reason = request.GET.get("reason", "")
    if reason not in MESSAGES:
        reason = "failed"
    provider = sso.provider_name()
    return render(
        request,
        "registration/sso_failed.html",
        {
            "reason": reason,
            "message": MESSAGES[reason] % {"provider": provider},
            "try_again": sso.enabled() and reason not in ("off", "config"),
        }
        | sso_context(),
    )


login = StaffLoginView.as_view()
sso_start = public_view(SSOStartView.as_view())
sso_callback = public_view(SSOCallbackView.as_view())
