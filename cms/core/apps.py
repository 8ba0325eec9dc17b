from django.apps import AppConfig, apps
from django.db.models.signals import pre_save

# Wagtail and Django apps whose text people read on the public site: document and image titles, the
# names of people (users).
CLEANED_THIRD_PARTY = {"wagtaildocs", "wagtailimages", "auth"}


def cleaned_app_labels():
    """App labels whose models get their text cleaned on save (``cms.core.text.clean_instance``)."""
    ours = {a.label for a in apps.get_app_configs() if a.name.startswith(("cms.", "editorial"))}
    return ours | CLEANED_THIRD_PARTY


def clean_text_before_save(sender, instance, raw=False, **kwargs):
    """Remove control characters from every text field before any save of the portal's models."""
    from wagtail.models import Page

    from .text import clean_instance

    if raw:
        return
    if sender._meta.app_label in _labels or isinstance(instance, Page):
        clean_instance(instance)


_labels = set()


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the portal: school site settings and Vietnamese text handling."""

    name = "cms.core"
    label = "core"
    verbose_name = "Cấu hình chung"

    def ready(self):
        from django.db import models
        from django.db.models.signals import post_save
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.models import UploadedFile
        from willow.plugins.pillow import PillowImage

        from . import checks  # noqa: F401 - registers the deployment and upload settings checks
        from .addresses import clear_cache
        from .exports import install
        from .models import SchoolSettings
        from .page_permissions import install as install_page_permissions
        from .upload_signals import sanitise_held_upload
        from .widgets import VietnameseSlugInput

        post_save.connect(clear_cache, sender=SchoolSettings, dispatch_uid="core_addresses_clear_cache")

        # Replaces Wagtail's own registration for SlugField: every admin form (pages, snippets, the copy
        # form's new slug excepted) gets the Vietnamese folding in the browser.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})

        _labels.update(cleaned_app_labels())
        pre_save.connect(clean_text_before_save, dispatch_uid="cms.core.clean_text_before_save")

        install()  # Wagtail's own spreadsheet exports neutralise formula-like cells too
        install_page_permissions()  # a leaf page's "can delete" answered from its row (no query per row)
        pre_save.connect(sanitise_held_upload, sender=UploadedFile, dispatch_uid="core.sanitise_held_upload")

        # Renditions never carry EXIF (GPS position, camera, owner): Willow copies the original's EXIF into
        # JPEG/WebP renditions. Orientation is applied before saving (Filter.run auto-orients), so nothing
        # a rendition needs is lost. Originals uploaded through the admin are stripped too (cms.core.files).
        PillowImage.get_exif_data = lambda self: None
