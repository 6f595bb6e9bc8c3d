"""How many failed sign-ins lock someone out (django-axes calls `failure_limit`).

Axes counts failures per username and per address and locks when either count reaches one
limit. One limit for both would let anyone lock a whole office out (they share an address):
a few wrong guesses at other people's usernames and nobody there could sign in. So the limit
depends on which count is high: LOGIN_FAILURE_LIMIT once the username has that many
failures, else the much higher LOGIN_ADDRESS_FAILURE_LIMIT, which only an address guessing
at scale reaches.
"""

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone


def username_failures(request, credentials) -> int:
    """Failed sign-ins for the username being tried, within the cool-off."""
    username = get_client_username(request, credentials)
    if username is None:
        return 0
    attempts = AccessAttempt.objects.filter(username=username)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        since = getattr(request, "axes_attempt_time", None) or timezone.now()
        attempts = attempts.filter(attempt_time__gte=since - cool_off)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request, credentials=None) -> int:
    if username_failures(request, credentials) >= settings.LOGIN_FAILURE_LIMIT:
        return settings.LOGIN_FAILURE_LIMIT
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT


def not_counted(request, credentials=None) -> bool:
    """django-axes' AXES_WHITELIST_CALLABLE: single sign-on's callback is neither counted nor
    locked. Its failures carry no username, and axes would add them all up under "no
    username": fifty bogus callbacks from anywhere would lock single sign-on for everyone. A
    code there is single-use and tied to this browser's PKCE verifier, so there is nothing to
    guess; guessing passwords is the provider's to stop."""
    return request is not None and request.path == reverse("sso_callback")
