"""School-wide settings edited in the admin (Cài đặt → Thông tin nhà trường)."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .vietnamese import nfc


@register_setting(icon="home")
class SchoolSettings(BaseSiteSetting):
    """Name, address and contacts of the school, shown in the header and footer of the portal."""

    name = models.CharField("Tên trường", max_length=200, default="Trường Tiểu học Nguyễn Khuyến")
    short_name = models.CharField("Tên viết tắt", max_length=20, default="THNK")
    managing_body = models.CharField(
        "Cơ quan chủ quản", max_length=200, blank=True, default="Phòng Giáo dục và Đào tạo quận Ngô Quyền"
    )
    address = models.CharField("Địa chỉ", max_length=300, blank=True)
    phone = models.CharField("Điện thoại", max_length=50, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    map_url = models.URLField("Liên kết bản đồ", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("managing_body"), FieldPanel("logo")],
            heading="Nhà trường",
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("email"), FieldPanel("map_url")],
            heading="Liên hệ",
        ),
    ]

    class Meta:
        verbose_name = "Thông tin nhà trường"

    def save(self, *args, **kwargs):
        for field in ("name", "short_name", "managing_body", "address"):
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)
