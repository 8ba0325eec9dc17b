from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Moderation workflows: reviewers computed from the author, no self-approval, notifications, reports."""

    name = "editorial.moderation"
    label = "moderation"
    verbose_name = "Duyệt bài"

    def ready(self):
        from . import notifications

        notifications.connect()
