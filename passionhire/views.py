"""Pages the whole site shares."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import languages
from .permissions import public_view


def rate_limited(request, exception=None):
    """django-ratelimit's answer (RATELIMIT_VIEW) when an address sends too much: 429 with
    when to try again (the limits are per hour)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "3600"
    return response


def client_ip(group, request) -> str:
    """The address a request came from, for per-address limits. Behind TRUSTED_PROXY_COUNT
    proxies it is the entry the outermost trusted proxy appended to X-Forwarded-For (anything
    further left the client could have written itself)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


@public_view
@require_POST
def language(request):
    """The language switch of the pages without a signed link (the careers site, sign-in):
    the choice is kept in a cookie (passionhire/languages.py)."""
    code = languages.chosen(request)
    if code is None:
        return languages.refused()
    return languages.switched(request, code, fallback=reverse("careers:list"))
