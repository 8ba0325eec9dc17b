"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from datetime import timedelta
from pathlib import Path

from .environment import PROBLEMS, env_int

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # Project apps first so their templates override Wagtail's.
    "cms.core",
    "cms.home",
    "cms.news",
    "cms.documents",
    "cms.notices",
    "cms.pages",
    "cms.disclosure",
    "cms.library",
    "cms.schedule",
    "cms.albums",
    "cms.publishing",
    "cms.demo",
    "cms.security",
    "editorial",
    "wagtail_modeladmin",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    # After wagtail.admin: their ready() replaces some of Wagtail's workflow e-mail handlers.
    "editorial.moderation",
    "editorial.planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The back office answers only on its own host names (PORTAL_ADMIN_HOSTS), never on the public site's.
    "cms.security.middleware.AdminHostMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Admin listings show a live page's draft title only to people who may see the draft (cms.security).
    "cms.security.visibility.ViewerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.moderation.middleware.ModerationGuardMiddleware",
    # Two-factor step, then forced/expired password change, before any other admin page.
    "cms.security.middleware.AccountPolicyMiddleware",
    # A POST missing form data (StreamField counts, management forms) answers 400, never 500.
    "cms.security.middleware.MalformedRequestMiddleware",
    # Last, as django-axes requires: refuses sign-in from a locked username + address.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal_site.wsgi.application"

# SQLite serving several requests at once (the back office, the scheduler, a build): every transaction takes
# the write lock when it begins (IMMEDIATE), so a transaction that read first never fails with "database is
# locked" when it tries to write (SQLite does not wait in that case); writers wait up to 30 s for each other;
# WAL lets readers go on while one writes.
SQLITE_OPTIONS = {
    "timeout": 30,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("PORTAL_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        "OPTIONS": SQLITE_OPTIONS,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in (Quy chế Điều 2, 13; cms/security) -------------------------------------------
# Vietnamese messages; pupils get 8 characters and no expiry, staff 10 and expiry (clarification #11).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "cms.security.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10, "pupil_min_length": 8},
    },
    {"NAME": "cms.security.passwords.CommonPasswordValidator"},
    {"NAME": "cms.security.passwords.NameSimilarityValidator"},
    {"NAME": "cms.security.passwords.PasswordHistoryValidator", "OPTIONS": {"count": 5}},
]
# A staff password lasts this many days, then must be changed at the next login (0 = never).
PORTAL_PASSWORD_MAX_AGE_DAYS = env_int("PORTAL_PASSWORD_MAX_AGE_DAYS", 90, minimum=1)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Grants account administration to the portal administrator while the principal delegates it (13.6).
    "editorial.account_admin.DelegationBackend",
]
# Lockout per username AND address: someone guessing elsewhere cannot lock the principal out (clarif. #11).
AXES_FAILURE_LIMIT = env_int("PORTAL_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PORTAL_LOGIN_COOLOFF_MINUTES", 30, minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The attempt's address: REMOTE_ADDR, or behind nginx (production) the address nginx appended last.
AXES_CLIENT_IP_CALLABLE = "cms.security.addresses.client_address"
PORTAL_BEHIND_PROXY = False
# Two-factor sign-in for the principal, vice principals and the portal administrator (production: True).
PORTAL_REQUIRE_2FA = os.environ.get("PORTAL_REQUIRE_2FA", "0") == "1"
PORTAL_2FA_ROLE_KEYS = ("hieu_truong", "pho_hieu_truong", "quan_tri")
OTP_TOTP_ISSUER = "Cổng TTĐT THNK"
# Sessions end after 2 hours without activity (every request renews the expiry).
SESSION_COOKIE_AGE = env_int("PORTAL_SESSION_IDLE_SECONDS", 2 * 60 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Vietnamese everywhere: public site, admin default language, dates in Vietnam's time zone.
LANGUAGE_CODE = "vi"
# Our Vietnamese catalogue completes Wagtail's (which translates only a few admin strings).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# Parse the admin's dd/mm/yyyy dates and times (portal_site/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["portal_site.formats"]
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("PORTAL_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# True only in settings/production.py: system checks then refuse local addresses and missing secrets.
PORTAL_PRODUCTION = False

# --- Wagtail -------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Cổng thông tin điện tử Trường Tiểu học Nguyễn Khuyến"
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_ADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.core.search"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# HEIC (iPhone photos) is accepted and stored as JPEG; SVG never (it can carry scripts). Every extension here
# has a content check in cms/core/files.py (system check portal.E001).
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "heic"]
# 40 megapixels (a 48 MP phone photo must be reduced): bounds the memory one decode may take.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Every file that enters the image or document library goes through cms.core.files (type, size, content,
# cms.core.upload_forms), and a file the public site uses cannot be replaced in place (issue 11;
# cms.publishing.forms builds on the checked forms).
# Wagtail caches renditions; a cache of its own, so the static builder can drop it after a rolled-back pass
# (cms.publishing.builder._hiding) without touching anything else. The builder lists a page's renditions
# from the database, so the cache must never know a rendition the database does not.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
}
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.publishing.forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.publishing.forms.DocumentForm"
# PDFs open in the browser (parents read văn bản on phones); every other type is a download.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAIL_I18N_ENABLED = False
# No Gravatar: it would send a hash of every person's e-mail (pupils included) to a third party, and the
# back office's CSP allows images from the portal itself only.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# The edit rule during review is project code (editorial.moderation.actions), not "any new revision
# restarts review": Wagtail's rule restarted on every untouched save (issue 10).
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = False
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
# Final approval publishes exactly the approved revision, as the approver, without a general publish right.
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.moderation.finish.publish_approved_revision"
# Wagtail's own slug generation keeps đ as "d" only with unicode slugs off; we fold Vietnamese ourselves.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Public static site -------------------------------------------------------------------------------
# Where the static portal is written: releases/<id>/ plus a `current` symlink swapped atomically.
SITE_OUTPUT_DIR = Path(os.environ.get("PORTAL_SITE_DIR", BASE_DIR / "var" / "site"))
SITE_KEEP_RELEASES = env_int("PORTAL_SITE_KEEP_RELEASES", 5, minimum=1)
# A folder version with at least this many entries (a section with one sub-folder per article) is copied
# into ``spares/`` after the swap, so the next publish renames the copy instead of re-linking every entry
# on the path to "live" (cms.publishing.spares). 0 turns spares off.
SITE_SPARE_MIN_ENTRIES = env_int("PORTAL_SITE_SPARE_MIN_ENTRIES", 256, minimum=0)
# After each build, move what is still alive (the live manifest kept for the next build) out of Python's
# full garbage collections, which took 0.4 s each at 50,000 pages (cms.publishing.collector).
SITE_FREEZE_AFTER_BUILD = True
# Processes that render a large (full) build, each with its own database connection (cms.publishing.parallel);
# default: the CPUs the process may use. 1 renders in the build process only. Publishes always render there.
_CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
SITE_BUILD_WORKERS = env_int("PORTAL_SITE_BUILD_WORKERS", _CPUS or 1, minimum=1)
# Tests: every incremental build also computes its manifest tree from scratch and compares (the builder
# computes only the parts of the folders a change touched; a mismatch raises).
SITE_CHECK_MANIFEST_PARTS = False
# The public address of the static portal (feeds, sitemap, canonical links).
SITE_PUBLIC_URL = os.environ.get("PORTAL_PUBLIC_URL", "http://127.0.0.1:8080")
# Optional S3-compatible copy of the site (django-storages S3Storage options); None = local folder only.
SITE_S3 = None

# --- Background tasks ----------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("PORTAL_FROM_EMAIL", "cong-ttdt@thnk.edu.vn")

LOGIN_URL = "wagtailadmin_login"

# --- Security headers: the ONE place for their values ------------------------------------------------
# The back office gets them from Django (SecurityMiddleware, django-csp); the public static site from nginx:
# `manage.py security_headers` writes deploy/nginx/security-headers.conf from these values (a test checks
# the committed file matches). Decision record: docs/decisions/0013-accounts-uploads-exports-security.md.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Back office CSP. Wagtail 8 still needs inline scripts and styles in some widgets (Draftail, the chooser
# modals' inline init, the userbar); 'unsafe-inline' is allowed for them and nothing else is widened.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://www.youtube.com"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# The public static site (served by nginx; no server code, no user scripts: rich text is whitelisted).
# Its two small inline scripts (text size/contrast before paint, the search page module) need 'unsafe-inline'.
PORTAL_HSTS_SECONDS = env_int("PORTAL_HSTS_SECONDS", 365 * 24 * 60 * 60)
# Host names that answer the back office; empty = no check (development, tests). Production sets it.
PORTAL_ADMIN_HOSTS = [h.strip() for h in os.environ.get("PORTAL_ADMIN_HOSTS", "").split(",") if h.strip()]

# Malformed environment variables found while reading these settings: reported by portal.E007.
PORTAL_SETTINGS_PROBLEMS = PROBLEMS
