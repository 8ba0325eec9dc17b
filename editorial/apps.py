from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editorial board (Ban biên tập), school roles, moderation workflows and the writing plan."""

    name = "editorial"
    verbose_name = "Ban biên tập"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401 - connects the role sync to structure changes
