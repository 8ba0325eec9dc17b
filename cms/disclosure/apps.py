from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    """Công khai: public disclosure per school year (Thông tư 09/2024/TT-BGDĐT)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "cms.disclosure"
    label = "disclosure"
    verbose_name = "Công khai"
