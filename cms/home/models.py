"""The home page: what is new at the school, every day (Điều 3.6)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from cms.core.pages import VietnamesePageMixin
from cms.core.vietnamese import nfc


class HomePage(VietnamesePageMixin, Page):
    """Root of the public portal: featured story, latest news per section, notices, documents, quick links.

    Other apps add their own pages under it (documents, notices, công khai…); they declare
    ``parent_page_types = ["home.HomePage"]`` so this model needs no list of them.
    """

    intro = models.TextField("Lời giới thiệu", blank=True)
    latest_count = models.PositiveSmallIntegerField("Số bài mới hiển thị", default=8)
    featured_article = models.ForeignKey(
        "news.ArticlePage",
        verbose_name="Tin nổi bật",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Để trống để tự chọn bài mới nhất có ảnh.",
    )
    per_section_count = models.PositiveSmallIntegerField("Số bài mỗi chuyên mục", default=3)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("featured_article"), FieldPanel("latest_count"), FieldPanel("per_section_count")],
            heading="Tin tức trên trang chủ",
        ),
        InlinePanel("quick_links", label="Liên kết nhanh", heading="Liên kết nhanh"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Trang chủ"

    def _articles(self):
        from cms.news.models import articles_under

        return articles_under(self).select_related("cover_image").order_by("-publication_date", "-pk")

    def featured(self):
        """The featured story: the editor's choice if still live, else the newest article with a cover."""
        chosen = self.featured_article
        if chosen is not None and chosen.live and chosen.get_view_restrictions().count() == 0:
            return chosen
        articles = self._articles()
        return articles.filter(cover_image__isnull=False).first() or articles.first()

    def latest_articles(self):
        """Newest live articles under this home page, newest first."""
        return self._articles()[: self.latest_count]

    def sections(self):
        """Live sections shown in the main navigation, in tree order."""
        from cms.news.models import SectionPage

        return SectionPage.objects.live().public().child_of(self).order_by("path")

    def latest_by_section(self):
        """``[(section, [articles…]), …]``: the newest articles of every section that has any."""
        result = []
        for section in self.sections():
            articles = list(section.articles()[: self.per_section_count])
            if articles:
                result.append((section, articles))
        return result

    def feed_items(self):
        """Articles for the site-wide RSS/Atom feeds, newest first."""
        from cms.news.models import articles_under

        return articles_under(self).order_by("-publication_date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        featured = self.featured()
        context["featured"] = featured
        context["latest_articles"] = [
            a for a in self.latest_articles() if featured is None or a.pk != featured.pk
        ]
        context["latest_by_section"] = self.latest_by_section()
        context["quick_links"] = self.quick_links.all()
        return context


class QuickLink(Orderable):
    """A home page link to a superior body or another system of the school (Điều 13.2, "liên thông")."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="quick_links")
    title = models.CharField("Tên liên kết", max_length=120)
    url = models.URLField("Địa chỉ")
    description = models.CharField("Mô tả ngắn", max_length=200, blank=True)

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "Liên kết nhanh"
        verbose_name_plural = "Liên kết nhanh"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.description = nfc(self.description)
        super().save(*args, **kwargs)
