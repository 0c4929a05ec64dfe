"""Settings for coproduce, read from the environment.

Zero configuration gives a working demo: SQLite, the database task backend, DEBUG on. Production sets
SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL, psycopg 3).
"""

import os
from pathlib import Path

import dj_database_url
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


DEBUG = envbool("DEBUG", "1")
TESTING = envbool("COPRODUCE_TESTING", "0")

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Only ever used for local development and tests; a deployment must set its own.
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = [h.strip() for h in os.getenv("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.getenv("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SITE_NAME = os.getenv("SITE_NAME", "coproduce")

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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
LOGIN_RATE = os.getenv("LOGIN_RATE", "20/m")
# The theme engine's embedder: "auto" (MiniLM when torch is installed, else TF-IDF), "minilm" or "tfidf".
THEMES_EMBEDDER = os.getenv("THEMES_EMBEDDER", "auto")
# Votes are limited per participant (their session), since a whole room shares one address.
VOTE_RATE = os.getenv("VOTE_RATE", "60/m")

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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Comment imports larger than this are refused with a message rather than read.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", "20000")

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
