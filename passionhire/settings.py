"""Settings, all read from the environment, with development defaults (SQLite, eager Celery).

Production mode is the default (DEBUG unset or false): SECRET_KEY becomes required and the
secure-transport settings turn on, so `manage.py check --deploy` is clean and a forgotten variable
fails closed. bin/serve and the test settings set DEBUG=true for development.

Long because every setting is here, each with the comment that says what it does and which
environment variable changes it: one file to read, rather than settings scattered over modules.
"""

import json
import re
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
NODE_MODULES = BASE_DIR / "node_modules"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)  # optional, never committed

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
else:
    try:
        SECRET_KEY = env("SECRET_KEY")
    except ImproperlyConfigured:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. In production (DEBUG=false) PassionHire refuses to start "
            "without one: set SECRET_KEY to a long random string, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`. "
            "For development, set DEBUG=true (bin/serve does; or put it in .env)."
        ) from None

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    "django_ratelimit",
    "taggit",
    "django_countries",
    "rest_framework",
    "drf_spectacular",
    "passionhire",
    "passionhire.webhooks",
    "candidates",
    "interviews",
    "hiring",
]

MIDDLEWARE = [
    # /healthz and /readyz for probes: before the host check and the https redirect.
    "passionhire.health.HealthMiddleware",
    "passionhire.request_context.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the cookie the switch sets, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the form (CSRF's process_view runs after every __call__).
    "passionhire.middleware.RequestTooLargeMiddleware",
    "passionhire.middleware.RejectNulCharactersMiddleware",
    "passionhire.middleware.UserTimeZoneMiddleware",
    "passionhire.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "passionhire.middleware.IdleSessionMiddleware",
    "passionhire.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into its page.
    "axes.middleware.AxesMiddleware",
    # Turns django-ratelimit's refusal into RATELIMIT_VIEW's 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

# Request bodies: the largest form (the Passion Test: four 3,000-character answers and about 60
# other fields) is well under 200 KB; anything past these limits gets the 413 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("REQUEST_MAX_BYTES", default=1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int("REQUEST_MAX_FIELDS", default=1000)

ROOT_URLCONF = "passionhire.urls"
WSGI_APPLICATION = "passionhire.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "passionhire.context_processors.navigation",
            ],
        },
    },
]

# An empty DATABASE_URL means "not set": the embedded SQLite default.
DATABASES = {
    "default": env.db_url_config(
        env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in: django-axes counts failed logins per username and per address. A username is locked
# after LOGIN_FAILURE_LIMIT failures (from any address), an address only after the much higher
# LOGIN_ADDRESS_FAILURE_LIMIT (an office shares one), both for LOGIN_COOLOFF_MINUTES (HTTP 429
# with the lockout page); see passionhire/login_limits.py. A successful login clears the count.
# After axes: passwords (which PASSWORD_LOGIN=false stops before ModelBackend sees them, the
# admin's log-in included), then single sign-on (passionhire/sso.py, the OIDC_* settings below).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "passionhire.sso.PasswordsSwitchedOff",
    "django.contrib.auth.backends.ModelBackend",
    "passionhire.sso.SSOBackend",
]
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=50)
AXES_FAILURE_LIMIT = "passionhire.login_limits.failure_limit"
AXES_WHITELIST_CALLABLE = "passionhire.login_limits.not_counted"  # single sign-on's callback
AXES_VERBOSE = False  # no start-up banner in every process
AXES_COOLOFF_TIME = env.float("LOGIN_COOLOFF_MINUTES", default=15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind the production proxy the client's address is the one it adds to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)
# Sessions end after SESSION_IDLE_MINUTES without a request (the expiry slides forward as the
# user works, see IdleSessionMiddleware) and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=120) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
LOGIN_URL = "login"
AUTH_USER_MODEL = "passionhire.User"
LOGIN_REDIRECT_URL = "hiring:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Single sign-on for staff with OpenID Connect (docs/sso.md): on when OIDC_ISSUER and
# OIDC_RP_CLIENT_ID are set. The provider's endpoints are read from the issuer's
# /.well-known/openid-configuration when the first sign-in needs them (kept for
# OIDC_DISCOVERY_SECONDS; a provider that is down then fails that sign-in, never the start-up);
# an OIDC_OP_*_ENDPOINT variable overrides the one it names. Authorization code flow with PKCE
# (S256), state and nonce; the ID token's signature (OIDC_RP_SIGN_ALGO, with the provider's
# JWKS), issuer, audience and expiry are checked. People are matched to accounts by their
# verified email (new accounts are made unless OIDC_CREATE_USERS=false), and the staff groups
# named in OIDC_GROUP_MAP follow the provider's OIDC_GROUPS_CLAIM at every sign-in.
OIDC_ISSUER = env("OIDC_ISSUER", default="")
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_DISCOVERY_SECONDS = env.int("OIDC_DISCOVERY_SECONDS", default=3600)
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
# The name on the log-in page's button ("Log in with …").
OIDC_PROVIDER_NAME = env("OIDC_PROVIDER_NAME", default="single sign-on")
OIDC_CREATE_USER = env.bool("OIDC_CREATE_USERS", default=True)
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
# Provider group -> staff group: "hr-recruiters=Recruiter,managers=Hiring manager", or a JSON
# object for group names that hold commas or equals signs (LDAP DNs). Empty: no group follows.
_group_map_text = env("OIDC_GROUP_MAP", default="").strip()
if _group_map_text.startswith("{"):
    try:
        OIDC_GROUP_MAP = json.loads(_group_map_text)
    except ValueError:
        raise ImproperlyConfigured("OIDC_GROUP_MAP is not a valid JSON object.") from None
else:
    OIDC_GROUP_MAP = dict(
        (part.strip() for part in entry.rsplit("=", 1))
        for entry in _group_map_text.split(",")
        if "=" in entry
    )
if not isinstance(OIDC_GROUP_MAP, dict) or not all(
    isinstance(key, str) and isinstance(value, str) and key and value
    for key, value in OIDC_GROUP_MAP.items()
):
    raise ImproperlyConfigured('OIDC_GROUP_MAP must map group names: "their-group=Recruiter,…".')
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)  # each request to the provider
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
LOGIN_REDIRECT_URL_FAILURE = "sso_failed"
# PASSWORD_LOGIN=false: only single sign-on (the log-in page shows its button alone and a
# password sent anyway is refused), which needs single sign-on to be set up.
PASSWORD_LOGIN = env.bool("PASSWORD_LOGIN", default=True)
if not PASSWORD_LOGIN and not (OIDC_ISSUER and OIDC_RP_CLIENT_ID):
    raise ImproperlyConfigured(
        "PASSWORD_LOGIN=false needs single sign-on: set OIDC_ISSUER and OIDC_RP_CLIENT_ID "
        "(docs/sso.md), or nobody could log in."
    )

# The languages the app ships (docs/i18n.md): English is the source, Spanish a complete
# edition (tests/i18n/test_translations.py fails on an untranslated entry), Arabic the
# right-to-left edition with every candidate page translated (staff pages fall back to
# English). A browser asking for anything else gets English. Names are each language's own,
# as the switch shows them.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["passionhire.formats"]
# The switch's cookie: a year, sent on same-site navigation only, never read by scripts.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Third-party front-end code comes from the npm registry at set-up (package.json) and is served
# straight out of node_modules by staticfiles: nothing vendored into the repo, no CDN at run time.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chart.js", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/sortablejs", NODE_MODULES / "sortablejs"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded files (CVs) live in a private folder outside the static and media URLs: nothing
# serves them but a permission-checked view (as an attachment). An S3-compatible bucket
# through django-storages is a change of this setting only.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
}

# The cache holds django-ratelimit's counters (the apply form's per-address limit), so in
# production it must be shared by every process: CACHE_URL=redis://host:6379/2. Without one
# (bin/serve's single process) it is in memory, which django-ratelimit rightly calls unshared.
CACHES = {"default": env.cache_url_config(env("CACHE_URL", default="") or "locmemcache://")}
# With a shared cache, sessions are read from it and written through to the database: a signed-in
# page saves one query. An unshared in-memory cache would let a session ended in one process live
# on in another's memory, so without CACHE_URL they stay in the database alone.
SESSION_ENGINE = "django.contrib.sessions.backends." + (
    "cached_db" if env("CACHE_URL", default="") else "db"
)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = "passionhire.views.rate_limited"
SILENCED_SYSTEM_CHECKS = [
    # django-ratelimit's cache list predates Django's RedisCache (which increments atomically).
    "django_ratelimit.W001",
    # bin/serve is one process, so its in-memory cache is shared by everything that counts.
    *(["django_ratelimit.E003"] if DEBUG else []),
    # The board's index carries knocked_out_at so PostgreSQL answers from the index alone;
    # SQLite (bin/serve) builds it without that column, which is all it can do and costs the
    # demo nothing: not worth a warning on every start.
    "models.W040",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = CRISPY_TEMPLATE_PACK = "bootstrap5"
TAGGIT_CASE_INSENSITIVE = True  # "Speaks Welsh" is "speaks welsh": candidates/tags

# Email: EMAIL_URL (smtp://user:pass@host:587/?tls=True, consolemail://, filemail:///path, …).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Seconds an SMTP server may take to answer before the send fails (and the outbox retries it),
# so a hung mail server cannot hold a worker for the whole task time limit.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="PassionHire <hiring@passionhire.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: a Redis broker from CELERY_BROKER_URL; without one, tasks run eagerly in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 120
CELERY_TASK_SOFT_TIME_LIMIT = 90
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message a killed worker had taken goes back to the queue after CELERY_VISIBILITY_TIMEOUT
# seconds; workers look for such messages every CELERY_RESTORE_INTERVAL seconds (kombu's
# default would be every 100 s). The outbox relay is the second net under both.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TIMEZONE = TIME_ZONE
# Queues, so one kind of work cannot hold up another: "email" (what candidates and staff are
# waiting for), "scoring", "bulk" (imports, bulk actions and their messages: thousands at a
# time), and Celery's default "celery" (the relay, digests, daily jobs). Run the bulk and
# scoring queues on their own workers (docker-compose.yml does), and a 10,000-row bulk action
# cannot delay an interview invitation. Exact names first, then the patterns in order.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_QUEUES_ALL = "celery,email,scoring,bulk"  # what one worker consumes to do everything
CELERY_TASK_ROUTES = {
    "candidates.tasks.run_bulk_job_task": {"queue": "bulk"},
    "candidates.tasks.send_bulk_message_task": {"queue": "bulk"},
    "candidates.tasks.import_candidates_task": {"queue": "bulk"},
    "candidates.tasks.send_import_acknowledgements_task": {"queue": "bulk"},
    "candidates.tasks.rerank_role_task": {"queue": "scoring"},
    "candidates.tasks.refresh_composite_task": {"queue": "scoring"},
    "interviews.tasks.recalibrate_interviewer_task": {"queue": "scoring"},
    "candidates.tasks.notify_referrers_task": {"queue": "email"},
    "*.score_*": {"queue": "scoring"},
    "*.send_*": {"queue": "email"},
}
CELERY_BEAT_SCHEDULE: dict = {
    # Reminders 24 hours and 1 hour before each interview; the email ledger makes a second run
    # (or a retry) send nothing twice.
    "interview-reminders": {
        "task": "interviews.tasks.send_interview_reminders_task",
        "schedule": env.int("REMINDER_SCAN_SECONDS", default=300),
    },
    # The retention policy, and expired sessions cleared out, once a day.
    "candidate-retention": {
        "task": "hiring.tasks.anonymise_stale_candidates_task",
        "schedule": 60 * 60 * 24,
    },
    # Recruiters' digest of the day before's new applicants, each morning.
    "new-applicants-digest": {
        "task": "candidates.tasks.send_new_applicants_digest_task",
        "schedule": crontab(hour=env.int("DIGEST_HOUR", default=7), minute=0),
    },
    # Each morning, the digest of unread notifications to those who turned it on.
    "notification-digest": {
        "task": "passionhire.tasks.send_notification_digests_task",
        "schedule": crontab(hour=env.int("DIGEST_HOUR", default=7), minute=0),
    },
    # Interviewers who have not recorded a held interview: an hour after it, then daily.
    "scorecard-nags": {
        "task": "interviews.tasks.send_scorecard_nags_task",
        "schedule": env.int("NAG_SCAN_SECONDS", default=900),
    },
    # Hiring managers asked how their hires of CHECKIN_AFTER_DAYS ago turned out.
    "validity-checkins": {
        "task": "hiring.tasks.open_due_checkins_task",
        "schedule": crontab(hour=env.int("DIGEST_HOUR", default=7), minute=30),
    },
    "clear-expired-sessions": {
        "task": "passionhire.tasks.clear_expired_sessions_task",
        "schedule": 60 * 60 * 24,
    },
    # Tasks whose publishing failed (broker down) or whose run was lost go out again.
    "outbox-relay": {
        "task": "passionhire.tasks.relay_outbox_task",
        "schedule": env.int("OUTBOX_RELAY_SECONDS", default=30),
    },
}

WEBHOOK_RETRIES = ["5", "30", "120", "600", "1800", "1800"]  # seconds (PASSIONHIRE below)
PASSIONHIRE = {
    # The employer, as candidates know it: in every email, its sign-off and its header.
    "ORGANISATION_NAME": env("ORGANISATION_NAME", default="Harbour & Co"),
    # How every email to a candidate or referrer ends, and the HTML emails' colour (#rrggbb).
    # Unset: PassionHire's own sign-off, in the reader's language (mailtemplates.SIGN_OFF).
    "EMAIL_SIGN_OFF": env("EMAIL_SIGN_OFF", default="").replace("\\n", "\n"),
    "BRAND_COLOUR": env("BRAND_COLOUR", default="#0b5394"),
    # Where candidates reach the app: links in emails are built on it.
    "SITE_URL": env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/"),
    # The largest CV an applicant may upload, in MB (PDF or DOCX).
    "CV_MAX_MB": env.int("CV_MAX_MB", default=5),
    # The largest CSV of candidates a recruiter may import, and its most rows.
    "IMPORT_MAX_MB": env.int("IMPORT_MAX_MB", default=2),
    "IMPORT_MAX_ROWS": env.int("IMPORT_MAX_ROWS", default=20000),
    # The version of the privacy notice on the careers page (templates/careers/privacy.html):
    # each application records which one the candidate agreed to. Change it with the notice.
    "PRIVACY_NOTICE_VERSION": env("PRIVACY_NOTICE_VERSION", default="2026-11"),
    # At most this many applications from one address in an hour (then HTTP 429).
    "APPLY_RATE": env("APPLY_RATE", default="10/h"),
    # A rejection's email waits this long in the outbox, and the rejection can be undone
    # meanwhile (0: the email leaves at once and there is no undo).
    "UNDO_GRACE_SECONDS": env.int("UNDO_GRACE_SECONDS", default=600),
    # An import's uploaded rows (and those that were not imported) are emptied after this.
    "IMPORT_KEEP_DAYS": env.int("IMPORT_KEEP_DAYS", default=14),
    # A bulk action on up to this many applications runs in the request; more, as a job.
    "BULK_SYNC_LIMIT": env.int("BULK_SYNC_LIMIT", default=200),
    # A phone number typed without a country code is read as one of this region (ISO 3166).
    "PHONE_REGION": env("PHONE_REGION", default="GB"),
    # How long a Passion Test link stays valid after it is sent (a resend starts it again).
    "PASSION_TEST_LINK_DAYS": env.int("PASSION_TEST_LINK_DAYS", default=14),
    # At most this many referrals per employee in any 24 hours.
    "REFERRALS_PER_DAY": env.int("REFERRALS_PER_DAY", default=5),
    # How many questions a generated interview guide has (every trait gets at least one).
    "GUIDE_QUESTIONS": env.int("GUIDE_QUESTIONS", default=10),
    # How long a candidate's slot-picking link stays valid after it is sent.
    "INTERVIEW_LINK_DAYS": env.int("INTERVIEW_LINK_DAYS", default=7),
    # An interviewer's ratings are calibrated once they have this many scorecards.
    "CALIBRATION_MIN_SCORECARDS": env.int("CALIBRATION_MIN_SCORECARDS", default=5),
    # A weight change re-ranks a role with up to this many applications at once, in the
    # request; bigger roles are re-ranked by a Celery task that shows its progress.
    "RERANK_SYNC_LIMIT": env.int("RERANK_SYNC_LIMIT", default=500),
    # A candidate's status page link works while the application is open and for this many
    # days after it closed (hired, rejected or withdrawn).
    "STATUS_LINK_DAYS_AFTER_CLOSE": env.int("STATUS_LINK_DAYS_AFTER_CLOSE", default=30),
    # Interviewers who have not recorded an interview are reminded an hour after it ends, then
    # once a day on up to this many working days.
    "SCORECARD_NAG_DAYS": env.int("SCORECARD_NAG_DAYS", default=3),
    # The validity loop: this many days after a hire, the role's hiring manager is asked how
    # the hire turned out; the link works for CHECKIN_LINK_DAYS. Hires older than
    # CHECKIN_AFTER_DAYS + CHECKIN_LINK_DAYS are never asked (a late question is no 90-day one).
    "CHECKIN_AFTER_DAYS": env.int("CHECKIN_AFTER_DAYS", default=90),
    "CHECKIN_LINK_DAYS": env.int("CHECKIN_LINK_DAYS", default=30),
    # A candidate's request to be erased is due (for a recruiter to act on) this many days on.
    "ERASURE_DUE_DAYS": env.int("ERASURE_DUE_DAYS", default=30),
    # Candidates with no activity for this many months are anonymised by a daily task.
    "RETENTION_MONTHS": env.int("RETENTION_MONTHS", default=24),
    # The outbox (passionhire/outbox.py): a task not yet published after OUTBOX_GRACE_SECONDS,
    # or published but not done after OUTBOX_REDELIVER_SECONDS, is published again by the relay,
    # at most OUTBOX_MAX_ATTEMPTS times; done rows are deleted after OUTBOX_KEEP_DAYS.
    "OUTBOX_GRACE_SECONDS": env.int("OUTBOX_GRACE_SECONDS", default=30),
    "OUTBOX_REDELIVER_SECONDS": env.int("OUTBOX_REDELIVER_SECONDS", default=1800),
    "OUTBOX_MAX_ATTEMPTS": env.int("OUTBOX_MAX_ATTEMPTS", default=10),
    # Most emails sent in any one minute by all workers together (counted in the shared cache;
    # 0: no limit). One over waits for the next minute in the queue. Mail providers throttle
    # or block senders that burst; a bulk message to 10,000 people goes out at this pace.
    "EMAIL_PER_MINUTE": env.int("EMAIL_PER_MINUTE", default=120),
    "OUTBOX_KEEP_DAYS": env.int("OUTBOX_KEEP_DAYS", default=7),
    # Webhooks (passionhire/webhooks/, docs/webhooks.md). A failed attempt is tried again after
    # each of WEBHOOKS_RETRY_SECONDS in turn (kept under CELERY_VISIBILITY_TIMEOUT: Redis hands
    # a longer countdown to a second worker); after WEBHOOKS_DISABLE_AFTER deliveries in a row
    # failed that way, the endpoint is disabled and its owner emailed. Webhooks never go to
    # private, loopback, link-local or reserved addresses unless WEBHOOKS_ALLOW_PRIVATE_ADDRESSES
    # (on under DEBUG, for a receiver on this machine).
    "WEBHOOKS_RETRY_SECONDS": [
        float(s) for s in env.list("WEBHOOKS_RETRY_SECONDS", default=WEBHOOK_RETRIES)
    ],
    "WEBHOOKS_DISABLE_AFTER": env.int("WEBHOOKS_DISABLE_AFTER", default=5),
    "WEBHOOKS_CONNECT_TIMEOUT": env.float("WEBHOOKS_CONNECT_TIMEOUT", default=5.0),
    "WEBHOOKS_READ_TIMEOUT": env.float("WEBHOOKS_READ_TIMEOUT", default=10.0),
    "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", default=DEBUG),
    # A request does not wait for a broker that is down: one quick retry, then the relay.
    "OUTBOX_PUBLISH_RETRY_POLICY": {
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.2,
    },
}
if not re.fullmatch(r"#[0-9a-fA-F]{6}", PASSIONHIRE["BRAND_COLOUR"]):
    raise ImproperlyConfigured("BRAND_COLOUR must be a colour like #0b5394.")

# No candidate link in any log line: the token in /t/, /i/, /s/ and /checkins/<token>/ paths
# is replaced by a short hash, on the loggers that name request paths (as each record is made,
# so every handler sees it redacted) and on the handlers (for whatever else propagates).
# Logs: LOG_FORMAT=json (the default in production) gives one JSON object a line for a log
# system to parse; text (the default under DEBUG) reads better in a terminal. Every line carries
# the request id and the user's id (never a name or an address), and candidates' link tokens
# are replaced by a digest. Under eager Celery (bin/serve) each task's "succeeded" line is
# noise, and so is kombu's note that no broker host was given.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
_LOG_FILTERS = ["redact_link_tokens", "request_context"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_link_tokens": {"()": "passionhire.log_filters.RedactLinkTokens"},
        "request_context": {"()": "passionhire.request_context.RequestContext"},
    },
    "formatters": {
        "text": {"format": "{levelname} {name}: {message}", "style": "{"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "{asctime}{levelname}{name}{message}{request_id}{user_id}",
            "style": "{",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": _LOG_FILTERS,
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": _LOG_FILTERS,
        },
    },
    "loggers": {
        "django.request": {"filters": ["redact_link_tokens"]},
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["redact_link_tokens"],
            "level": "INFO",
            "propagate": False,
        },
        "django.utils.autoreload": {"level": "WARNING"},
        **(
            {"celery.app.trace": {"level": "WARNING"}, "kombu.connection": {"level": "ERROR"}}
            if CELERY_TASK_ALWAYS_EAGER
            else {}
        ),
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Error reports to Sentry (or a compatible service) when SENTRY_DSN is set: exceptions from
# requests and tasks, without personal data (no user details, cookies, bodies or addresses;
# link tokens in URLs replaced as in the logs).
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from passionhire.error_reports import start_error_reports

    start_error_reports(SENTRY_DSN, environment=env("SENTRY_ENVIRONMENT", default="production"))

# The REST API (hiring/api): personal access tokens only (no session), JSON in and out, a
# signed cursor for pages, a rate per token counted in the shared cache.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["hiring.api.framework.PersonalTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["hiring.api.framework.TokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["hiring.api.framework.PerToken"],
    "DEFAULT_PAGINATION_CLASS": "hiring.api.framework.SignedCursor",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "hiring.api.errors.handle_exception",
    "UNAUTHENTICATED_USER": None,
}
API_RATE_LIMIT = env("API_RATE_LIMIT", default="600/min")
# A token works while its owner signs in now and then: someone switched off at the identity
# provider (who can no longer sign in) loses the API within this many days. 0: no limit.
API_TOKEN_OWNER_IDLE_DAYS = env.int("API_TOKEN_OWNER_IDLE_DAYS", default=30)
SPECTACULAR_SETTINGS = {
    "TITLE": "PassionHire API",
    "DESCRIPTION": "Roles, applications, candidates, stages, scores and evidence, read as the "
    "web shows them to the token's owner; candidates and applications created, stages moved "
    "and decisions recorded as on the web, audited alike.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "candidates.models.Stage",
        "CandidateSourceEnum": "candidates.models.Candidate.Source",
        "ApplicationSourceEnum": "candidates.models.Application.Source",
    },
}

# Content-Security-Policy (django-csp): only the app's own scripts, styles, fonts and images;
# no inline script or style anywhere (htmx's indicator style is in app.css instead).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    X_FRAME_OPTIONS = "DENY"
