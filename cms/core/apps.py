from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the portal: school site settings and Vietnamese text handling."""

    name = "cms.core"
    label = "core"
    verbose_name = "Cấu hình chung"

    def ready(self):
        from willow.plugins.pillow import PillowImage

        from . import checks  # noqa: F401 - registers the upload settings check
        from .exports import install

        install()  # Wagtail's own spreadsheet exports neutralise formula-like cells too

        from django.db.models.signals import pre_save
        from wagtail.models import UploadedFile

        from .upload_signals import sanitise_held_upload

        pre_save.connect(sanitise_held_upload, sender=UploadedFile, dispatch_uid="core.sanitise_held_upload")

        # Renditions never carry EXIF (GPS position, camera, owner): Willow copies the original's EXIF into
        # JPEG/WebP renditions. Orientation is applied before saving (Filter.run auto-orients), so nothing
        # a rendition needs is lost. Originals uploaded through the admin are stripped too (cms.core.files).
        PillowImage.get_exif_data = lambda self: None
