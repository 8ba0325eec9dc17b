"""Introduction pages: giới thiệu, lịch sử, liên hệ (StandardPage), links (LinksPage), cơ cấu tổ chức."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.core.pages import VietnamesePageMixin
from cms.core.vietnamese import nfc
from cms.news.blocks import ArticleBodyBlock

from .organisation import organisation_context

INTRO_CHILDREN = ["pages.StandardPage", "pages.OrganisationPage", "pages.LinksPage"]


class StandardPage(VietnamesePageMixin, Page):
    """A plain page such as "Giới thiệu", "Lịch sử nhà trường" or "Liên hệ"; lists its sub-pages."""

    intro = models.TextField("Tóm tắt", blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name="Nội dung", blank=True)
    show_school_contacts = models.BooleanField(
        "Hiện thông tin liên hệ của trường",
        default=False,
        help_text="Địa chỉ, điện thoại, thư điện tử, giờ làm việc và bản đồ lấy từ Thông tin nhà trường.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_school_contacts"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = INTRO_CHILDREN

    class Meta:
        verbose_name = "Trang nội dung"
        verbose_name_plural = "Trang nội dung"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["subpages"] = self.get_children().live().public().specific()
        return context


class LinksPage(VietnamesePageMixin, Page):
    """Links to the Ministry, the Department, the District and the school's other systems (Điều 13.2)."""

    intro = models.TextField("Tóm tắt", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), InlinePanel("links", label="Liên kết")]
    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Trang liên kết"
        verbose_name_plural = "Trang liên kết"

    def groups(self):
        """``[(group name, [links…]), …]`` in the order editors arranged them."""
        grouped = {}
        for link in self.links.all():
            grouped.setdefault(link.group or "Liên kết khác", []).append(link)
        return list(grouped.items())


class LinkItem(Orderable):
    """One link of a LinksPage, in a named group ("Cơ quan quản lý", "Hệ thống của ngành"…)."""

    page = ParentalKey(LinksPage, on_delete=models.CASCADE, related_name="links")
    group = models.CharField("Nhóm", max_length=100, blank=True)
    title = models.CharField("Tên liên kết", max_length=150)
    url = models.URLField("Địa chỉ")
    description = models.CharField("Mô tả ngắn", max_length=250, blank=True)

    panels = [FieldPanel("group"), FieldPanel("title"), FieldPanel("url"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "Liên kết"
        verbose_name_plural = "Liên kết"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        for field in ("group", "title", "description"):
            setattr(self, field, nfc(getattr(self, field)))
        super().save(*args, **kwargs)


class OrganisationPage(VietnamesePageMixin, Page):
    """Cơ cấu tổ chức: leadership, departments, unions and the editorial board of a school year.

    The people come from the school structure (``organisation_context``); only name and position are
    shown unless a person opted in to showing contact details.
    """

    intro = models.TextField("Tóm tắt", blank=True)
    school_year = models.CharField(
        "Năm học", max_length=9, blank=True, help_text="Ví dụ 2025-2026. Để trống: năm học hiện tại."
    )
    body = StreamField(ArticleBodyBlock(), verbose_name="Nội dung thêm", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("school_year"),
        FieldPanel("body"),
    ]
    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Trang cơ cấu tổ chức"
        verbose_name_plural = "Trang cơ cấu tổ chức"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisation"] = organisation_context(self.school_year or None)
        return context
