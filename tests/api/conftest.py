"""Calling the API as a token's owner."""

import json

import pytest
from django.test import Client

from hiring.api.tokens import token_create


class Api:
    """A client that sends `Authorization: Bearer <token>` and JSON bodies."""

    def __init__(self, token: str | None):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def get(self, url, params=None):
        return self.client.get(url, params or {}, **self.headers)

    def post(self, url, data=None, *, raw: bytes | None = None, content_type="application/json"):
        body = raw if raw is not None else json.dumps(data if data is not None else {})
        return self.client.post(url, body, content_type=content_type, **self.headers)


def token_of(user, scope="read", days=30) -> str:
    return token_create(user=user, name=f"{user.username} {scope}", scope=scope, days=days).secret


@pytest.fixture
def as_user():
    def make(user, scope="read"):
        return Api(token_of(user, scope))

    return make
