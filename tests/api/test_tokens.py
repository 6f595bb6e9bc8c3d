"""Personal access tokens: made on Settings → API tokens and shown once, kept only as a
digest, scoped, expiring, revocable, and limited in rate."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from hiring.api.models import ApiToken
from hiring.api.tokens import token_create
from passionhire.models import AuditEntry
from tests.api.conftest import Api

ME = reverse("api:me")


def test_a_recruiter_makes_a_token_sees_it_once_and_it_works(client, recruiter):
    client.force_login(recruiter)
    made = client.post(
        reverse("hiring:api_tokens"), {"name": "HR sync", "scope": "write", "days": "30"}
    )
    assert made.status_code == 302  # Post/Redirect/Get: a reload makes no second token
    page = client.get(made.url)
    secret = page.context["made"].secret
    assert secret.startswith("ph_")
    assert secret in page.content.decode()
    token = ApiToken.objects.get()
    assert secret not in (token.digest, token.prefix)
    assert len(token.digest) == 64
    assert AuditEntry.objects.filter(action="api_token.create", actor=recruiter).exists()
    again = client.get(reverse("hiring:api_tokens")).content.decode()
    assert "HR sync" in again
    assert secret not in again
    me = Api(secret).get(ME).json()
    assert me["username"] == recruiter.username
    assert me["scope"] == "write"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": "", "scope": "read", "days": "30"}, "name"),
        ({"name": "x", "scope": "admin", "days": "30"}, "scope"),
        ({"name": "x", "scope": "read", "days": "36500"}, "days"),
        ({"name": "x", "scope": "read", "days": "３０"}, "days"),
    ],
)
def test_a_bad_token_form_is_sent_back_with_its_error_and_makes_nothing(
    client, hiring_manager, data, error
):
    client.force_login(hiring_manager)
    page = client.post(reverse("hiring:api_tokens"), data)
    assert page.status_code == 422
    assert page.context["form"].errors[error]
    assert not ApiToken.objects.exists()


def test_employees_and_compliance_have_no_tokens(client, employee, compliance):
    for user in (employee, compliance):
        client.force_login(user)
        assert client.get(reverse("hiring:api_tokens")).status_code == 403
        with pytest.raises(PermissionDenied):
            token_create(user=user, name="x", scope="read", days=30)
    assert not ApiToken.objects.exists()


def test_revoked_and_expired_tokens_are_refused_with_words(client, recruiter):
    made = token_create(user=recruiter, name="old", scope="read", days=7)
    api = Api(made.secret)
    assert api.get(ME).status_code == 200
    client.force_login(recruiter)
    client.post(reverse("hiring:api_token_revoke", args=[made.token.pk]))
    refused = api.get(ME)
    assert refused.status_code == 401
    assert refused.json()["detail"] == "The token was revoked."
    assert refused["WWW-Authenticate"].startswith("Bearer")
    other = token_create(user=recruiter, name="short", scope="read", days=7)
    ApiToken.objects.filter(pk=other.token.pk).update(expires_at=timezone.now())
    assert Api(other.secret).get(ME).json()["detail"] == "The token has expired."
    for garbage in ("ph_x", "ph_" + "0" * 8 + "_nope", "Basic abc", "ph_ä_é"):
        assert Api(garbage).get(ME).status_code == 401


def test_a_token_does_not_outlive_its_owners_role(recruiter):
    made = token_create(user=recruiter, name="sync", scope="read", days=30)
    recruiter.groups.clear()
    response = Api(made.secret).get(ME)
    assert response.status_code == 401


def test_a_signed_in_browser_session_is_not_a_token(client, recruiter):
    client.force_login(recruiter)
    assert client.get(ME).status_code == 401
    assert client.get(reverse("api:applications")).status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(recruiter):
    made = token_create(user=recruiter, name="sync", scope="read", days=30)
    Api(made.secret).get(ME)
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    Api(made.secret).get(ME)
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    Api(made.secret).get(ME)
    assert ApiToken.objects.get().last_used_at > first


def test_the_rate_is_limited_per_token(settings, recruiter, hiring_manager):
    settings.API_RATE_LIMIT = "3/min"
    busy = Api(token_create(user=recruiter, name="busy", scope="read", days=7).secret)
    calm = Api(token_create(user=hiring_manager, name="calm", scope="read", days=7).secret)
    assert [busy.get(ME).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert int(busy.get(ME)["Retry-After"]) > 0
    assert calm.get(ME).status_code == 200


def test_the_openapi_schema_is_served_and_valid(client, tmp_path):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "PassionHire API"
    assert "/api/v1/applications/{id}/move/" in schema["paths"]
    assert "personalToken" in schema["components"]["securitySchemes"]
    # drf-spectacular's own validation against the OpenAPI 3 meta-schema, warnings as errors.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
