"""Settings for lotse, read from the environment (see docs/configuration.md).

One file for every environment: production differs only by its environment variables.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_choice, env_int, env_list, env_str, load_local_env

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("LOTSE_VAR_DIR", str(BASE_DIR / "var")))
# `make install` writes var/local.env (DJANGO_DEBUG=1) for development; production has none (or
# sets LOTSE_LOCAL_ENV empty). Variables set in the environment win over the file.
_local_env = env_str("LOTSE_LOCAL_ENV", str(VAR_DIR / "local.env"))
if _local_env:
    load_local_env(Path(_local_env))

DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) must be set when DJANGO_DEBUG is off"
        )
    SECRET_KEY = "insecure-development-key-only-for-DJANGO_DEBUG-1"  # noqa: S105
elif len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long")
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin, signing in and out through allauth (lotse/access/admin_site.py)
    "lotse.access.admin_site.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_htmx",
    "ninja",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_tasks_db",
    # lotse, in the order of the dependency stack (see docs/architecture.md)
    "lotse.core",
    "lotse.organisations",
    "lotse.access",
    "lotse.audit",
    "lotse.identity",
    "lotse.people",
    "lotse.cases",
    "lotse.consent",
    "lotse.subject_rights",
    "lotse.status",
    "lotse.documents",
    "lotse.profiles",
    "lotse.courses",
    "lotse.plans",
    "lotse.jobs",
    "lotse.appointments",
    "lotse.comms",
    "lotse.web",
    "lotse.api",
    "lotse.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # answers /health/ without sessions, cookies or sign-in (lotse/core/middleware.py)
    "lotse.core.middleware.HealthCheckMiddleware",
    "lotse.core.context.RequestContextMiddleware",
    # the request's reads: their audit events in one transaction, before the response leaves
    "lotse.audit.middleware.AuditBatchMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lotse.access.middleware.NoStoreMiddleware",
    "lotse.access.middleware.StaffLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lotse.access.middleware.SecondFactorRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes last, as its documentation asks
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lotse" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotse.web.context_processors.layout",
            ],
        },
    },
]

# --- database -------------------------------------------------------------------------------
# SQLite under var/ is the embedded default; production sets DATABASE_URL=postgres://…
VAR_DIR.mkdir(parents=True, exist_ok=True)
_database_url = env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'lotse.sqlite3'}"
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL cannot be parsed: {exc}") from exc
if _database["ENGINE"] not in {
    "django.db.backends.sqlite3",
    "django.db.backends.postgresql",
}:
    raise ImproperlyConfigured("DATABASE_URL must point to SQLite or PostgreSQL")
if _database["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the web server and the task worker share the file.
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
# Django's own PostgreSQL connection pool (psycopg_pool), per worker process: DB_POOL_SIZE=N keeps
# up to N connections open for the process's threads. It replaces persistent connections
# (DB_CONN_MAX_AGE); a pooler outside the app (PgBouncer) needs neither (docs/deployment.md).
_pool_size = env_int("DB_POOL_SIZE", 0, minimum=0)
if _pool_size:
    if _database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DB_POOL_SIZE needs PostgreSQL: SQLite has no connection pool")
    if _database.get("CONN_MAX_AGE"):
        raise ImproperlyConfigured(
            "DB_POOL_SIZE and DB_CONN_MAX_AGE exclude each other: choose the pool or persistent "
            "connections"
        )
    _database.setdefault("OPTIONS", {})["pool"] = {"min_size": 1, "max_size": _pool_size}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A database cache, shared by all app processes: TOTP replay protection and sign-in rate
# limits must hold across processes (created by `manage.py createcachetable`).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "lotse_cache",
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- sign-in --------------------------------------------------------------------------------
AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "web:start"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_ADAPTER = "lotse.access.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env_str("LOTSE_TOTP_ISSUER", "lotse")
MFA_TOTP_TOLERANCE = 1
MFA_RECOVERY_CODE_COUNT = 10

AXES_FAILURE_LIMIT = env_int("LOTSE_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOTSE_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
# allauth authenticates with credentials {"username": …}, not the form's "login" field.
AXES_USERNAME_CALLABLE = "lotse.access.adapters.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "access/locked_out.html"
# The client's address behind the reverse proxies: one function for axes, allauth (the account
# adapter's get_client_ip) and the audit trail (lotse/core/context.py).
AXES_CLIENT_IP_CALLABLE = "lotse.core.context.client_ip"

# Sessions end after a period without activity: every request renews the expiry.
SESSION_COOKIE_AGE = env_int("LOTSE_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_SAVE_EVERY_REQUEST = True
# … but an unchanged session's row is written at most once a minute (lotse/core/sessions.py)
SESSION_ENGINE = "lotse.core.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "lotse" / "locale"]
# English dates in British order (lotse/formats/en); German uses Django's de formats.
FORMAT_MODULE_PATH = ["lotse.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Berlin"

# --- static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# lotse/static: our stylesheet and the vendored KERN and htmx (lotse/static/vendor/README.md)
STATICFILES_DIRS = [BASE_DIR / "lotse" / "static"]
# Documents of persons (docs/documents.md): on the file system under VAR_DIR/documents, or on
# S3-compatible storage (django-storages) when DOCUMENTS_S3_BUCKET is set.
DOCUMENTS_ROOT = Path(env_str("DOCUMENTS_ROOT", str(VAR_DIR / "documents")))
DOCUMENTS_MAX_BYTES = env_int("DOCUMENTS_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
_documents_bucket = env_str("DOCUMENTS_S3_BUCKET", "")
if _documents_bucket:
    _documents_storage: dict = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _documents_bucket,
            "endpoint_url": env_str("DOCUMENTS_S3_ENDPOINT_URL", "") or None,
            "region_name": env_str("DOCUMENTS_S3_REGION", "") or None,
            "access_key": env_str("DOCUMENTS_S3_ACCESS_KEY_ID", "") or None,
            "secret_key": env_str("DOCUMENTS_S3_SECRET_ACCESS_KEY", "") or None,
            "location": env_str("DOCUMENTS_S3_PREFIX", "documents"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "object_parameters": {"ServerSideEncryption": "AES256"}
            if env_bool("DOCUMENTS_S3_ENCRYPT", True)
            else {},
        },
    }
else:
    _documents_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": str(DOCUMENTS_ROOT),
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": _documents_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- security -------------------------------------------------------------------------------
_secure = not DEBUG and env_bool("LOTSE_HTTPS", True)
SECURE_SSL_REDIRECT = _secure
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_HSTS_SECONDS = env_int("LOTSE_HSTS_SECONDS", 31536000 if _secure else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = _secure
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("LOTSE_BEHIND_PROXY", False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

# --- e-mail (only used for password resets by administrators) --------------------------------
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, minimum=1)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "lotse@localhost")

# The outbox's channels (docs/outbox.md): a dotted path per channel to a class with
# `send(message) -> None`. E-mail goes through Django's mail settings above; the SMS back-end
# shipped writes files to VAR_DIR/outbox-sms/ (development) until a gateway is configured.
LOTSE_MESSAGE_CHANNELS = {
    "email": env_str("LOTSE_EMAIL_CHANNEL", "lotse.comms.channels.EmailChannel"),
    "sms": env_str("LOTSE_SMS_CHANNEL", "lotse.comms.channels.FileSmsChannel"),
}
LOTSE_SMS_DIR = VAR_DIR / "outbox-sms"

# --- logging --------------------------------------------------------------------------------
LOG_LEVEL = env_choice("LOTSE_LOG_LEVEL", "INFO", {"DEBUG", "INFO", "WARNING", "ERROR"})
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- lotse ----------------------------------------------------------------------------------
# How many reverse proxies stand in front, each appending to X-Forwarded-For: the client's
# address is the one this many entries from the right (0: REMOTE_ADDR, the header is ignored).
LOTSE_PROXY_COUNT = env_int("LOTSE_PROXY_COUNT", 0, minimum=0)
# The demo region's second factor: fixed TOTP secrets so that demo sign-in works without a phone
# (see docs/demo.md). Never set in production: the demo command refuses to run without DEBUG.
LOTSE_DEMO = env_bool("LOTSE_DEMO", DEBUG)
if LOTSE_DEMO and not DEBUG:
    raise ImproperlyConfigured("LOTSE_DEMO=1 needs DJANGO_DEBUG=1: demo logins share known secrets")
# How long emergency access (break-the-glass) lasts before it ends by itself.
LOTSE_BREAK_GLASS_MINUTES = env_int("LOTSE_BREAK_GLASS_MINUTES", 30, minimum=1)
LOTSE_REFERENCE_DATA_DIR = BASE_DIR / "lotse" / "organisations" / "data"
