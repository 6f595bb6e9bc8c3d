"""The API's table of who may do what (passionhire/access_api.py), walked with a token of
each kind on every route and both methods: the outcome written there, nothing changed by a
refusal or an empty body, and nothing of a role a token's owner may not read in any answer."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application, Candidate, Decision
from hiring.api.models import ApiToken
from hiring.api.tokens import token_revoke
from passionhire.access import project_routes
from passionhire.access_api import API_ACCESS, TOKENS, other_method_expected, route_name
from passionhire.models import AuditEntry
from tests.api.conftest import Api, token_of
from tests.factories import ApplicationFactory, RecruiterFactory, RoleFactory


def test_every_api_route_has_a_rule():
    api_routes = {name for name in project_routes() if name.startswith("api:")}
    assert api_routes == {route_name(key) for key in API_ACCESS}


@pytest.fixture
def tokens(db, recruiter, hiring_manager, other_hiring_manager):
    former = RecruiterFactory(username="former")
    lost = token_of(former, "write")
    former.groups.clear()
    expired = token_of(recruiter, "write")
    ApiToken.objects.filter(prefix=expired.split("_", 2)[1]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked = token_of(recruiter, "write")
    token_revoke(token_id=ApiToken.objects.get(prefix=revoked.split("_", 2)[1]).pk, user=recruiter)
    return {
        "no_token": None,
        "expired": expired,
        "revoked": revoked,
        "lost_role": lost,
        "recruiter_read": token_of(recruiter, "read"),
        "recruiter_write": token_of(recruiter, "write"),
        "hiring_manager_read": token_of(hiring_manager, "read"),
        "hiring_manager_write": token_of(hiring_manager, "write"),
        "other_hiring_manager_write": token_of(other_hiring_manager, "write"),
    }


def url_of(key: str, role, application) -> str:
    name = route_name(key)
    if name in ("api:role",):
        return reverse(name, args=[role.pk])
    if name == "api:candidate":
        return reverse(name, args=[application.candidate_id])
    if name.startswith("api:application") and name != "api:applications":
        return reverse(name, args=[application.pk])
    return reverse(name)


def counts():
    return [m.objects.count() for m in (Application, Candidate, Decision, AuditEntry, ApiToken)]


@pytest.mark.parametrize("kind", TOKENS)
def test_api_access_table(kind, tokens, role, other_hiring_manager):
    RoleFactory(hiring_manager=other_hiring_manager, title="Another team's role")
    application = ApplicationFactory(role=role, candidate__name="Quinn Secret")
    api = Api(tokens[kind])
    secrets = [role.title, "Quinn Secret", application.candidate.email]
    before = counts()
    failures = []
    for key, (method, expected) in API_ACCESS.items():
        url = url_of(key, role, application)
        response = getattr(api, method)(url)
        if response.status_code != expected[kind]:
            failures.append(
                f"{method.upper()} {key}: expected {expected[kind]}, got "
                f"{response.status_code} {response.content[:120]!r}"
            )
        if response.status_code != 200 or kind == "other_hiring_manager_write":
            body = response.content.decode()
            failures += [f"{key} shows {s!r}" for s in secrets if s in body]
        other = other_method_expected(key, expected)
        if other:
            response = getattr(api, "post" if method == "get" else "get")(url)
            want = other[kind]
            ok = (
                response.status_code in (403, 405)
                if want == "refused"
                else (response.status_code == want)
            )
            if not ok:
                failures.append(
                    f"other method on {key}: expected {want}, got {response.status_code}"
                )
        if counts() != before:
            failures.append(f"{method.upper()} {key} changed the data")
            before = counts()
    assert not failures, "\n".join(failures)
