"""Production: everything secret or host-specific comes from environment variables (docs/deploy.md).

Missing or wrong values are reported by Django system checks (``cms/core/checks.py``), which run when the web
process starts (``portal_site/wsgi.py``), before the worker (systemd ``ExecStartPre``) and with
``manage.py check --deploy``: the portal refuses to start rather than put ``localhost`` in feeds and mail.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR
from .environment import PROBLEMS, env, env_int

PORTAL_SETTINGS_PROBLEMS = PROBLEMS


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_bool(name, default):
    return env(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


PORTAL_PRODUCTION = True
DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", required=True) or f"missing-{secrets.token_urlsafe(48)}"
PORTAL_ALLOW_DEMO_ACCOUNTS = False

# --- Addresses ------------------------------------------------------------------------------------------
# No localhost fallbacks: cms.core.checks refuses to start without real public and admin addresses.
SITE_PUBLIC_URL = env("PORTAL_PUBLIC_URL", "")
WAGTAILADMIN_BASE_URL = env("PORTAL_ADMIN_BASE_URL", "")
_admin_host = urlsplit(WAGTAILADMIN_BASE_URL).hostname or ""
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", _admin_host)
_admin_origin = "{0.scheme}://{0.netloc}".format(urlsplit(WAGTAILADMIN_BASE_URL)) if _admin_host else ""
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", _admin_origin)

# --- Database: DATABASE_URL, e.g. postgres://portal:…@127.0.0.1:5432/thll or sqlite:////var/lib/portal/db.sqlite3
_SUPPORTED_DATABASES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")


def _database(url):
    """DATABASE_URL → Django's DATABASES entry; a missing, unknown or unsupported one is recorded as a problem
    and replaced by Django's dummy backend, which refuses every query."""
    dummy = {"ENGINE": "django.db.backends.dummy"}
    if not url:
        return dummy
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError):  # UnknownSchemeError is a ValueError; its English text is not shown
        PROBLEMS.append(
            "DATABASE_URL không hợp lệ (cần postgres://… hoặc sqlite:///…); ví dụ postgres://portal:…@127.0.0.1:5432/thll."
        )
        return dummy
    if config.get("ENGINE") == "django.db.backends.sqlite3":
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}  # noqa: F405
    if config.get("ENGINE") not in _SUPPORTED_DATABASES:
        PROBLEMS.append(
            f"DATABASE_URL: cơ sở dữ liệu {config.get('ENGINE')} chưa được hỗ trợ "
            "(dùng postgres:// hoặc sqlite://)."
        )
        return dummy
    return config


DATABASES = {"default": _database(env("DATABASE_URL", required=True))}

# --- HTTPS and cookies (the back office is served by nginx with TLS; deploy/nginx) ------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only: redirect and HSTS (values configurable for a first deployment behind a test certificate).
SECURE_HSTS_SECONDS = env_int(
    "PORTAL_HSTS_SECONDS" if os.environ.get("PORTAL_HSTS_SECONDS") else "DJANGO_HSTS_SECONDS",
    PORTAL_HSTS_SECONDS,  # noqa: F405
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
# Preloading is a manual, hard-to-undo submission covering every sub-domain of the school's domain (old
# HTTP-only devices would break): a school opts in with DJANGO_HSTS_PRELOAD=1; the reminder is silenced.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# nginx terminates TLS and tells Django with X-Forwarded-Proto; one proxy in front (for axes' address).
# gunicorn listens on a unix socket (REMOTE_ADDR is empty): cms/security/addresses.py reads nginx's entry.
PORTAL_BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", True)
# Sessions end when the browser closes, and after 2 hours without activity (base.py).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Two-factor sign-in for the principal, vice principals and the portal administrator.
PORTAL_REQUIRE_2FA = env_bool("PORTAL_REQUIRE_2FA", True)
# The back office only on its own host name(s); defaults to ALLOWED_HOSTS, never the public site's host.
PORTAL_ADMIN_HOSTS = [h.lower() for h in env_list("PORTAL_ADMIN_HOSTS", ",".join(ALLOWED_HOSTS))]

# --- E-mail (workflow notices, password resets, error reports to the portal administrator) -------------
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# No silent "localhost": a school with a local MTA says EMAIL_HOST=localhost; missing is portal.E005.
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
# Required: the default is the demo school's address, which a real school must never send from.
DEFAULT_FROM_EMAIL = env("PORTAL_FROM_EMAIL", required=True) or "invalid@invalid.invalid"
SERVER_EMAIL = env("PORTAL_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# "Name <address>, Name <address>": the portal administrators who receive error reports.
ADMINS = [(address.split("<")[0].strip(), address) for address in env_list("PORTAL_ADMINS")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},  # journald under systemd
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
    },
    "root": {"handlers": ["console"], "level": env("PORTAL_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console", "mail_admins"], "level": "ERROR", "propagate": False},
        "cms.publishing": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
    },
}

# --- Files ----------------------------------------------------------------------------------------------
MEDIA_ROOT = Path(env("PORTAL_MEDIA_ROOT", str(BASE_DIR / "media")))
STATIC_ROOT = Path(env("PORTAL_STATIC_ROOT", str(BASE_DIR / "var" / "static")))
SITE_OUTPUT_DIR = Path(env("PORTAL_SITE_DIR", str(BASE_DIR / "var" / "site")))
# Hashed names (portal.3f9a….css) so nginx/the CDN may cache static files for a year.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# Media in a PRIVATE S3-compatible bucket (never public-read; the builder copies what public pages use into
# the site bucket). Schools sharing one bucket use different prefixes (PORTAL_MEDIA_S3_PREFIX=thll/media).
if env("PORTAL_MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "cms.core.media.PrivateMediaStorage",
        "OPTIONS": {
            "bucket_name": env("PORTAL_MEDIA_S3_BUCKET"),
            "endpoint_url": env("PORTAL_MEDIA_S3_ENDPOINT") or None,
            "access_key": env("PORTAL_MEDIA_S3_ACCESS_KEY", required=True),
            "secret_key": env("PORTAL_MEDIA_S3_SECRET_KEY", required=True),
            "region_name": env("PORTAL_MEDIA_S3_REGION") or None,
            "location": env("PORTAL_MEDIA_S3_PREFIX", "media"),
        },
    }
# Local media leaves through nginx's internal location (deploy/nginx/admin.conf) after the login check.
PORTAL_MEDIA_ACCEL_PREFIX = env("PORTAL_MEDIA_ACCEL_PREFIX", "")

# Builds run in the background worker (`manage.py db_worker`) in production.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The public site on S3-compatible storage (AWS, Viettel/FPT/CMC object storage, MinIO...), if configured.
if env("PORTAL_SITE_S3_BUCKET"):
    SITE_S3 = {
        "bucket_name": env("PORTAL_SITE_S3_BUCKET"),
        "endpoint_url": env("PORTAL_SITE_S3_ENDPOINT") or None,
        "access_key": env("PORTAL_SITE_S3_ACCESS_KEY", required=True),
        "secret_key": env("PORTAL_SITE_S3_SECRET_KEY", required=True),
        "region_name": env("PORTAL_SITE_S3_REGION") or None,
        "location": env("PORTAL_SITE_S3_PREFIX", ""),
    }
