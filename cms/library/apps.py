from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "cms.library"
    label = "library"
    verbose_name = "Thư viện"

    def ready(self):
        from . import signals  # noqa: F401
