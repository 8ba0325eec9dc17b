from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """The editorial board (Ban biên tập), school roles, moderation workflows and the writing plan."""

    name = "editorial"
    verbose_name = "Ban biên tập"
