from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content of Trường Tiểu học Nguyễn Khuyến for development and tests."""

    name = "cms.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
