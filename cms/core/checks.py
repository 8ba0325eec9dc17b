"""System checks for the deployment (Django's check framework): the portal refuses to start misconfigured.

Errors (``portal.E0xx``) stop ``manage.py check``, ``migrate``, the web process (``portal_site/wsgi.py``) and
the worker (systemd ``ExecStartPre``). They apply where ``PORTAL_PRODUCTION`` is true (production.py).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register

from .addresses import is_local
from .files import DOCUMENT_FORMATS, IMAGE_FORMATS, allowed_extensions


def _url_problem(url):
    parts = urlsplit(url or "")
    if not url:
        return "chưa đặt"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"'{url}' không phải địa chỉ http(s) đầy đủ"
    if is_local(url):
        return f"'{url}' trỏ về chính máy chủ (localhost)"
    return None


@register("portal")
def check_environment_variables(app_configs=None, **kwargs):
    """``portal.E007``: environment variables that were missing or malformed when the settings were read
    (``portal_site/settings/environment.py``), all listed at once, in every environment."""
    problems = getattr(settings, "PORTAL_SETTINGS_PROBLEMS", None) or []
    return [
        Error(problem, hint="Sửa biến môi trường rồi khởi động lại (docs/deploy.md).", id="portal.E007")
        for problem in dict.fromkeys(problems)
    ]


@register("portal")
def check_production_settings(app_configs=None, **kwargs):
    """Addresses, secret key, hosts, database, e-mail, storage (only where ``PORTAL_PRODUCTION``)."""
    if not getattr(settings, "PORTAL_PRODUCTION", False):
        return []
    messages = []
    for name, value, hint in (
        ("PORTAL_PUBLIC_URL", settings.SITE_PUBLIC_URL, "địa chỉ trang công khai, ví dụ https://thll.edu.vn"),
        (
            "PORTAL_ADMIN_BASE_URL",
            getattr(settings, "WAGTAILADMIN_BASE_URL", ""),
            "địa chỉ trang quản trị, ví dụ https://quantri.thll.edu.vn",
        ),
    ):
        problem = _url_problem(value)
        if problem:
            messages.append(
                Error(f"{name} {problem}.", hint=f"Đặt biến môi trường {name}: {hint}.", id="portal.E001")
            )
    if len(settings.SECRET_KEY or "") < 50:
        messages.append(
            Error(
                "DJANGO_SECRET_KEY quá ngắn (cần ít nhất 50 ký tự ngẫu nhiên).",
                hint="python3 -c 'import secrets; print(secrets.token_urlsafe(64))'",
                id="portal.E002",
            )
        )
    if not settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS:
        messages.append(
            Error(
                "DJANGO_ALLOWED_HOSTS phải liệt kê tên miền của trang quản trị (không dùng *).",
                id="portal.E003",
            )
        )
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine and "sqlite3" not in engine and "dummy" not in engine:
        messages.append(Error(f"Cơ sở dữ liệu {engine} chưa được hỗ trợ.", id="portal.E004"))
    if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend") and not settings.EMAIL_HOST:
        messages.append(Error("EMAIL_HOST chưa đặt: không gửi được thư thông báo.", id="portal.E005"))
    if not getattr(settings, "ADMINS", None):
        messages.append(
            Warning(
                "PORTAL_ADMINS chưa đặt: lỗi của hệ thống sẽ không được gửi thư cho quản trị cổng.",
                id="portal.W001",
            )
        )
    site_s3 = getattr(settings, "SITE_S3", None) or {}
    if site_s3 and not (site_s3.get("access_key") and site_s3.get("secret_key")):
        messages.append(Error("PORTAL_SITE_S3_*: thiếu khoá truy cập của kho lưu trữ.", id="portal.E006"))
    return messages


@register()
def upload_extensions_have_checks(app_configs, **kwargs):
    """``portal.E010`` when WAGTAILIMAGES_EXTENSIONS or WAGTAILDOCS_EXTENSIONS name a type we cannot sniff."""
    errors = []
    for kind, known, setting in (
        ("image", IMAGE_FORMATS, "WAGTAILIMAGES_EXTENSIONS"),
        ("document", DOCUMENT_FORMATS, "WAGTAILDOCS_EXTENSIONS"),
    ):
        for extension in allowed_extensions(kind):
            if extension not in known:
                errors.append(
                    Error(
                        f"{setting} allows .{extension} but cms.core.files has no content check for it.",
                        hint="Add a sniffer for it in cms/core/files.py or remove it from the setting.",
                        id="portal.E010",
                    )
                )
    return errors
