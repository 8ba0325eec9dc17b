from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The portal's home page."""

    name = "cms.home"
    label = "home"
    verbose_name = "Trang chủ"
