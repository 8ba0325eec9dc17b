from django.apps import AppConfig


class PagesConfig(AppConfig):
    """Introduction pages of the portal: giới thiệu, lịch sử, liên hệ, cơ cấu tổ chức, liên kết."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.pages"
    label = "pages"
    verbose_name = "Trang giới thiệu"
