from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Turns live Wagtail content into the public static site."""

    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Xuất bản trang tĩnh"

    def ready(self):
        from . import signals  # connects publish/unpublish handlers

        signals.connect_redirect_signals()
