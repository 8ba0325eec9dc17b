"""Settings shared by every environment. Environment-specific files import * from here."""

import os
from pathlib import Path

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
    "cms.publishing",
    "cms.demo",
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
    # After wagtail.admin: their ready() replaces some of Wagtail's workflow e-mail handlers.
    "editorial.moderation",
    "editorial.planning",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "editorial.moderation.middleware.ModerationGuardMiddleware",
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("PORTAL_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

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

# --- Wagtail -------------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Cổng thông tin điện tử Trường Tiểu học Nguyễn Khuyến"
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_ADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
# Wagtail caches renditions; a cache of its own, so the static builder can drop it after a rolled-back pass
# (cms.publishing.builder._hiding) without touching anything else. The builder lists a page's renditions
# from the database, so the cache must never know a rendition the database does not.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
}
# A file the public site uses cannot be replaced in place (issue 11; cms.publishing.forms).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.publishing.forms.DocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.publishing.forms.ImageForm"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
# Final approval publishes exactly the approved revision, as the approver, without a general publish right.
WAGTAIL_FINISH_WORKFLOW_ACTION = "editorial.moderation.finish.publish_approved_revision"
# Wagtail's own slug generation keeps đ as "d" only with unicode slugs off; we fold Vietnamese ourselves.
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# --- Public static site -------------------------------------------------------------------------------
# Where the static portal is written: releases/<id>/ plus a `current` symlink swapped atomically.
SITE_OUTPUT_DIR = Path(os.environ.get("PORTAL_SITE_DIR", BASE_DIR / "var" / "site"))
SITE_KEEP_RELEASES = int(os.environ.get("PORTAL_SITE_KEEP_RELEASES", "5"))
# The public address of the static portal (feeds, sitemap, canonical links).
SITE_PUBLIC_URL = os.environ.get("PORTAL_PUBLIC_URL", "http://127.0.0.1:8080")
# Optional S3-compatible copy of the site (django-storages S3Storage options); None = local folder only.
SITE_S3 = None

# --- Background tasks ----------------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("PORTAL_FROM_EMAIL", "cong-ttdt@thnk.edu.vn")

LOGIN_URL = "wagtailadmin_login"
