"""The language each person reads the app in (docs/i18n.md).

- Staff choose theirs in Settings (`User.language`; empty follows the browser), applied by
  `passionhire.middleware.UserLanguageMiddleware` after sign-in.
- Candidates have no account. Django's LocaleMiddleware takes the language switch's cookie,
  else the browser's Accept-Language: Django parses that header, and a garbage, oversized or
  unshipped one falls back to LANGUAGE_CODE (English).
- An application remembers the language it was made in (`Application.language`), so every
  later email uses it, and its signed-link pages (Passion Test, slot picker, status page) open
  in it on a browser that has not chosen one: the link in an email opened on a phone shows the
  language the candidate applied in, not the phone's.
- The switch on a candidate page is a POST (CSRF-checked) to `language` or, on a signed-link
  page, to that link's own `…/language/`, which also records the choice on the application.
  An unshipped value is refused with 400; `next` must be a page of this site, else the switch
  goes back to where it came from.
"""

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from .signed_links import LinkError

SHIPPED = dict(settings.LANGUAGES)
# Languages written right to left among those shipped (Django's LANGUAGES_BIDI knows them all).
RIGHT_TO_LEFT = {code for code in SHIPPED if code in settings.LANGUAGES_BIDI}


def is_shipped(code: object) -> bool:
    return isinstance(code, str) and code in SHIPPED


def current() -> str:
    """The active language as one of the shipped codes ("es" for "es-ES")."""
    try:
        return translation.get_supported_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def open_in(request, language: str) -> None:
    """A signed-link page opens in its application's language unless this browser chose one
    with the switch (its cookie wins: the candidate's last word)."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or not is_shipped(language):
        return
    translation.activate(language)
    request.LANGUAGE_CODE = language


def chosen(request) -> str | None:
    """The shipped language a switch POST asks for, or None for anything else."""
    value = request.POST.get("language", "")
    return value if is_shipped(value) else None


def refused():
    return HttpResponseBadRequest(
        "That language is not one we offer.", content_type="text/plain; charset=utf-8"
    )


def switched(request, language: str, *, fallback: str) -> HttpResponseRedirect:
    """Back to `next` (a page of this site, else `fallback`) with the cookie that keeps the
    choice, and the new language active for whatever the redirect's message renders."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = fallback
    translation.activate(language)
    response = HttpResponseRedirect(back)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def switched_on_link(request, *, fallback: str, application_id, remember) -> HttpResponse:
    """The switch on a signed-link page: a shipped language or 400; then the cookie, and the
    choice recorded on the link's application by `remember(application_id=, language=)`.
    `application_id()` reads the link (LinkError for one that no longer works: the browser
    still switches, so the link's error page comes in the chosen language)."""
    code = chosen(request)
    if code is None:
        return refused()
    try:
        linked = application_id()
    except LinkError:
        return switched(request, code, fallback=fallback)
    remember(application_id=linked, language=code)
    return switched(request, code, fallback=fallback)
