from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the portal: school site settings and Vietnamese text handling."""

    name = "cms.core"
    label = "core"
    verbose_name = "Cấu hình chung"

    def ready(self):
        from django.db.models.signals import post_save

        from . import checks  # noqa: F401 - registers the deployment checks
        from .addresses import clear_cache
        from .models import SchoolSettings

        post_save.connect(clear_cache, sender=SchoolSettings, dispatch_uid="core_addresses_clear_cache")
