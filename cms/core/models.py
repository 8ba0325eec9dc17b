"""School-wide settings edited in the admin (Cài đặt → Thông tin nhà trường)."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import DraftStateMixin, RevisionMixin, WorkflowMixin

from .vietnamese import nfc


@register_setting(icon="home")
class SchoolSettings(WorkflowMixin, DraftStateMixin, RevisionMixin, BaseSiteSetting):
    """Name, address and contacts of the school, shown in the header and footer of the portal.

    Everything here reaches the public site (header, footer, JSON-LD, feeds, canonical addresses, the
    logo, how pupils are named), so a change is a **draft until the principal approves it** (Điều 3.1;
    clarifications #9; docs/decisions/0011-school-settings-approval.md). The row always holds the
    approved values, and every output reads the row (``SchoolSettings.for_site``,
    ``{{ settings.core.SchoolSettings }}``); proposed values live in the latest revision. The admin edits
    it in Wagtail's snippet editor (``cms.core.settings_admin``: drafts, "Gửi duyệt", history,
    comparison); Wagtail's settings form, which would write the row directly, redirects there.
    Programmatic saves (``setup_school``, the demo) write the row directly: the principal's own set-up.
    """

    # Its approval rebuilds the whole public site (cms.publishing.signals).
    public_on_every_page = True

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="school_settings")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="school_settings",
        for_concrete_model=False,
    )

    name = models.CharField("Tên trường", max_length=200, default="Trường Tiểu học Nguyễn Khuyến")
    short_name = models.CharField("Tên viết tắt", max_length=20, default="THNK")
    managing_body = models.CharField(
        "Cơ quan chủ quản", max_length=200, blank=True, default="Phòng Giáo dục và Đào tạo quận Ngô Quyền"
    )
    managing_bodies = models.TextField(
        "Các cơ quan quản lý cấp trên",
        blank=True,
        help_text="Mỗi dòng một cơ quan, từ cấp cao xuống (UBND quận…, Phòng GD&ĐT…).",
    )
    tagline = models.CharField("Khẩu hiệu", max_length=200, blank=True)
    address = models.CharField("Địa chỉ", max_length=300, blank=True)
    phone = models.CharField("Điện thoại", max_length=50, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    map_url = models.URLField("Liên kết bản đồ", blank=True, help_text="Đường dẫn Google Maps/OpenStreetMap.")
    working_hours = models.CharField(
        "Giờ làm việc", max_length=200, blank=True, help_text="Ví dụ: Thứ Hai – Thứ Sáu, 7h00 – 17h00"
    )
    show_student_full_name = models.BooleanField(
        "Hiện họ tên đầy đủ của học sinh",
        default=False,
        help_text=(
            "Mặc định bài của học sinh chỉ ghi “Em <tên>, lớp …”. "
            "Chỉ bật khi nhà trường và cha mẹ học sinh đồng ý."
        ),
    )
    public_url = models.URLField(
        "Địa chỉ cổng thông tin công khai",
        blank=True,
        help_text=(
            "Ví dụ https://thnk.edu.vn — dùng cho liên kết tuyệt đối (RSS, sitemap, liên kết chuẩn). "
            "Để trống: lấy từ PORTAL_PUBLIC_URL của máy chủ."
        ),
    )
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
            [
                FieldPanel("name"),
                FieldPanel("short_name"),
                FieldPanel("tagline"),
                FieldPanel("managing_body"),
                FieldPanel("managing_bodies"),
                FieldPanel("logo"),
            ],
            heading="Nhà trường",
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("working_hours"),
                FieldPanel("map_url"),
            ],
            heading="Liên hệ",
        ),
        MultiFieldPanel([FieldPanel("show_student_full_name")], heading="Góc học sinh"),
        MultiFieldPanel([FieldPanel("public_url")], heading="Địa chỉ"),
    ]

    class Meta:
        verbose_name = "Thông tin nhà trường"
        verbose_name_plural = "Thông tin nhà trường"

    def __str__(self):
        return self.name or "Thông tin nhà trường"

    @property
    def revisions(self):
        return self._revisions

    def save(self, *args, **kwargs):
        for field in (
            "name",
            "short_name",
            "managing_body",
            "managing_bodies",
            "tagline",
            "address",
            "working_hours",
        ):
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)

    def managing_body_list(self):
        """The managing bodies, top first; falls back to the single ``managing_body``."""
        lines = [line.strip() for line in (self.managing_bodies or "").splitlines() if line.strip()]
        return lines or ([self.managing_body] if self.managing_body else [])


class PageKey(models.Model):
    """A page's stable identity in the school's tree ("tin_tuc", "van_ban", "home"…); see ``school_pages``.

    Slugs and titles belong to the school and may change; code finds pages by this key.
    """

    key = models.SlugField("Mã trang", max_length=60, unique=True)
    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name="Trang", on_delete=models.CASCADE, related_name="school_key"
    )

    class Meta:
        verbose_name = "Mã trang của trường"
        verbose_name_plural = "Mã trang của trường"

    def __str__(self):
        return f"{self.key} → {self.page_id}"
