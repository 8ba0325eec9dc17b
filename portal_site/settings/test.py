"""Settings for pytest: in-memory SQLite unless PORTAL_TEST_DATABASE_URL names PostgreSQL."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PORTAL_ALLOW_DEMO_ACCOUNTS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
_tmp = Path(tempfile.mkdtemp(prefix="portal-test-"))
MEDIA_ROOT = _tmp / "media"
SITE_OUTPUT_DIR = _tmp / "site"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests render in the test's own process: its transaction is invisible to a worker's new connection
# (cms/publishing/tests/test_parallel.py builds with workers on a committed copy).
SITE_BUILD_WORKERS = 1
SITE_CHECK_MANIFEST_PARTS = True
# The test process builds many times and must collect what each test leaves (cms.publishing.collector).
SITE_FREEZE_AFTER_BUILD = False
LIBRARY_DEMO_RECORDS = 40  # the demo library seeds a few hundred; full test builds stay fast with fewer
# Tests roll back every transaction: a cached rendition would outlive its rolled-back row.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
if os.environ.get("PORTAL_TEST_DB") == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "portal"),
            "USER": os.environ.get("PGUSER", "portal"),
            "PASSWORD": os.environ.get("PGPASSWORD", "portal"),
            "HOST": os.environ.get("PGHOST", "127.0.0.1"),
            "PORT": os.environ.get("PGPORT", "5432"),
        }
    }
