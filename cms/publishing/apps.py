from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Turns live Wagtail content into the public static site."""

    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Xuất bản trang tĩnh"

    def ready(self):
        from . import signals  # noqa: F401 - connects publish/unpublish handlers
        from .public import install_private_q

        install_private_q()
