"""Settings for bench/load.py's gunicorn: the app's own, plus one trivial page to compare with."""

from passionhire.settings import *  # noqa: F403

ROOT_URLCONF = "load_urls"

# Plain http on 127.0.0.1: no HTTPS redirect, cookies without the Secure flag (the load tool
# would not send them back), static files from the finders (nothing collected).
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
