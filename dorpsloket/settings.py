"""Settings for Dorpsloket, read from the environment only.

With no environment at all the app runs for a newcomer: SQLite in the project folder,
an embedded Celery broker on the file system and e-mail printed to the console. Production
differs only by environment variables (see .env.example), never by code paths.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("DORPSLOKET_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is not set: refusing to start with the development key."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "dorpsloket.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "pgtrigger",
    "accounts",
    "sociale_kaart",
    "vrijwilligers",
    "hulpvragen",
    "uitleen",
    "activiteiten",
    "koppelingen",
    "meldingen",
    "importeren",
    "rapportage",
    "regio",
    "privacy",
    "dorpsloket",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "accounts.headers.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.AccessMiddleware",
    "accounts.security.SessionSecurityMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "dorpsloket.urls"
WSGI_APPLICATION = "dorpsloket.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.access",
                "accounts.context_processors.session_limits",
            ],
        },
    },
]

# --- Database: PostgreSQL through DATABASE_URL, SQLite in the project folder otherwise.
# Connections are kept for CONN_MAX_AGE seconds (and checked before reuse), so a request
# does not pay for a new connection.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles the overview's aggregate queries at a cost above their run
    # time (the 50-village overview takes about twice as long with it: bench/README.md).
    # POSTGRES_JIT=on gives it back.
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options["options"] = (
        f"{_pg_options.get('options', '')} -c jit={os.environ.get('POSTGRES_JIT', 'off')}"
    ).strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has a web server and a worker writing at once: take the write
    # lock when a transaction starts (no lock upgrades that fail), wait for it instead of
    # failing, and let readers work beside a writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and broker when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dorpsloket",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Coordinators and beheerders see everything: 12 characters at least (issue 14).
    {"NAME": "accounts.passwords.RoleMinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    # "dorpsloket", "Warffum2024": the app's and the villages' own words are guessed first.
    {"NAME": "accounts.passwords.OwnWordsValidator"},
]

# --- Account security (issue 14): two factors, lockout, sessions -------------------------
# Django-otp keeps the devices (TOTP and recovery codes); our own Dutch pages set them up
# and ask for the code (accounts.two_factor, accounts.security_views). Coordinators and
# beheerders must have a device; anyone else may add one.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Dorpsloket")
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next try
OTP_STATIC_THROTTLE_FACTOR = 1
# Django-axes counts failed logins on every form that authenticates (the site's login and
# the admin's) per e-mail address from one IP address, and per IP address; after
# AXES_FAILURE_LIMIT failures that pair (or that address) waits AXES_COOLOFF_TIME. Never a
# permanent lockout: a stranger elsewhere cannot lock a coordinator out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.UserBackend",  # ModelBackend, reading the user with a prepared query
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_USERNAME_FORM_FIELD = "username"  # the login forms' field (holding the e-mail address)
AXES_USERNAME_CALLABLE = "accounts.security.axes_username"
AXES_LOCKOUT_CALLABLE = "accounts.security.lockout_response"
AXES_VERBOSE = False
# The client address is REMOTE_ADDR unless a proxy in front is trusted (SECURE_PROXY_SSL_HEADER):
# a forged X-Forwarded-For must not give an attacker a fresh address for every guess.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    if env_bool("SECURE_PROXY_SSL_HEADER", False)
    else ("REMOTE_ADDR",)
)
AXES_IPWARE_PROXY_COUNT = 1 if env_bool("SECURE_PROXY_SSL_HEADER", False) else None
# Password reset: at most this many e-mails per address per hour, and this many requests
# per IP address per hour; the page answers the same whether an address is known or not.
PASSWORD_RESET_MAX_PER_EMAIL = env_int("PASSWORD_RESET_MAX_PER_EMAIL", 3)
PASSWORD_RESET_MAX_PER_IP = env_int("PASSWORD_RESET_MAX_PER_IP", 10)
# The public volunteer sign-up: at most this many sign-ups per IP address per hour, counted
# in the cache (vrijwilligers.views).
VOLUNTEER_SIGNUP_RATE = (env_int("VOLUNTEER_SIGNUPS_PER_HOUR", 5), 60 * 60)
# Sessions: at most 12 hours after logging in for everyone; coordinators and beheerders are
# logged out after 30 minutes without a request (static/js/session.js warns two minutes
# before and keeps the session alive while they type).
SESSION_COOKIE_AGE = 60 * 60 * 12
# Sessions live in the database, which every web process shares (accounts.sessions: Django's
# database store with its read compiled once). SESSION_ENGINE=
# django.contrib.sessions.backends.cached_db keeps a copy in the cache as well (one query less
# per request); only with REDIS_URL, where the cache is shared too (docs/operations.md).
SESSION_ENGINE = os.environ.get("SESSION_ENGINE", "accounts.sessions")
SESSION_MAX_AGE = SESSION_COOKIE_AGE
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_IDLE_WARNING = 2 * 60
# --- end of account security ------------------------------------------------------------

# --- Language and time
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# --- Static files: everything is served from the project (no CDN).
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# With DEBUG off the files come from collectstatic: hashed names and compressed copies
# (the Docker image builds them). `make run` also runs with DEBUG off but sets
# STATIC_COLLECTED=False: WhiteNoise then serves static/ as it is, without that slow step
# on every start.
STATIC_COLLECTED = env_bool("STATIC_COLLECTED", not DEBUG)
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "dorpsloket.static_storage.CompressedManifest"
            if STATIC_COLLECTED
            else "dorpsloket.static_storage.Plain"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Files only the app itself reads (uploaded spreadsheets waiting to be imported): never
# served by the web server; keep it out of any public folder.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))

# --- E-mail: console by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Dorpsloket <noreply@dorpsloket.local>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))

# --- Celery: Redis when configured, otherwise kombu's file-system transport so that a
# newcomer needs no broker server at all.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    _control_dir = VAR_DIR / "celery" / "control"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "control_folder": str(_control_dir),
        "store_processed": False,
    }
    EMBEDDED_BROKER_DIRS = [_queue_dir, _processed_dir, _control_dir]
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
    EMBEDDED_BROKER_DIRS = []
# Apps' tasks.py are found by autodiscovery; project-level tasks are listed here.
CELERY_IMPORTS = ["dorpsloket.tasks"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat only triggers scans and jobs; what must happen is in the database. The jobs belong to
# the apps and are registered with meldingen by name (meldingen.registry); every registered
# job has an entry here (tests/meldingen/test_registry.py).
# The database scheduler copies these entries into its tables when beat starts.
CELERY_BEAT_SCHEDULE = {
    "scan-outbox": {"task": "meldingen.scan_outbox", "schedule": 60.0},
    **{
        f"job-{name}": {"task": "meldingen.run_job", "schedule": seconds, "args": [name]}
        for name, seconds in [
            ("reminders", 15 * 60),
            ("unanswered_invitations", 30 * 60),
            ("escalations", 30 * 60),
            ("after_the_task", 60 * 60),
            ("recurring", 6 * 60 * 60),
            ("recurring_reviews", 6 * 60 * 60),
            ("stale_social_map", 24 * 60 * 60),
            ("ask_organisations", 24 * 60 * 60),
            ("overdue_loans", 24 * 60 * 60),
            ("confirmation_round", 24 * 60 * 60),
            ("import_uploads", 15 * 60),
            ("heartbeat", 60),
            ("access_reviews", 24 * 60 * 60),
            ("retention", 24 * 60 * 60),
        ]
    },
}
SMS_BACKEND = os.environ.get("SMS_BACKEND", "meldingen.sms.ConsoleSMSBackend")
SMS_FILE_PATH = Path(os.environ.get("SMS_FILE_PATH", VAR_DIR / "sms"))
# CM.com (SMS_BACKEND=meldingen.sms.CMSMSBackend): the product token from the CM portal, the
# sender name, and the secret in the status-report URL given to CM
# (<SITE_URL>/te-doen/sms/status/<SMS_STATUS_SECRET>/).
SMS_CM_URL = os.environ.get("SMS_CM_URL", "https://gw.messaging.cm.com/v1.0/message")
SMS_CM_PRODUCT_TOKEN = os.environ.get("SMS_CM_PRODUCT_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "Dorpsloket")
SMS_STATUS_SECRET = os.environ.get("SMS_STATUS_SECRET", "")
# Replies by text message (a volunteer's "JA 12") reach <SITE_URL>/te-doen/sms/in/, signed
# with an HMAC-SHA256 of the body under this shared secret (docs/operations.md); empty:
# the address does not exist.
SMS_INBOUND_SECRET = os.environ.get("SMS_INBOUND_SECRET", "")
# With DEBUG off, e-mail or SMS backends that deliver nothing (console, in memory, files)
# are a system-check error unless this is set (the demo, CI): see meldingen.checks.
ALLOW_FAKE_DELIVERY = env_bool("DORPSLOKET_ALLOW_FAKE_DELIVERY", False)

# --- Health checks (dorpsloket.health): /gezondheid/ says healthy or not to anyone;
# /gezondheid/details/ names the failing check, for beheerders or with this bearer token.
HEALTH_TOKEN = os.environ.get("HEALTH_TOKEN", "")
HEALTH_HEARTBEAT_MINUTES = env_int("HEALTH_HEARTBEAT_MINUTES", 5)
HEALTH_BEAT_MINUTES = env_int("HEALTH_BEAT_MINUTES", 10)
HEALTH_OUTBOX_LAG_MINUTES = env_int("HEALTH_OUTBOX_LAG_MINUTES", 15)

# --- Backups (manage.py backup; dorpsloket.backups): where, and how many to keep.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)

# --- Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security: strict by default whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL_HEADER", False) else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading HSTS is hard to undo (browsers ship the list): only when the operator opts in.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): everything from the project itself, nothing inline
# (no inline scripts or style attributes; htmx is told not to add its own <style>), and no
# framing. PDFs are made on the server and are not web pages.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# --- Error reporting (dorpsloket.errors): only with SENTRY_DSN, and without personal data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from dorpsloket.errors import init_sentry

    init_sentry(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", ""),
        release=os.environ.get("SENTRY_RELEASE", ""),
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
