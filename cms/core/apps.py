from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Cross-cutting pieces of the portal: school site settings and Vietnamese text handling."""

    name = "cms.core"
    label = "core"
    verbose_name = "Cấu hình chung"
