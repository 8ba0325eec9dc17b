from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """The writing plan (kế hoạch viết bài): assignments of topics to writers and the monthly report."""

    name = "editorial.planning"
    label = "planning"
    verbose_name = "Kế hoạch viết bài"

    def ready(self):
        from . import signals

        signals.connect()
