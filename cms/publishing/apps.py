from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Turns live Wagtail content into the public static site."""

    name = "cms.publishing"
    label = "publishing"
    verbose_name = "Xuất bản trang tĩnh"

    def ready(self):
        from django.db.models.signals import pre_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from . import signals  # connects publish/unpublish handlers
        from .forms import guard_public_file

        for model in (get_document_model(), get_image_model()):
            uid = f"guard_public_file_{model.__name__}"
            pre_save.connect(guard_public_file, sender=model, dispatch_uid=uid)

        signals.connect_redirect_signals()
        from cms.core import render_cache

        from .public import install_private_q

        install_private_q()
        render_cache.install()  # page URLs computed once per build (only while a build renders)
        render_cache.install_renditions()  # each image's renditions read once per build
