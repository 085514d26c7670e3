"""Ratusz settings: one module, configured from environment variables.

SQLite is the default so that a fresh checkout just works; set DATABASE_URL
to a postgres:// URL for production.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from ratusz.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("RATUSZ_DATA_DIR", str(BASE_DIR.parent / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)


def _data_dir_secret(name: str) -> str:
    """A random key kept in a file of the data directory, made on first use.

    Several processes may start at once (app servers, the worker, parallel
    tests): the file is created exclusively, and whoever loses the race reads
    the winner's key, so every process keys with the same secret."""
    key_file = DATA_DIR / name
    if key_file.exists():
        return key_file.read_text().strip()
    from django.core.management.utils import get_random_secret_key

    key = get_random_secret_key()
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _attempt in range(50):
            written = key_file.read_text().strip()
            if written:
                return written
            time.sleep(0.01)
        raise
    except OSError:
        return key
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


# A development key kept in the data directory so that sessions survive
# restarts; production sets SECRET_KEY (`ratusz check --deploy` warns otherwise).
SECRET_KEY_FROM_ENVIRONMENT = bool(env_str("SECRET_KEY", ""))
SECRET_KEY = env_str("SECRET_KEY", "") or _data_dir_secret("secret_key")

# The audit trail's chain is an HMAC under this key, kept outside the database
# so that whoever can write to the database cannot re-seal a rewritten trail.
RATUSZ_AUDIT_KEY = env_str("RATUSZ_AUDIT_KEY", "") or _data_dir_secret("audit_key")
# Where `ratusz export_audit_head` writes the dated copies of the chain head
# (best a directory on another machine), and how long an entry may wait to be
# sealed before `verify_audit_trail` reports it.
RATUSZ_AUDIT_HEAD_DIR = Path(
    env_str("RATUSZ_AUDIT_HEAD_DIR", str(DATA_DIR / "audit-heads"))
).resolve()
RATUSZ_AUDIT_SEAL_GRACE_SECONDS = env_int("RATUSZ_AUDIT_SEAL_GRACE_SECONDS", 60)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "ratusz.core",
    "ratusz.processes",
    "ratusz.documents",
    "ratusz.improvement",
    "ratusz.audits",
    "ratusz.certification",
    "ratusz.context",
    "ratusz.risks",
    "ratusz.objectives",
    "ratusz.suppliers",
    "ratusz.services",
    "ratusz.feedback",
    "ratusz.surveys",
    "ratusz.competence",
    "ratusz.reviews",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ratusz.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ratusz.core.middleware.ActiveAccountMiddleware",
    "ratusz.core.middleware.UserLanguageMiddleware",
    "ratusz.core.middleware.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ratusz.urls"
WSGI_APPLICATION = "ratusz.wsgi.application"

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
                "django.template.context_processors.i18n",
                "ratusz.core.context_processors.shell",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", "")
SQLITE_OPTIONS = {
    # WAL lets readers work while one writer writes; IMMEDIATE transactions
    # take the write lock up front so that two writers queue instead of
    # failing half-way with "database is locked".
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=10000;"
    ),
    "transaction_mode": "IMMEDIATE",
}
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "ratusz.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
            "CONN_MAX_AGE": 60,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "ratusz.core.auth.RatuszBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes keeps attempts in the database, so every app
# server sees the same count). Failures are counted per client address, taken
# from the trusted reverse proxy's header; after each round of
# RATUSZ_LOGIN_FAILURE_LIMIT failures the address waits, one minute at first,
# twice as long each further round, at most RATUSZ_LOGIN_COOLOFF_MINUTES.
# No account is locked for everyone.
RATUSZ_TRUSTED_PROXIES = env_list("RATUSZ_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
RATUSZ_CLIENT_IP_HEADER = env_str("RATUSZ_CLIENT_IP_HEADER", "X-Forwarded-For")
RATUSZ_LOGIN_MAX_DELAY_MINUTES = env_int("RATUSZ_LOGIN_COOLOFF_MINUTES", 15)
AXES_FAILURE_LIMIT = env_int("RATUSZ_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = "ratusz.core.auth.login_delay"
AXES_USE_ATTEMPT_EXPIRATION = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "ratusz.core.auth.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ratusz.formats"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Warsaw")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "ratusz_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("RATUSZ_STATIC_ROOT", str(DATA_DIR / "static")))
MEDIA_ROOT = Path(env_str("RATUSZ_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("RATUSZ_MANIFEST_STATIC", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
RATUSZ_MAX_UPLOAD_BYTES = env_int("RATUSZ_MAX_UPLOAD_MB", 20) * 1024 * 1024
# An EZD export of the case register (`services`): millions of rows.
RATUSZ_MAX_IMPORT_BYTES = env_int("RATUSZ_MAX_IMPORT_MB", 2048) * 1024 * 1024
# Contracts (`suppliers`): when PZP art. 446 asks for a report, and who may waive a
# contractual penalty (a role code, e.g. top_management or quality_manager).
RATUSZ_ART446_DELAY_DAYS = env_int("RATUSZ_ART446_DELAY_DAYS", 30)
RATUSZ_ART446_DELAY_DAYS_LARGE = env_int("RATUSZ_ART446_DELAY_DAYS_LARGE", 90)
RATUSZ_PENALTY_WAIVER_ROLE = env_str("RATUSZ_PENALTY_WAIVER_ROLE", "top_management")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ratusz@localhost")

# --- Security -------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("RATUSZ_SESSION_HOURS", 10) * 3600
CSRF_COOKIE_HTTPONLY = False  # read by the page to send HTMX's header
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("RATUSZ_HTTPS", False)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("RATUSZ_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("RATUSZ_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = False
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload is the operator's decision
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)

# --- API ------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its `WWW-Authenticate: Token` header makes an unauthenticated
    # call 401 (DRF answers 403 when the first class gives no such header).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "ratusz.core.api_parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["ratusz.core.api_permissions.IsActiveAccount"],
    "DEFAULT_SCHEMA_CLASS": "ratusz.core.api_schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_RATES": {"anon": "60/min"},
    "EXCEPTION_HANDLER": "ratusz.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Ratusz API",
    "DESCRIPTION": "ISO 9001:2015 quality management system of a city office.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its Swagger UI are for those who may use the API (access.can_use_api).
    "SERVE_PERMISSIONS": ["ratusz.core.api_permissions.MayUseApi"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No deep links: Swagger UI puts them inside each operation's button (nested controls);
    # no syntax colouring: its themes are below AA contrast.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "syntaxHighlight": False},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActionKindEnum": "ratusz.core.models.Action.Kind",
        "ActionStatusEnum": "ratusz.core.models.Action.Status",
        "OrgUnitKindEnum": "ratusz.core.models.OrgUnit.Kind",
        "EffectivenessEnum": "ratusz.core.models.Effectiveness",
        "ProcessKindEnum": "ratusz.processes.models.Process.Kind",
        "NonconformityGradeEnum": "ratusz.improvement.models.Nonconformity.Grade",
        "NonconformityStatusEnum": "ratusz.improvement.models.Nonconformity.Status",
        "NonconformitySourceEnum": "ratusz.improvement.models.Source",
        "IdeaSourceEnum": "ratusz.improvement.models.Idea.Source",
        "IdeaStatusEnum": "ratusz.improvement.models.Idea.Status",
        "FindingGradeEnum": "ratusz.audits.models.Finding.Grade",
        "AuditStatusEnum": "ratusz.audits.models.Audit.Status",
        "ProgrammeStatusEnum": "ratusz.audits.models.Programme.Status",
        "ProgrammeItemStatusEnum": "ratusz.audits.models.ProgrammeItem.Status",
        "ExternalAuditKindEnum": "ratusz.certification.models.ExternalAudit.Kind",
        "ExternalAuditStatusEnum": "ratusz.certification.models.ExternalAudit.Status",
        "CertificateStatusEnum": "ratusz.certification.models.Certificate.Status",
        # Issues and interested parties share it: internal or external.
        "InternalExternalEnum": "ratusz.context.models.ContextIssue.Kind",
        "ContextIssueCategoryEnum": "ratusz.context.models.ContextIssue.Category",
        "RiskKindEnum": "ratusz.risks.models.Risk.Kind",
        "RiskCategoryEnum": "ratusz.risks.models.Risk.Category",
        "RiskResponseEnum": "ratusz.risks.models.Risk.Response",
        "RiskStatusEnum": "ratusz.risks.models.Risk.Status",
        # A planned change's status (planned, done, cancelled) shares ExternalAuditStatusEnum.
        "ObjectiveStatusEnum": "ratusz.objectives.models.Objective.Status",
        "KpiFrequencyEnum": "ratusz.objectives.models.Kpi.Frequency",
        "ContractKindEnum": "ratusz.suppliers.models.Contract.Kind",
        "SubmissionKindEnum": "ratusz.feedback.models.Kind",
        "ContractProcedureEnum": "ratusz.suppliers.models.Contract.Procedure",
        "ContractStatusEnum": "ratusz.suppliers.models.Contract.Status",
        "AcceptanceProtocolKindEnum": "ratusz.suppliers.models.AcceptanceProtocol.Kind",
        "ReviewStatusEnum": "ratusz.reviews.models.Review.Status",
        "DecisionKindEnum": "ratusz.reviews.models.Decision.Kind",
        "CompetenceKindEnum": "ratusz.competence.models.Competence.Kind",
        "ResourceKindEnum": "ratusz.competence.models.Resource.Kind",
        "QuestionKindEnum": "ratusz.surveys.models.Question.Kind",
        "SurveyStatusEnum": "ratusz.surveys.models.Survey.Status",
    },
}

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Ratusz ---------------------------------------------------------------
RATUSZ_DUE_SOON_DAYS = env_int("RATUSZ_DUE_SOON_DAYS", 7)
# Directory of pg_dump/pg_restore when PATH's are older than the server
# (e.g. /usr/lib/postgresql/17/bin); empty: Debian's directory for the server's
# version, then PATH.
RATUSZ_PG_BIN = env_str("RATUSZ_PG_BIN", "")

# --- Background jobs and extracted text ---------------------------------------
# Long work (text extraction, evidence packs) runs in `ratusz worker`, which takes
# jobs from the database: no extra server on SQLite or PostgreSQL. Tests and a
# single-process trial may run jobs in the request with
# RATUSZ_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend.
TASKS = {
    "default": {
        "BACKEND": env_str("RATUSZ_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A worker says it is alive this often; a running job whose worker has been
# silent for RATUSZ_JOB_STALE_SECONDS is run again (up to RATUSZ_JOB_MAX_ATTEMPTS
# runs in all) or reported as failed.
RATUSZ_JOB_HEARTBEAT_SECONDS = env_int("RATUSZ_JOB_HEARTBEAT_SECONDS", 10)
RATUSZ_JOB_STALE_SECONDS = env_int("RATUSZ_JOB_STALE_SECONDS", 60)
RATUSZ_JOB_MAX_ATTEMPTS = env_int("RATUSZ_JOB_MAX_ATTEMPTS", 3)
# Text extracted from one uploaded file, from all files of one document version,
# and how much a DOCX/XLSX/ODT may unpack to while its text is read.
RATUSZ_TEXT_MAX_FILE_CHARS = env_int("RATUSZ_TEXT_MAX_FILE_CHARS", 500_000)
RATUSZ_TEXT_MAX_VERSION_CHARS = env_int("RATUSZ_TEXT_MAX_VERSION_CHARS", 1_000_000)
RATUSZ_TEXT_MAX_UNPACKED_MB = env_int("RATUSZ_TEXT_MAX_UNPACKED_MB", 20)
