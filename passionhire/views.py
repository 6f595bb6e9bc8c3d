"""Pages the whole site shares."""

from django.shortcuts import render


def rate_limited(request, exception=None):
    """django-ratelimit's answer (RATELIMIT_VIEW) when an address sends too much: 429 with
    when to try again (the limits are per hour)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "3600"
    return response
