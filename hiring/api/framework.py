"""How DRF is fitted to our rules: who the caller is (a token, never a session), what a token
may do (its scope), how fast (per token), how pages are cut (a signed cursor)
(errors.py: how errors read)."""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core import signing
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, permissions, throttling
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import replace_query_param

from .tokens import TokenRefused, token_check


class PersonalTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer ph_…`. Sessions are not accepted: an API call never rides on a
    browser's cookie, so no page can make one on a user's behalf (no CSRF to think about)."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send one token: Authorization: Bearer ph_…")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("The token is not valid.") from None
        try:
            token = token_check(raw)
        except TokenRefused as refused:
            raise exceptions.AuthenticationFailed(str(refused)) from None
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token (Settings → API tokens).",
        }


class TokenScope(permissions.BasePermission):
    """A read token reads; writing takes a read-and-write token."""

    message = "This token may only read; make a read-and-write token to change things."

    def has_permission(self, request, view):
        token = request.auth
        if token is None:
            return False
        return request.method in permissions.SAFE_METHODS or token.can_write


class PerToken(throttling.SimpleRateThrottle):
    """Calls per token, counted in the shared cache (API_RATE_LIMIT, e.g. "600/min"). Read
    each time, so a deployment (or a test) can change it without a restart of DRF's settings."""

    scope = "token"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def get_cache_key(self, request, view):
        if request.auth is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}


class SignedCursor(CursorPagination):
    """DRF's cursor pagination (stable under inserts, no OFFSET scans), with the cursor
    signed: an altered one is refused with 400 rather than read."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    signer = signing.Signer(salt="passionhire.api.cursor")
    invalid_cursor_message = "This page link is not valid; start again from the first page."

    def encode_cursor(self, cursor):
        url = super().encode_cursor(cursor)
        plain = parse_qs(urlsplit(url).query)[self.cursor_query_param][0]
        return replace_query_param(url, self.cursor_query_param, self.signer.sign(plain))

    def decode_cursor(self, request):
        value = request.query_params.get(self.cursor_query_param)
        if value is None:
            return None
        try:
            unsigned = self.signer.unsign(value)
        except signing.BadSignature:
            raise exceptions.ValidationError({"cursor": [self.invalid_cursor_message]}) from None
        # DRF's own decoding, of the unsigned value (it reads nothing else of the request).
        unsigned_request = SimpleNamespace(query_params={self.cursor_query_param: unsigned})
        try:
            return super().decode_cursor(unsigned_request)
        except exceptions.NotFound:
            raise exceptions.ValidationError({"cursor": [self.invalid_cursor_message]}) from None
