"""Real headless Chromium: single sign-on through a real OpenID provider's own pages
(oidc-provider, tests/sso/provider.py), to the recruiter's dashboard, and the page that says
why an unverified email is refused."""

import re

import pytest
from playwright.sync_api import Page, expect

from passionhire.models import User
from tests.sso.provider import CLIENT_ID, CLIENT_SECRET, OpenIDProvider

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def provider(live_server):
    provider = OpenIDProvider([f"{live_server.url}/accounts/sso/callback/"]).start()
    yield provider
    provider.stop()


@pytest.fixture
def sso(settings, provider):
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_RP_SCOPES = "openid email profile groups"
    settings.OIDC_PROVIDER_NAME = "Harbour ID"
    settings.OIDC_GROUP_MAP = {"hr-recruiters": "Recruiter", "everyone": "Employee"}
    provider.set_accounts(
        {
            "rita": {
                "email": "rita@example.com",
                "email_verified": True,
                "given_name": "Rita",
                "family_name": "Recruiter",
                "groups": ["hr-recruiters", "everyone"],
            },
            "mallory": {"email": "mallory@example.com", "email_verified": False},
        }
    )
    return provider


def sign_in_at_the_provider(page: Page, live_server, login: str, screenshot=None) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_label("Password")).to_be_visible()  # passwords stay beside it
    if screenshot:
        screenshot("sso-log-in-page")
    page.get_by_role("link", name="Log in with Harbour ID").click()
    # The provider's own sign-in page (its development one takes any password).
    page.get_by_placeholder("Enter any login").fill(login)
    page.get_by_placeholder("and password").fill("whatever-they-type")
    page.get_by_role("button", name="Sign-in").click()


def test_a_recruiter_signs_in_with_the_provider_and_an_unverified_email_is_told_why(
    live_server, watched_page: Page, screenshot, sso
):
    page = watched_page
    # The provider's development pages ask Google for a font: answered here, offline.
    page.route(
        "https://fonts.googleapis.com/**",
        lambda route: route.fulfill(status=200, content_type="text/css", body=""),
    )
    sign_in_at_the_provider(page, live_server, "rita", screenshot)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Hello, Rita")).to_be_visible()
    expect(page.get_by_role("heading", name="Add a candidate")).to_be_visible()
    rita = User.objects.get(email="rita@example.com")
    assert set(rita.groups.values_list("name", flat=True)) == {"Recruiter", "Employee"}
    screenshot("sso-recruiter-dashboard")

    page.context.clear_cookies()  # a new visitor, here and at the provider
    sign_in_at_the_provider(page, live_server, "mallory")
    expect(page).to_have_url(re.compile(r"/accounts/sso/refused/\?reason=unverified_email$"))
    heading = page.get_by_role("heading", name="You are not signed in with Harbour ID")
    expect(heading).to_be_visible()
    expect(page.get_by_text("Harbour ID has not confirmed your email address yet.")).to_be_visible()
    expect(page.get_by_role("link", name="Try again")).to_be_visible()
    assert not User.objects.filter(email="mallory@example.com").exists()
    screenshot("sso-refused-unverified-email")
