"""Settings for coproduce, read from the environment.

Zero configuration gives a working demo: SQLite, the database task backend, DEBUG on. Production sets
SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL, psycopg 3).
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


TESTING = envbool("COPRODUCE_TESTING", "0")
# Off unless asked for, so a server started with no configuration never shows tracebacks to the public.
# `make run` sets DEBUG=1 for development; the test settings keep it on as before (Django's test runner
# turns it off while tests run in any case).
DEBUG = envbool("DEBUG", "1" if TESTING else "0")

ALLOWED_HOSTS = [h.strip() for h in os.getenv("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Names that only ever reach this machine; the development key is accepted for these alone.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"}

# Only ever used for local development and tests; a deployment must set its own.
DEVELOPMENT_SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.getenv("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
if SECRET_KEY == DEVELOPMENT_SECRET_KEY and not TESTING:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    public_hosts = sorted(h for h in ALLOWED_HOSTS if h not in LOCAL_HOSTS)
    if public_hosts:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be set when ALLOWED_HOSTS names more than this machine ({', '.join(public_hosts)})"
        )

SITE_NAME = os.getenv("SITE_NAME", "coproduce")
# Open Contracting (coproduce/commissioning/ocds): the ocid prefix registered with the OCDS helpdesk. The
# default is a PLACEHOLDER ("ocds-" and six characters); a real publisher must set its own.
OCDS_OCID_PREFIX = os.getenv("OCDS_OCID_PREFIX", "ocds-XXXXXX")
# Where the public site is reached, for the absolute URIs of the published OCDS packages.
OCDS_BASE_URL = os.getenv("OCDS_BASE_URL", "http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN
    "coproduce.core",
    "coproduce.programmes",
    "coproduce.directory",
    "coproduce.accounts",
    "coproduce.engagement",
    "coproduce.proposals",
    "coproduce.consensus",
    "coproduce.themes",
    "coproduce.methods",
    "coproduce.surveys",
    "coproduce.reports",
    "coproduce.public",
    "coproduce.api",
    "coproduce.demo",
    "coproduce.privacy",
    "coproduce.commissioning",
    "coproduce.appraisal",
    "coproduce.cpd",
    "coproduce.service_directory",
    "coproduce.marketplace",
    "coproduce.vcs",
    "coproduce.kpis",
    "coproduce.qanda",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "coproduce.core.middleware.NullCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "coproduce.public.middleware.TooManyGuessesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "coproduce.core.middleware.NoStoreMiddleware",
    # Last, so its process_exception sees a view's database errors first and gives a busy form back.
    "coproduce.core.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coproduce.core.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.getenv("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", "0"),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the task worker use the file at once; NORMAL sync is safe with WAL (a
    # power cut can lose the last commits, never corrupt the file) and saves an fsync per commit.
    _sqlite = DATABASES["default"].setdefault("OPTIONS", {})
    _sqlite["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    # Writers take the lock when they begin, so they queue on the busy timeout instead of failing halfway.
    _sqlite["transaction_mode"] = "IMMEDIATE"
    # A writer waits this long for another (a long import, the worker) before "database is locked".
    _sqlite["timeout"] = envint("SQLITE_BUSY_TIMEOUT", "20")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache is shared by every web process and machine, so rate limits hold across them.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "coproduce_cache",
        # Django's default (300 entries) culls a room's rate-limit counters as fast as they are made, which
        # both defeats the limits and makes every write count and cull the table.
        "OPTIONS": {"MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", "100000")},
    },
    # Per-process counters where a database round trip per request would cost too much (live votes).
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "coproduce-local"},
}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_ENABLE = envbool("RATELIMIT_ENABLE", "1")
# Anonymous participant endpoints: a generous limit for a room sharing one Wi-Fi address.
PARTICIPANT_RATE = os.getenv("PARTICIPANT_RATE", "120/m")
# Contributions are also limited per address (a room shares one) and per event, so that many sessions from
# one machine, or many machines at one event, cannot flood it.
PARTICIPANT_ADDRESS_RATE = os.getenv("PARTICIPANT_ADDRESS_RATE", "600/m")
PARTICIPANT_EVENT_RATE = os.getenv("PARTICIPANT_EVENT_RATE", "1200/m")
# Lookups of join codes a browser has not joined with, per address, GET and POST: stops guessing codes.
JOIN_CODE_RATE = os.getenv("JOIN_CODE_RATE", "200/m")
# A closed event's code (and its surveys') stops answering this many days after the event.
JOIN_CODE_GRACE_DAYS = envint("JOIN_CODE_GRACE_DAYS", "7")
# Failed sign-ins (coproduce/accounts/signin.py): per address, loose enough for an office sharing one; per
# account, whoever tries it from wherever.
LOGIN_RATE = os.getenv("LOGIN_RATE", "20/m")
LOGIN_USERNAME_RATE = os.getenv("LOGIN_USERNAME_RATE", "5/m")
# An attendee's private CPD reflection link (coproduce/cpd/public_views.py): lookups per address, so links
# cannot be guessed quickly; an attendee opens theirs a few times.
REFLECTION_LINK_RATE = os.getenv("REFLECTION_LINK_RATE", "30/m")
# The public Open Referral UK API at /api/oruk/, per address.
ORUK_API_RATE = os.getenv("ORUK_API_RATE", "120/m")
# Public questions (coproduce/qanda/public_views.py), per address: questions asked and follows started (both
# send nothing until a moderator or the follower acts, so these only stop floods), and lookups of the secret
# confirm/stop links of followers, so they cannot be guessed quickly.
QUESTION_RATE = os.getenv("QUESTION_RATE", "10/h")
QUESTION_FOLLOW_RATE = os.getenv("QUESTION_FOLLOW_RATE", "20/h")
QUESTION_LINK_RATE = os.getenv("QUESTION_LINK_RATE", "30/m")
# The theme engine's embedder: "auto" (MiniLM by ONNX Runtime where it can run, else by torch, else TF-IDF),
# "minilm-onnx", "minilm-onnx-int8", "minilm", "minilm-int8" or "tfidf".
THEMES_EMBEDDER = os.getenv("THEMES_EMBEDDER", "auto")
# Votes are limited per participant (their session), since a whole room shares one address.
VOTE_RATE = os.getenv("VOTE_RATE", "60/m")
# Participants' statements (coproduce/consensus/public_views.py): one a minute per participant, and this many per address.
STATEMENT_ADDRESS_RATE = os.getenv("STATEMENT_ADDRESS_RATE", "30/m")

# UK GDPR. Names and organisations are removed this many days after a person's last event
# (`manage.py anonymise_expired`, run daily); a quote is shown without its role when fewer than
# SMALL_GROUP_MIN people of that role take part in the area; PRIVACY_CONTACT is shown on /privacy/.
PARTICIPANT_RETENTION_DAYS = envint("PARTICIPANT_RETENTION_DAYS", "730")
SMALL_GROUP_MIN = envint("SMALL_GROUP_MIN", "5")
PRIVACY_CONTACT = os.getenv("PRIVACY_CONTACT", "")

# Email (sent by the task worker: answers to followed questions, action owners' daily digests): Django's mail backends, the console in development (DEBUG), SMTP
# otherwise (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS); links in emails
# start with SITE_URL, the public site's address.
EMAIL_BACKEND = os.getenv(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "coproduce <noreply@localhost>")
SITE_URL = os.getenv("SITE_URL", "http://localhost:8000")

# Background work beats every WORKER_HEARTBEAT_SECONDS; a run "running" whose heartbeat is older than
# WORKER_STALE_AFTER seconds lost its worker and is marked failed, and one queued that long says so.
WORKER_HEARTBEAT_SECONDS = envint("WORKER_HEARTBEAT_SECONDS", "15")
WORKER_STALE_AFTER = envint("WORKER_STALE_AFTER", "120")

TASKS = {
    "default": {
        "BACKEND": os.getenv("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "programmes:home"
LOGOUT_REDIRECT_URL = "public:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# The Makefile builds GOV.UK Frontend and our stylesheet into build/static.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not TESTING
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
# Look files up when asked for, not by listing every static file when the middleware starts: each test
# client starts the middleware again, and with a collected staticfiles/ (make bench-live collects it) the
# listing took about a tenth of a second a test. Production (neither set) lists them once at start.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# HTTPS, switched on where the site is served over it (see README, Configuration). Behind a reverse proxy
# that ends TLS, SECURE_PROXY_SSL_HEADER=1 trusts its X-Forwarded-Proto header; only set it when the proxy
# always sets or strips that header, or anyone could claim a request came over HTTPS.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0")
if envbool("SECURE_PROXY_SSL_HEADER", "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own static files, or inline with the
# page's nonce (request.csp_nonce); nothing from other sites. Styles allow inline because the charts'
# bars are sized with style attributes, which a nonce cannot cover; scripts are what an injection needs.
_CSP = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# CSP_REPORT_ONLY=1 sends the policy as Content-Security-Policy-Report-Only, to try it before enforcing.
if envbool("CSP_REPORT_ONLY", "0"):
    CONTENT_SECURITY_POLICY_REPORT_ONLY = _CSP
else:
    CONTENT_SECURITY_POLICY = _CSP
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Comment imports larger than this are refused with a message rather than read.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "20000")
# An XLSX is a zip: what it may unpack to, and the longest cell, checked before it is parsed.
IMPORT_MAX_UNZIPPED_BYTES = envint("IMPORT_MAX_UNZIPPED_BYTES", str(50 * 1024 * 1024))
IMPORT_MAX_CELL_CHARS = envint("IMPORT_MAX_CELL_CHARS", "10000")
# Uploaded import files wait here (private: never served) until a day after their import.
IMPORT_DIR = Path(os.getenv("IMPORT_DIR", str(BASE_DIR / "var" / "imports")))

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Fast and corpus-only for most tests; tests of the real model ask for "minilm".
    THEMES_EMBEDDER = os.getenv("THEMES_EMBEDDER", "tfidf")
    # Each test process keeps its own cache, so rate-limit counters never leak between parallel workers.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "coproduce-local"},
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}
