"""ID tokens a real provider never sends, made by spoiling its real ones on the way
(tests/sso/provider.py's TokenProxy): each is refused with a page that says what was wrong,
and nobody is signed in or made."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from passionhire.models import User
from tests.sso.conftest import sign_in

pytestmark = pytest.mark.django_db

ACCOUNTS = {
    "ada": {"email": "ada@example.com", "email_verified": True, "groups": ["hr-recruiters"]}
}


def test_the_proxy_passes_a_real_token_on_unchanged(client, token_proxy):
    token_proxy.provider.set_accounts(ACCOUNTS)
    assert sign_in(client, token_proxy.provider, "ada").url == reverse("hiring:dashboard")


@pytest.mark.parametrize(
    ("spoil", "reason", "words"),
    [
        ("signature", "signature", "did not carry a valid signature"),
        ({"aud": "another-application"}, "audience", "meant for another application"),
        (
            {"aud": ["passionhire", "another-application"], "azp": "another-application"},
            "audience",
            "meant for another application",
        ),
        (
            {"exp": int(time.time()) - 600, "iat": int(time.time()) - 4200},
            "expired",
            "had expired before it reached us",
        ),
        ({"iss": "http://127.0.0.1:1"}, "issuer", "did not come from Harbour ID"),
        ({"nonce": "another-sign-in"}, "token", "could not check the answer"),
    ],
    ids=["tampered-signature", "wrong-audience", "other-party", "expired", "issuer", "nonce"],
)
def test_a_spoiled_id_token_is_refused_with_a_page_that_says_why(
    client, token_proxy, spoil, reason, words, caplog
):
    token_proxy.provider.set_accounts(ACCOUNTS)
    token_proxy.spoil = spoil

    response = sign_in(client, token_proxy.provider, "ada")

    assert response.status_code == 302
    assert parse_qs(urlsplit(response.url).query)["reason"] == [reason]
    page = client.get(response.url)
    assert page.status_code == 200
    assert words in page.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "passionhire.sso")
    assert f"Single sign-on refused: {reason}" in logged
    assert "ada@example.com" not in caplog.text
