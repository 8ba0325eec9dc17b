from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "cms.notices"
    label = "notices"
    verbose_name = "Thông báo"
