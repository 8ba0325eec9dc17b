from django.apps import AppConfig


class NewsConfig(AppConfig):
    """News sections and the articles teachers, students and unions write."""

    name = "cms.news"
    label = "news"
    verbose_name = "Tin bài"
