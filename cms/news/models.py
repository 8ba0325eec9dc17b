"""News sections (chuyên mục) and articles (bài viết)."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.pages import VietnamesePageMixin

from .blocks import ArticleBodyBlock


class SectionPage(VietnamesePageMixin, Page):
    """A news section such as "Hoạt động chuyên môn"; lists its articles newest first."""

    intro = models.TextField("Giới thiệu chuyên mục", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = "Chuyên mục tin"
        verbose_name_plural = "Chuyên mục tin"

    def articles(self):
        """Live public articles of this section, newest first."""
        return (
            ArticlePage.objects.live()
            .public()
            .child_of(self)
            .select_related("cover_image")
            .order_by("-publication_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.articles()
        return context


class ArticlePage(VietnamesePageMixin, Page):
    """An article written by a teacher, student or union member and approved by the editorial board."""

    lead = models.TextField("Sa-pô (tóm tắt)", max_length=600)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Ảnh đại diện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField("Mô tả ảnh đại diện", max_length=250, blank=True)
    body = StreamField(ArticleBodyBlock(), verbose_name="Nội dung")
    publication_date = models.DateField("Ngày đăng", default=timezone.localdate)
    author_name = models.CharField("Tác giả", max_length=150, blank=True)
    author_position = models.CharField("Chức vụ / lớp của tác giả", max_length=150, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading="Ảnh đại diện"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("publication_date"), FieldPanel("author_name"), FieldPanel("author_position")],
            heading="Thông tin bài viết",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Bài viết"
        verbose_name_plural = "Bài viết"

    def clean(self):
        super().clean()
        from django.core.exceptions import ValidationError

        if self.cover_image_id and not (self.cover_alt or "").strip():
            raise ValidationError({"cover_alt": "Vui lòng nhập mô tả cho ảnh đại diện."})

    @property
    def section(self):
        """The section this article belongs to."""
        return self.get_parent().specific

    def byline(self):
        """ "Name – position" as shown under the title."""
        return " – ".join(part for part in (self.author_name, self.author_position) if part)
