"""A real OpenID provider for the single sign-on tests (tests/sso/provider.py), one for the
session, and the settings that point the app at it."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, OpenIDProvider, TokenProxy

PROVIDER_NAME = "Harbour ID"
GROUP_MAP = {
    "hr-recruiters": "Recruiter",
    "people-managers": "Hiring manager",
    "everyone": "Employee",
    "audit": "Compliance",
}


@pytest.fixture(scope="session")
def oidc_provider():
    """The provider, with the Django test client's callback as the client's redirect URI."""
    provider = OpenIDProvider(["http://testserver/accounts/sso/callback/"]).start()
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, oidc_provider):
    """Single sign-on on, against the real provider, with no accounts there yet."""
    oidc_provider.set_accounts({})
    settings.OIDC_ISSUER = oidc_provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_PROVIDER_NAME = PROVIDER_NAME
    settings.OIDC_GROUP_MAP = GROUP_MAP
    return oidc_provider


@pytest.fixture
def token_proxy(sso, settings):
    """The provider's token endpoint behind a proxy the test tells how to spoil ID tokens."""
    proxy = TokenProxy(sso)
    settings.OIDC_OP_TOKEN_ENDPOINT = proxy.url
    yield proxy
    proxy.close()


def sign_in(client, provider, login: str, next_url: str = ""):
    """Log in as `login` at the provider, from our log-in page's button to our callback;
    returns the callback's response (the app exchanges the code with the provider itself)."""
    start = client.get(reverse("sso_start"), {"next": next_url} if next_url else {})
    assert start.status_code == 302, start
    back = urlsplit(provider.log_in(start.url, login))
    assert back.path == reverse("sso_callback")
    return client.get(f"{back.path}?{back.query}")
