"""Request and response handling every page shares: the signed-in user's own time zone and
language (from their user row), idle sessions, refusing NUL characters and
oversized bodies, and no-store caching for anything personal."""

import time
import zoneinfo

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers

from . import languages

TOUCHED_KEY = "touched"
TOUCH_EVERY_SECONDS = 300
# The URL namespaces of the candidates' signed-link pages (mounted under /t/ and /i/).
SIGNED_LINK_NAMESPACES = ("passion_test", "slots")


class UserTimeZoneMiddleware:
    """Times are shown in the signed-in user's own zone, read from their user row (loaded for
    the request anyway, so no query of its own)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = request.user.time_zone if request.user.is_authenticated else None
        try:
            if name:
                timezone.activate(zoneinfo.ZoneInfo(name))
            else:
                timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in user who chose a language in Settings reads the app in it, whatever the
    browser asks for (LocaleMiddleware, earlier, already took the cookie or Accept-Language
    for everyone else). Read from the user row, so no query of its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.user.language if request.user.is_authenticated else ""
        if languages.is_shipped(chosen):
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        return self.get_response(request)


def start_idle_clock_at_login(sender, request, user, **kwargs) -> None:
    """A new session starts its idle clock at login."""
    if request is None or not hasattr(request, "session"):
        return
    request.session[TOUCHED_KEY] = int(time.time())


class IdleSessionMiddleware:
    """Idle sessions expire: a signed-in session lives SESSION_COOKIE_AGE seconds after its last
    save, and while the user keeps working it is saved again (so its expiry slides forward)
    at most once every five minutes, rather than on every request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(TOUCHED_KEY, 0) >= TOUCH_EVERY_SECONDS:
                request.session[TOUCHED_KEY] = now
        return self.get_response(request)


class NulCharacterRejected(SuspiciousOperation):
    """A NUL character in a form field or query parameter."""


class RejectNulCharactersMiddleware:
    """No keyboard types a NUL character and PostgreSQL cannot store one: a request carrying
    one in a parameter is refused whole with 400, before any view could half-use it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = [request.GET, request.POST] if request.method == "POST" else [request.GET]
        for query in queries:
            for key, values in query.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise NulCharacterRejected("A NUL character in a request parameter.")
        return self.get_response(request)


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def _upload_limit() -> int:
    """The largest body with a file: the largest CV (or CSV import) plus the form around it."""
    largest_mb = max(settings.PASSIONHIRE["CV_MAX_MB"], settings.PASSIONHIRE["IMPORT_MAX_MB"])
    return largest_mb * 1024 * 1024 + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def body_too_large() -> str:
    """What the API answers (413, JSON) to a body past REQUEST_MAX_BYTES."""
    return f"The body is too large: at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes."


class RequestTooLargeMiddleware:
    """A body past DATA_UPLOAD_MAX_MEMORY_SIZE or with more than DATA_UPLOAD_MAX_NUMBER_FIELDS
    fields is answered 413 with a page that says so, before anything else reads the form."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and _content_length(request) > _upload_limit():
            # Refused before a byte of it is read (a 50 MB "CV" never reaches the disk).
            if request.path.startswith("/api/"):  # the API answers in JSON, errors included
                return JsonResponse({"detail": body_too_large()}, status=413)
            return render(
                request,
                "413.html",
                {
                    "size_limit_kb": _upload_limit() // 1024,
                    "cv_max_mb": settings.PASSIONHIRE["CV_MAX_MB"],
                    "import_max_mb": settings.PASSIONHIRE["IMPORT_MAX_MB"],
                },
                status=413,
            )
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - parsing is what raises
            except (RequestDataTooBig, TooManyFieldsSent):
                return render(
                    request,
                    "413.html",
                    {
                        "size_limit_kb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024,
                        "field_limit": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
                    },
                    status=413,
                )
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store` on everything a signed-in person sees (pages, CSV and JSON
    exports) and on the candidates' signed-link pages: none of it may linger in a shared
    browser's cache or a proxy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        if (user is not None and user.is_authenticated) or (
            match is not None and match.namespace in SIGNED_LINK_NAMESPACES
        ):
            add_never_cache_headers(response)
        return response
