"""Single sign-on against a real OpenID provider (oidc-provider, started by tests/sso/conftest.py):
accounts made or found by the verified email, staff groups from the provider's groups, the
landing page, and the people it refuses."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from passionhire.models import AuditEntry, User
from passionhire.permissions import roles_of
from tests.factories import PASSWORD, RecruiterFactory, UserFactory
from tests.sso.conftest import PROVIDER_NAME, sign_in

pytestmark = pytest.mark.django_db


def signed_in_user(client):
    return User.objects.get(pk=client.session["_auth_user_id"])


def refusal(response) -> str:
    assert response.status_code == 302, response
    assert response.url.startswith(reverse("sso_failed")), response.url
    return parse_qs(urlsplit(response.url).query)["reason"][0]


def test_the_first_sign_in_makes_an_account_with_the_staff_groups_the_provider_gives(client, sso):
    sso.set_accounts(
        {
            "ada": {
                "email": "Ada.Lovelace@example.com",
                "email_verified": True,
                "given_name": "Ada",
                "family_name": "Lovelace",
                "groups": ["hr-recruiters", "canteen-committee"],
            }
        }
    )
    response = sign_in(client, sso, "ada")

    assert response.status_code == 302
    assert response.url == reverse("hiring:dashboard")
    ada = signed_in_user(client)
    assert (ada.email, ada.get_full_name()) == ("Ada.Lovelace@example.com", "Ada Lovelace")
    assert not ada.has_usable_password()
    assert roles_of(ada) == {"Recruiter"}
    dashboard = client.get(response.url)
    assert dashboard.templates[0].name == "hiring/dashboard/recruiter.html"
    made = AuditEntry.objects.get(action="user.sso_create")
    groups = AuditEntry.objects.get(action="user.groups")
    assert made.target == groups.target == f"user:{ada.pk}"
    assert (groups.before, groups.after) == ({"groups": []}, {"groups": ["Recruiter"]})


def test_the_authorization_request_uses_pkce_state_and_nonce(client, sso):
    start = client.get(reverse("sso_start"))
    query = parse_qs(urlsplit(start.url).query)
    assert start.url.startswith(f"{sso.issuer}/auth?")
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) == 43  # a SHA-256, base64url
    assert len(query["state"][0]) == len(query["nonce"][0]) == 32
    assert query["scope"] == ["openid email profile groups"]
    # The provider is set to refuse a sign-in without PKCE: the sign-ins here show ours works.


def test_an_existing_account_is_found_by_its_email_whatever_its_case(client, sso):
    rita = RecruiterFactory(username="rita", email="rita.recruiter@example.com")
    sso.set_accounts(
        {"rita": {"email": "RITA.Recruiter@Example.COM", "email_verified": True, "groups": []}}
    )
    sign_in(client, sso, "rita")

    assert signed_in_user(client) == rita
    assert User.objects.count() == 1


def test_the_providers_groups_replace_the_mapped_staff_groups_and_leave_the_others(
    client, sso, settings
):
    settings.OIDC_GROUP_MAP = {"hr-recruiters": "Recruiter", "people-managers": "Hiring manager"}
    board = Group.objects.create(name="Works council")
    rita = RecruiterFactory(email="rita@example.com", roles=["Recruiter", "Compliance"])
    rita.groups.add(board)
    claims = {"email": "rita@example.com", "email_verified": True, "groups": ["people-managers"]}
    sso.set_accounts({"rita": claims})
    sign_in(client, sso, "rita")

    # Compliance is not in the map, so it is managed here and stays, as does Works council.
    names = set(rita.groups.values_list("name", flat=True))
    assert names == {"Hiring manager", "Compliance", "Works council"}
    entry = AuditEntry.objects.get(action="user.groups")
    assert entry.before == {"groups": ["Recruiter"]}
    assert entry.after == {"groups": ["Hiring manager"]}

    # The next sign-in with the same groups changes nothing and writes no audit row.
    client.logout()
    sign_in(client, sso, "rita")
    assert AuditEntry.objects.filter(action="user.groups").count() == 1


def test_compliance_lands_on_the_fairness_report(client, sso):
    sso.set_accounts(
        {"cora": {"email": "cora@example.com", "email_verified": True, "groups": ["audit"]}}
    )
    response = sign_in(client, sso, "cora")
    assert client.get(response.url).url == reverse("hiring:fairness_report")


def test_a_sign_in_started_from_a_page_returns_to_it(client, sso):
    sso.set_accounts(
        {"emma": {"email": "emma@example.com", "email_verified": True, "groups": ["everyone"]}}
    )
    response = sign_in(client, sso, "emma", next_url=reverse("hiring:traits"))
    assert response.url == reverse("hiring:traits")
    assert client.get(response.url).status_code == 200

    client.logout()
    elsewhere = sign_in(client, sso, "emma", next_url="https://elsewhere.example/")
    assert elsewhere.url == reverse("hiring:dashboard")  # never off the site


@pytest.mark.parametrize(
    ("claims", "reason", "words"),
    [
        ({"email_verified": False}, "unverified_email", "has not confirmed your email"),
        ({}, "unverified_email", "has not confirmed your email"),
        ({"email_verified": True, "email": ""}, "no_email", "usable email address"),
    ],
)
def test_an_email_the_provider_has_not_verified_is_refused(
    client, sso, claims, reason, words, caplog
):
    mallory = {"email": "rita@example.com", "groups": ["hr-recruiters"]}
    sso.set_accounts({"mallory": mallory | claims})
    rita = RecruiterFactory(email="rita@example.com")

    response = sign_in(client, sso, "mallory")

    assert refusal(response) == reason
    assert "_auth_user_id" not in client.session
    page = client.get(response.url)
    assert page.status_code == 200
    assert words in page.content.decode()
    assert PROVIDER_NAME in page.content.decode()
    assert User.objects.get() == rita
    logged = [r.getMessage() for r in caplog.records if r.name == "passionhire.sso"]
    assert logged == [f"Single sign-on refused: {reason}"]  # and no address


def test_a_switched_off_account_is_refused(client, sso):
    rita = RecruiterFactory(email="rita@example.com", is_active=False)
    sso.set_accounts(
        {"rita": {"email": "rita@example.com", "email_verified": True, "groups": ["audit"]}}
    )
    response = sign_in(client, sso, "rita")

    assert refusal(response) == "inactive"
    assert "switched off" in client.get(response.url).content.decode()
    assert set(rita.groups.values_list("name", flat=True)) == {"Recruiter"}


def test_an_administrators_account_is_never_signed_in_through_the_provider(client, sso):
    """Whoever the provider gives the superuser's address to would get /admin/."""
    RecruiterFactory(email="root@example.com", is_superuser=True, is_staff=True)
    sso.set_accounts({"root": {"email": "root@example.com", "email_verified": True}})
    response = sign_in(client, sso, "root")

    assert refusal(response) == "administrator"
    assert "password only" in client.get(response.url).content.decode()
    assert "_auth_user_id" not in client.session


def test_a_switched_off_accounts_session_ends(client, sso):
    sso.set_accounts({"ada": {"email": "ada@example.com", "email_verified": True}})
    sign_in(client, sso, "ada")
    User.objects.filter(email="ada@example.com").update(is_active=False)
    assert client.get(reverse("hiring:traits")).url.startswith(reverse("login"))


def test_without_account_making_an_unknown_person_is_refused(client, sso, settings):
    settings.OIDC_CREATE_USER = False
    sso.set_accounts({"zed": {"email": "zed@example.com", "email_verified": True}})
    response = sign_in(client, sso, "zed")
    assert refusal(response) == "unknown_user"
    assert not User.objects.exists()


def test_two_accounts_with_the_email_are_refused_rather_than_one_picked(client, sso):
    UserFactory(email="pat@example.com")
    UserFactory(email="PAT@example.com")
    sso.set_accounts({"pat": {"email": "pat@example.com", "email_verified": True}})
    assert refusal(sign_in(client, sso, "pat")) == "ambiguous"


def test_a_callback_used_twice_is_refused(client, sso):
    sso.set_accounts({"ada": {"email": "ada@example.com", "email_verified": True}})
    start = client.get(reverse("sso_start"))
    back = urlsplit(sso.log_in(start.url, "ada"))
    callback = f"{back.path}?{back.query}"
    assert client.get(callback).url == reverse("hiring:dashboard")
    client.logout()
    assert refusal(client.get(callback)) == "stale"


def test_a_code_the_provider_does_not_know_is_refused(client, sso):
    state = parse_qs(urlsplit(client.get(reverse("sso_start")).url).query)["state"][0]
    response = client.get(reverse("sso_callback"), {"code": "made-up", "state": state})
    assert refusal(response) == "provider"
    assert "did not accept this sign-in" in client.get(response.url).content.decode()


def test_a_token_endpoint_that_does_not_answer_gets_a_page_not_an_error(client, sso, settings):
    from tests.redis_server import free_port

    sso.set_accounts({"ada": {"email": "ada@example.com", "email_verified": True}})
    start = client.get(reverse("sso_start"))
    back = urlsplit(sso.log_in(start.url, "ada"))
    settings.OIDC_OP_TOKEN_ENDPOINT = f"http://127.0.0.1:{free_port()}/token"
    assert refusal(client.get(f"{back.path}?{back.query}")) == "unavailable"
    assert "_auth_user_id" not in client.session


def test_stopping_at_the_provider_says_so(client, sso):
    start = parse_qs(urlsplit(client.get(reverse("sso_start")).url).query)
    response = client.get(
        reverse("sso_callback"), {"error": "access_denied", "state": start["state"][0]}
    )
    assert refusal(response) == "cancelled"
    assert "stopped at Harbour ID" in client.get(response.url).content.decode()


def test_a_provider_that_does_not_answer_gets_a_page_not_an_error(client, sso, settings):
    from tests.redis_server import free_port

    settings.OIDC_ISSUER = f"http://127.0.0.1:{free_port()}"
    response = client.get(reverse("sso_start"))
    assert refusal(response) == "unavailable"
    assert "could not reach Harbour ID" in client.get(response.url).content.decode()


def test_the_log_in_page_offers_both_ways_by_default(client, sso):
    page = client.get(reverse("login")).content.decode()
    assert f"Log in with {PROVIDER_NAME}" in page
    assert 'name="password"' in page


def test_without_single_sign_on_there_is_no_button_and_its_start_says_why(client):
    page = client.get(reverse("login")).content.decode()
    assert "Log in with" not in page
    response = client.get(reverse("sso_start"))
    assert refusal(response) == "off"
    assert "not set up here" in client.get(response.url).content.decode()


def test_with_password_log_in_off_only_the_button_shows_and_a_password_is_refused(
    client, sso, settings
):
    settings.PASSWORD_LOGIN = False
    RecruiterFactory(username="rita", is_staff=True)  # may use the admin
    page = client.get(reverse("login")).content.decode()
    assert f"Log in with {PROVIDER_NAME}" in page
    assert 'name="password"' not in page

    refused = client.post(reverse("login"), {"username": "rita", "password": PASSWORD})
    assert refused.status_code == 403
    assert "Logging in with a password is switched off here" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # The admin's own log-in page takes no password either.
    admin = client.post(reverse("admin:login"), {"username": "rita", "password": PASSWORD})
    assert admin.status_code == 200  # its form, with its error
    assert "_auth_user_id" not in client.session


def test_with_password_log_in_on_a_password_still_works(client, sso):
    RecruiterFactory(username="rita")
    response = client.post(reverse("login"), {"username": "rita", "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_a_group_map_naming_no_staff_group_fails_its_system_check(settings):
    from passionhire.sso import check_sso_settings

    settings.OIDC_GROUP_MAP = {"hr": "Recruiters"}
    assert [error.id for error in check_sso_settings(None)] == ["passionhire.E101"]


def test_refused_sign_ins_are_not_counted_against_anyone(client, sso, settings):
    """Axes would count them under "no username" for everyone: fifty and nobody could sign in."""
    from axes.models import AccessAttempt

    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 2
    sso.set_accounts(
        {
            "mallory": {"email": "mallory@example.com", "email_verified": False},
            "ada": {"email": "ada@example.com", "email_verified": True},
        }
    )
    for _ in range(3):
        assert refusal(sign_in(client, sso, "mallory")) == "unverified_email"
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, sso, "ada").url == reverse("hiring:dashboard")
