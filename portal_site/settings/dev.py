"""Local development: SQLite, local media and static output, console e-mail."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-7f3a9c"  # noqa: S105 - development only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Demo accounts may be created only where this is true.
PORTAL_ALLOW_DEMO_ACCOUNTS = True
