from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the portal: school site settings and Vietnamese text handling."""

    name = "cms.core"
    label = "core"
    verbose_name = "Cấu hình chung"

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from .widgets import VietnameseSlugInput

        # Replaces Wagtail's own registration for SlugField: every admin form (pages, snippets, the copy
        # form's new slug excepted) gets the Vietnamese folding in the browser.
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
