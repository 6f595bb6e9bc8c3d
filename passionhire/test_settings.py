"""Settings for the test suite: the real database from DATABASE_URL, fast hashing, no real SMTP."""

import os

os.environ.setdefault("DEBUG", "true")  # production is the default; the suite runs as development

from .settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# In-process tests run tasks eagerly; the worker tests switch this off and use the real broker.
CELERY_TASK_ALWAYS_EAGER = True
# Static files come from the finders (node_modules, static/); nothing is collected for tests.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Rate-limit counters in this process's memory, emptied before each test (tests/conftest.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "django_ratelimit.E003"]  # noqa: F405
# Rejection emails leave at once unless a test gives the undo a grace period.
# Webhooks: short timeouts, so a test of a receiver that hangs is quick (tasks run eagerly, so
# the retry schedule's waits are not waited for).
PASSIONHIRE = {
    **PASSIONHIRE,  # noqa: F405
    "UNDO_GRACE_SECONDS": 0,
    "WEBHOOKS_CONNECT_TIMEOUT": 1.0,
    "WEBHOOKS_READ_TIMEOUT": 1.0,
    "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": True,
}
