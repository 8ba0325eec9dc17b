"""The home page: what is new at the school, every day (Điều 3.6)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from cms.core.pages import VietnamesePageMixin


class HomePage(VietnamesePageMixin, Page):
    """Root of the public portal; lists the latest articles of every section."""

    intro = models.TextField("Lời giới thiệu", blank=True)
    latest_count = models.PositiveSmallIntegerField("Số bài mới hiển thị", default=8)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("latest_count")]
    subpage_types = ["news.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Trang chủ"

    def latest_articles(self):
        """Newest live articles under this home page, newest first."""
        from cms.news.models import ArticlePage

        return (
            ArticlePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("cover_image")
            .order_by("-publication_date", "-pk")[: self.latest_count]
        )

    def sections(self):
        """Live sections shown in the main navigation, in tree order."""
        from cms.news.models import SectionPage

        return SectionPage.objects.live().public().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_articles"] = self.latest_articles()
        return context
