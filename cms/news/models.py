"""News sections (chuyên mục) and articles (bài viết)."""

from django.db import models
from django.http import Http404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core.pages import VietnamesePageMixin

from .blocks import ArticleBodyBlock

ARCHIVE_PREFIX = "luu-tru"


class SectionPage(VietnamesePageMixin, RoutablePageMixin, Page):
    """A news section such as "Hoạt động chuyên môn".

    The section page shows only the newest ``LISTING_COUNT`` articles; older ones stay reachable through
    stable archive pages per month (``luu-tru/2026/11/``) and per year (``luu-tru/2026/``). Publishing
    one article therefore changes a fixed number of listing pages, however large the section grows
    (the static publishing engine relies on this).
    """

    LISTING_COUNT = 12

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

    def archive_months(self):
        """(year, month) pairs that have at least one article, newest first."""
        return [(d.year, d.month) for d in self.articles().dates("publication_date", "month", order="DESC")]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.articles()[: self.LISTING_COUNT]
        context["archive_months"] = self.archive_months()
        return context

    @path("")
    def newest(self, request):
        """The section page itself: the newest articles and links to the monthly archives."""
        return self.render(request)

    @path(f"{ARCHIVE_PREFIX}/<int:year>/")
    def year_archive(self, request, year):
        """Every month of ``year`` that has articles, with their articles."""
        articles = list(self.articles().filter(publication_date__year=year))
        if not articles:
            raise Http404
        months = {}
        for article in articles:
            months.setdefault(article.publication_date.month, []).append(article)
        return self.render(
            request,
            template="news/section_archive.html",
            context_overrides={"year": year, "month": None, "months": sorted(months.items(), reverse=True)},
        )

    @path(f"{ARCHIVE_PREFIX}/<int:year>/<int:month>/")
    def month_archive(self, request, year, month):
        """All articles of one month, newest first: a stable page that never shifts."""
        articles = self.articles().filter(publication_date__year=year, publication_date__month=month)
        if not 1 <= month <= 12 or not articles.exists():
            raise Http404
        return self.render(
            request,
            template="news/section_archive.html",
            context_overrides={"year": year, "month": month, "articles": articles},
        )

    # --- static publishing protocol (see cms.publishing.outputs) ---------------------------------------
    def static_routes(self):
        """Sub-pages to publish besides the section page: every year and month archive."""
        routes = []
        for year in sorted({y for y, _ in self.archive_months()}, reverse=True):
            routes.append(f"{ARCHIVE_PREFIX}/{year}/")
        routes += [f"{ARCHIVE_PREFIX}/{y}/{m:02d}/" for y, m in self.archive_months()]
        return routes

    def static_routes_for(self, page):
        """The archive pages that list ``page`` (its year and month)."""
        day = getattr(page.specific, "publication_date", None)
        if day is None:
            return []
        return [f"{ARCHIVE_PREFIX}/{day.year}/", f"{ARCHIVE_PREFIX}/{day.year}/{day.month:02d}/"]

    def feed_items(self):
        """Articles for this section's RSS/Atom feeds, newest first."""
        return self.articles()


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

    def search_shard(self):
        """Search index shard (see cms.publishing.search): one per year, so a publish re-indexes one year."""
        return str(self.publication_date.year)

    def search_text(self):
        """Plain text of the article (title, lead, body) for the search index."""
        from django.utils.html import strip_tags

        body = " ".join(strip_tags(str(block)) for block in self.body)
        return " ".join((self.title, self.lead, body))

    @property
    def section(self):
        """The section this article belongs to."""
        return self.get_parent().specific

    def byline(self):
        """ "Name – position" as shown under the title."""
        return " – ".join(part for part in (self.author_name, self.author_position) if part)
