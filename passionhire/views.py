"""Pages the whole site shares."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import JavaScriptCatalog

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


_catalog = JavaScriptCatalog.as_view()


@public_view
@require_GET
@cache_page(24 * 3600)
def javascript_catalog(request, language: str):
    """The words the candidate's scripts show (Django's JavaScript catalog of
    locale/*/LC_MESSAGES/djangojs.po) in the page's language, named in the URL: a page may be
    in its application's language rather than the browser's, and the same URL is the same
    script for everyone, cached for a day. A language we don't ship is not found."""
    if not languages.is_shipped(language):
        raise Http404("No such language.")
    with translation.override(language):
        return _catalog(request)
