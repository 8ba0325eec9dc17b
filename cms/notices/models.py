"""Notices (thông báo) for parents, teachers and pupils, as Wagtail pages with an audience and validity."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.core.attachments import OfficeFileAttachment
from cms.core.listings import pages_under
from cms.core.pages import VietnamesePageMixin
from cms.core.vietnamese import fold, nfc


class Audience(models.TextChoices):
    """Who a notice is for."""

    PARENTS = "phu-huynh", "Phụ huynh"
    TEACHERS = "giao-vien", "Giáo viên"
    PUPILS = "hoc-sinh", "Học sinh"
    EVERYONE = "toan-truong", "Toàn trường"


class Priority(models.TextChoices):
    """Urgent notices are shown on the home page even when not pinned."""

    NORMAL = "thuong", "Thường"
    URGENT = "khan", "Khẩn"


def current_filter(now):
    """Q for notices valid at ``now``: started and not yet ended."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=now)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gt=now)
    )


class NoticeIndexPage(VietnamesePageMixin, Page):
    """The public list of notices ("Thông báo"): current ones first, then the archive of expired ones."""

    show_in_menus_default = True  # parents look for it in the main menu

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.NoticePage"]
    max_count = 1

    class Meta:
        verbose_name = "Danh mục thông báo"
        verbose_name_plural = "Danh mục thông báo"

    def feed_items(self):
        """RSS/Atom of ``/thong-bao/``: notices already shown (never future ones), newest first.

        A notice that becomes visible later reaches the feed with the rebuild of its validity job.
        """
        return self.notices()

    def notices(self, now=None):
        """Live public notices already in their display window (started), newest first.

        A notice scheduled to display from a future time is public nowhere before then: not here, not in
        the JSON, the home page, the feeds or the search (``NoticePage.not_yet_public``).
        """
        now = now or timezone.now()
        # The shared listing shape: a walk of notices_date_idx from the newest end, no page-table scan.
        return (
            pages_under(NoticePage, self, children_only=True)
            .exclude(valid_from__gt=now)
            .order_by("-notice_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        notices = self.notices(now)
        context["current_notices"] = notices.filter(current_filter(now)).order_by(
            "priority", "-pinned", "-notice_date", "-pk"
        )
        context["expired_notices"] = notices.filter(valid_to__lte=now)
        return context


class NoticePage(VietnamesePageMixin, Page):
    """A notice: start of the school year, a change of plan, an urgent message, health advice (Điều 10.2)."""

    sitemap_date_field = "notice_date"  # its sitemap part follows this year

    notice_date = models.DateField("Ngày thông báo", default=timezone.localdate)
    sender = models.CharField(
        "Bộ phận / người thông báo",
        max_length=150,
        blank=True,
        help_text="Ví dụ: Ban Giám hiệu, Nhân viên y tế",
    )
    audience = models.CharField(
        "Đối tượng", max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    priority = models.CharField("Mức độ", max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    pinned = models.BooleanField("Ghim lên trang chủ", default=False)
    valid_from = models.DateTimeField("Hiển thị từ", default=timezone.now)
    valid_to = models.DateTimeField(
        "Hết hạn lúc",
        null=True,
        blank=True,
        help_text="Sau thời điểm này thông báo tự rời trang chủ, vẫn lưu trữ.",
    )
    summary = models.TextField("Tóm tắt", max_length=500, blank=True)
    body = RichTextField("Nội dung", features=["bold", "italic", "ol", "ul", "link", "document-link"])
    # Title, summary, sender, audience and body folded (no tone marks, đ→d): the admin list's search and the
    # page search index (VietnamesePageMixin), the same on SQLite and PostgreSQL.
    search_folded = models.TextField(editable=False, blank=True, default="")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("notice_date"), FieldPanel("sender")]),
                FieldRowPanel([FieldPanel("audience"), FieldPanel("priority"), FieldPanel("pinned")]),
                FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
            ],
            heading="Thông tin thông báo",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="Tệp đính kèm", min_num=0),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Thông báo"
        verbose_name_plural = "Thông báo"
        # The notice list reads by date (newest first); every public output excludes notices whose
        # window has not started (``not_yet_public``): both are index lookups, never a page-table scan.
        indexes = [
            models.Index(fields=["notice_date", "page_ptr"], name="notices_date_idx"),
            models.Index(fields=["valid_from"], name="notices_valid_from_idx"),
        ]

    @classmethod
    def not_yet_public(cls, now):
        """Ids of live notices whose display window has not started: left out of every public output
        (``cms.publishing.public``); the periodic job ``notices_validity`` publishes them on time."""
        return cls.objects.filter(valid_from__gt=now).values("pk")

    def is_current(self, now=None):
        """True while the notice is valid (started, not ended)."""
        now = now or timezone.now()
        return (self.valid_from is None or self.valid_from <= now) and (
            self.valid_to is None or self.valid_to > now
        )

    def is_urgent(self):
        """True for "Khẩn" notices."""
        return self.priority == Priority.URGENT

    @property
    def lead(self):
        """The summary: page description, Open Graph and feed text."""
        return self.summary

    @property
    def publication_date(self):
        """The notice date: feeds date the notice by it."""
        return self.notice_date

    def structured_data(self):
        """JSON-LD ``NewsArticle`` (clarifications #14)."""
        from cms.core.structured_data import notice_data

        return notice_data(self)

    def display_title(self):
        """The title without a leading "Khẩn:" when the notice is urgent: the one "Khẩn" badge says it."""
        title = self.title
        if self.is_urgent():
            head, sep, rest = title.partition(":")
            if sep and fold(head).strip() == "khan" and rest.strip():
                return rest.strip()
        return title

    def state_label(self, now=None):
        """ "Đang hiệu lực", "Sắp hiển thị" or "Đã hết hạn"."""
        now = now or timezone.now()
        if self.valid_to and self.valid_to <= now:
            return "Đã hết hạn"
        if self.valid_from and self.valid_from > now:
            return "Sắp hiển thị"
        return "Đang hiệu lực"

    state_label.short_description = "Tình trạng"

    def public_attachments(self):
        """Attachments that have a file, in order (from ``prefetch_related("attachments__document")`` when
        the caller loaded many notices at once, e.g. the public JSON list)."""
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("attachments")
        items = prefetched if prefetched is not None else self.attachments.select_related("document").all()
        return [a for a in items if a.document_id]

    def static_dependents(self, index=None):
        """A notice is listed on the home page and the notice index: both re-render with it.

        ``index``: the build's ``cms.publishing.outputs.PageIndex`` (full builds): answered from it, no query.
        """
        ancestors = index.ancestors(self, self.depth - 2) if index is not None else None
        if ancestors is not None:
            return [ancestors[1], ancestors[0]]
        index_page = self.get_parent().specific
        return [index_page, index_page.get_parent().specific]

    def search_text(self):
        """Folded text for client-side search (đ→d, no tone marks)."""
        return fold(" ".join([self.title, self.summary, self.sender, self.get_audience_display()]))

    def _derive_search_folded(self):
        from django.utils.html import strip_tags

        self.search_folded = " ".join(f"{self.search_text()} {fold(strip_tags(self.body or ''))}".split())

    def full_clean(self, *args, **kwargs):
        self._derive_search_folded()
        return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        self._derive_search_folded()
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.summary = nfc(self.summary)
        if self.valid_from and self.valid_to and self.valid_to <= self.valid_from:
            raise ValidationError({"valid_to": "Thời điểm hết hạn phải sau thời điểm bắt đầu hiển thị."})


class NoticeAttachment(OfficeFileAttachment):
    """A file attached to a notice (PDF, Word, Excel; content checked)."""

    page = ParentalKey(NoticePage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(OfficeFileAttachment.Meta):
        verbose_name = "Tệp đính kèm"
        verbose_name_plural = "Tệp đính kèm"


class ExpiryCheck(models.Model):
    """When the periodic job last looked for notices that started or expired (one row per job name)."""

    job = models.CharField(max_length=60, unique=True)
    checked_at = models.DateTimeField()

    class Meta:
        verbose_name = "Lần kiểm tra hết hạn"
        verbose_name_plural = "Lần kiểm tra hết hạn"

    def __str__(self):
        return f"{self.job}: {self.checked_at:%d/%m/%Y %H:%M}"
