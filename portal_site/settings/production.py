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
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

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
