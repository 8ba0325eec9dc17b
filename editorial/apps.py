from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editorial board (Ban biên tập), school roles, moderation workflows and the writing plan."""

    name = "editorial"
    verbose_name = "Ban biên tập"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth import get_user_model

        from . import signals  # noqa: F401 - connects the role sync to structure changes
        from .models.profiles import person_name

        # Wagtail shows users by get_full_name(), which Django builds given-name-first ("Tuấn Phạm Văn").
        # Vietnamese names read family name first; a custom user model would be the alternative, but it
        # cannot be introduced after the first migration without rewriting every foreign key.
        get_user_model().get_full_name = lambda user: person_name(user)
