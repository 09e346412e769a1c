"""Alignment's one settings module.

Every value that differs between a laptop and production comes from the environment,
read through the small helpers below, which fail loudly on a value they cannot parse.
The defaults run a fresh clone at once: SQLite, tasks in-process, console email.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# A fresh clone is a development machine; production says DEBUG=false.
DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-3f9a1c"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "axes",
    "alignment",
    "leads",
    "dashboards",
    "relationships",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "alignment.middleware.PersonRequiredMiddleware",
    "alignment.middleware.TooSlowMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that it sees the outcome of the authentication backends.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alignment.urls"
WSGI_APPLICATION = "alignment.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alignment.context_processors.navigation",
                "relationships.context_processors.team_news",
            ],
        },
    },
]

FORM_RENDERER = "alignment.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A transaction takes the write lock when it begins
    # (IMMEDIATE), so two requests on the same lead wait their turn (up to `timeout`
    # seconds) instead of both reading, then failing with "database is locked" when each
    # wants to write. WAL lets pages be read while someone writes, e.g. the Celery worker.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
    # Tests that act from two threads at once need a database file (an in-memory test
    # database is shared through SQLite's shared cache, which locks differently).
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Some of the lead list's indexes hold extra columns for PostgreSQL (INCLUDE); SQLite,
# the embedded default, makes them without, and that is fine at its sizes.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# PostgreSQL stops a statement that runs longer than this (alignment/db.py): a web request
# gets a few seconds, background work (worker, beat, commands, benchmarks) much longer.
STATEMENT_TIMEOUT_MS = env_int("STATEMENT_TIMEOUT_MS", 5_000)
BACKGROUND_STATEMENT_TIMEOUT_MS = env_int("BACKGROUND_STATEMENT_TIMEOUT_MS", 60 * 60 * 1000)

# Sessions made before PersonBackend name Django's ModelBackend: those people sign in once more.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "alignment.backends.PersonBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures for one username from one address lock it for a while,
# and so do twenty from one address whatever the usernames (password spraying); an office
# behind one address still has room for its typos. The handler adds the second limit.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_HANDLER = "alignment.login_limits.LoginLimitHandler"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "alignment.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0)

# Intake limits: the size of a CSV upload, of an API request body, and API requests per
# minute and token.
LEADS_IMPORT_MAX_BYTES = env_int("LEADS_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
LEADS_API_MAX_BODY_BYTES = env_int("LEADS_API_MAX_BODY_BYTES", 16 * 1024)
LEADS_API_RATE_PER_MINUTE = env_int("LEADS_API_RATE_PER_MINUTE", 60)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# One date format per language (alignment/formats/<lang>/formats.py), and thousands grouped
# wherever a number is shown: "1.552" in Dutch, "1,552" in English. Ids and coordinates in
# templates go through |unlocalize (tests/test_formats.py crawls the pages for them).
FORMAT_MODULE_PATH = ["alignment.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
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
WHITENOISE_USE_FINDERS = DEBUG

# Celery. With REDIS_URL, Redis is the broker and the result backend, and the worker and
# beat of docker-compose run every task. Without it (the embedded default) no service is
# needed: the tasks a page starts (rescoring, imports, emails) run in the web process after
# the commit, so the pages never depend on a worker; the periodic work of
# CELERY_BEAT_SCHEDULE runs in a real Celery worker and beat (bin/background, which
# bin/serve starts), on a queue kept in files under TASK_QUEUE_DIR (kombu's filesystem
# transport). The worker and beat never run a task eagerly (alignment/celery.py).
REDIS_URL = env_str("REDIS_URL")
TASK_QUEUE_DIR = Path(env_str("TASK_QUEUE_DIR", str(BASE_DIR / "var" / "tasks")))
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"  # no task's result is ever read
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
if not REDIS_URL:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(TASK_QUEUE_DIR / "queue"),
        "data_folder_out": str(TASK_QUEUE_DIR / "queue"),
        "control_folder": str(TASK_QUEUE_DIR / "control"),
    }
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False  # nobody inspects the embedded worker
    CELERY_BEAT_SCHEDULE_FILENAME = str(TASK_QUEUE_DIR / "beat-schedule")
    CELERY_BEAT_SCHEDULER = "alignment.celery:FirstStartScheduler"
CELERY_BEAT_SCHEDULE: dict = {
    # The handoff agreement's deadlines: flag each missed one once, and tell the people.
    "scan-sla-breaches": {"task": "leads.tasks.scan_sla_breaches", "schedule": 300.0},
    # The organisations behind the leads (key accounts): new names and domains, at night.
    "nightly-organisations": {
        "task": "relationships.tasks.recognise_organisations",
        "schedule": crontab(hour=1, minute=30),
    },
    # The shared dashboard: every KPI for the day that just ended, at night.
    "nightly-snapshots": {
        "task": "dashboards.tasks.nightly_snapshots",
        "schedule": crontab(hour=2, minute=0),
    },
    # The weekly meeting of marketing and sales: planned (and invited to) on Monday morning.
    "plan-weekly-meeting": {
        "task": "dashboards.tasks.plan_weekly_meeting",
        "schedule": crontab(hour=7, minute=0, day_of_week=1),
    },
    # Owners of action items due tomorrow hear it in the morning (in TIME_ZONE), once.
    "remind-due-action-items": {
        "task": "relationships.tasks.remind_due_action_items",
        "schedule": crontab(hour=7, minute=0),
    },
    # The relationship assessment: who has not answered a round closing within three
    # days is reminded in the morning (at most once a day, however it is asked for).
    "remind-unanswered-assessments": {
        "task": "relationships.tasks.remind_unanswered_assessments",
        "schedule": crontab(hour=9, minute=0),
    },
}

# A snapshot run that finds its day being computed by another run waits this long, then
# tries again.
DASHBOARD_BUSY_RETRY_SECONDS = env_int("DASHBOARD_BUSY_RETRY_SECONDS", 10)

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Email (Django 6.1 MAILERS). Console by default; SMTP when EMAIL_HOST is set.
SMTP_HOST = env_str("EMAIL_HOST")
MAILERS = {
    "default": (
        {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": SMTP_HOST,
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", default=True),
            },
        }
        if SMTP_HOST
        else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    )
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "alignment@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. A strict Content-Security-Policy: no inline script or style without a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
