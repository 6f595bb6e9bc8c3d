"""Shows every time in the signed-in user's own time zone (their setting, kept in the session
so it costs no query per request)."""

import time
import zoneinfo

from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

SESSION_KEY = "time_zone"
TOUCHED_KEY = "touched"
TOUCH_EVERY_SECONDS = 300


def remember_time_zone(request, name: str) -> None:
    request.session[SESSION_KEY] = name


class UserTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = None
        if request.user.is_authenticated:
            name = request.session.get(SESSION_KEY)
            if name is None:
                from .models import StaffSettings

                found = StaffSettings.objects.filter(user=request.user).first()
                name = found.time_zone if found else "UTC"
                remember_time_zone(request, name)
        try:
            if name:
                timezone.activate(zoneinfo.ZoneInfo(name))
            else:
                timezone.deactivate()
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return self.get_response(request)


def remember_time_zone_at_login(sender, request, user, **kwargs) -> None:
    """Read the user's time zone once, at login, into the session."""
    from .models import StaffSettings

    if request is None or not hasattr(request, "session"):
        return
    found = StaffSettings.objects.filter(user=user).first()
    remember_time_zone(request, found.time_zone if found else "UTC")
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
