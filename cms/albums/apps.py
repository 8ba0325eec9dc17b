from django.apps import AppConfig


class AlbumsConfig(AppConfig):
    name = "cms.albums"
    label = "albums"
    verbose_name = "Thư viện ảnh"
