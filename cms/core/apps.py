from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the portal: school site settings and Vietnamese text handling."""

    name = "cms.core"
    label = "core"
    verbose_name = "Cấu hình chung"

    def ready(self):
        from django.db import models
        from django.db.models.signals import post_save
        from wagtail.admin.forms.models import register_form_field_override

        from . import checks  # noqa: F401 - registers the deployment checks
        from .addresses import clear_cache
        from .models import SchoolSettings
        from .widgets import VietnameseSlugInput

        post_save.connect(clear_cache, sender=SchoolSettings, dispatch_uid="core_addresses_clear_cache")

        # Replaces Wagtail's own registration for SlugField: every admin form (pages, snippets, the copy
        # form's new slug excepted) gets the Vietnamese folding in the browser.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
