"""Settings for ``make bench``: dev settings with DEBUG off (no query log), SQLite or PostgreSQL from env.

``PORTAL_BENCH_DB=postgres`` uses PGDATABASE/PGUSER/PGPASSWORD/PGHOST/PGPORT; otherwise
``PORTAL_SQLITE_PATH``. Output and media folders come from PORTAL_SITE_DIR / PORTAL_MEDIA_ROOT.
"""

import os

from .dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# Workflow submissions send mail to reviewers: nothing is sent, and nothing is printed into the JSON output.
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
if os.environ.get("PORTAL_BENCH_DB") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "portal_bench"),
            "USER": os.environ.get("PGUSER", "postgres"),
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
        }
    }
