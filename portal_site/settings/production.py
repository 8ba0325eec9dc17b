"""Production: everything secret or host-specific comes from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env(name, default=None, required=False):
    """Read a setting from the environment; refuse to start when a required one is missing."""
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"Thiếu biến môi trường {name}")
    return value


DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", required=True)
ALLOWED_HOSTS = [h.strip() for h in env("DJANGO_ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
PORTAL_ALLOW_DEMO_ACCOUNTS = False

if env("DATABASE_ENGINE", "sqlite") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env("PGDATABASE", required=True),
            "USER": env("PGUSER", required=True),
            "PASSWORD": env("PGPASSWORD", ""),
            "HOST": env("PGHOST", "127.0.0.1"),
            "PORT": env("PGPORT", "5432"),
            "CONN_MAX_AGE": 60,
        }
    }

SESSION_COOKIE_SECURE = env("DJANGO_SECURE_COOKIES", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only: redirect and HSTS (values configurable for a first deployment behind a test certificate).
SECURE_SSL_REDIRECT = env("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(env("PORTAL_HSTS_SECONDS", str(PORTAL_HSTS_SECONDS)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
SECURE_HSTS_PRELOAD = env("DJANGO_HSTS_PRELOAD", "0") == "1"
# Preloading is a manual, hard-to-undo submission covering every sub-domain of the school's domain (old
# HTTP-only devices would break): a school opts in with DJANGO_HSTS_PRELOAD=1; the reminder is silenced.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# nginx terminates TLS and tells Django with X-Forwarded-Proto; one proxy in front (for axes' address).
if env("DJANGO_BEHIND_PROXY", "1") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# Sessions end when the browser closes, and after 2 hours without activity (base.py).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Two-factor sign-in for the principal, vice principals and the portal administrator.
PORTAL_REQUIRE_2FA = env("PORTAL_REQUIRE_2FA", "1") == "1"
# The back office only on its own host name(s); defaults to ALLOWED_HOSTS, never the public site's host.
PORTAL_ADMIN_HOSTS = [
    h.strip().lower() for h in env("PORTAL_ADMIN_HOSTS", ",".join(ALLOWED_HOSTS)).split(",") if h.strip()
]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "0") == "1"

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
