"""News sections (chuyên mục) and articles (bài viết)."""

import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core import render_cache
from cms.core.listings import pages_under
from cms.core.pages import VietnamesePageMixin
from cms.core.people import public_name, student_full_names_allowed
from cms.core.vietnamese import fold

from . import archives
from .blocks import ArticleBodyBlock
from .forms import ArticlePageForm

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
    is_student_corner = models.BooleanField(
        "Chuyên mục của học sinh",
        default=False,
        help_text=(
            "Bài viết ở đây mặc định là của học sinh: chỉ hiện tên gọi và lớp của em "
            "(trừ khi nhà trường cho phép)."
        ),
    )

    # Loaded for every public page of a full build (cms.publishing.outputs.load_index).
    static_index_fields = ("is_student_corner",)
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("is_student_corner")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = "Chuyên mục tin"
        verbose_name_plural = "Chuyên mục tin"

    def articles(self):
        """Live public articles of this section, newest first."""
        return (
            articles_under(self, children_only=True)
            .select_related("cover_image")
            .order_by("-publication_date", "-pk")
        )

    def archive_months(self):
        """(year, month) pairs that have at least one article, newest first (read once per static build:
        every archive page and the plan ask for them).

        One query that seeks the date index once per month (``archives.month_starts``), not a read of
        every article of the section."""
        return render_cache.cached(
            ("news.archive_months", self.pk),
            lambda: [
                (day.year, day.month)
                for day in archives.month_starts(articles_under(self, children_only=True))
            ],
        )

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
        """The month index of ``year``: each month that has articles, with its number of articles and a
        link to its page (not the articles themselves: a year of a large school holds about 900)."""
        if not 1 <= year <= 9999:
            raise Http404
        months = archives.month_counts(articles_under(self, children_only=True), year)
        if not months:
            raise Http404
        return self.render(
            request,
            template="news/section_archive.html",
            context_overrides={"year": year, "month": None, "months": months},
        )

    @path(f"{ARCHIVE_PREFIX}/<int:year>/<int:month>/")
    def month_archive(self, request, year, month):
        """Every article of one month, newest first, as a compact list (date and title, linked): a stable
        page that never shifts."""
        if not (1 <= month <= 12 and 1 <= year <= 9999):
            raise Http404
        items = archives.month_items(articles_under(self, children_only=True), year, month)
        if not items:
            raise Http404
        return self.render(
            request,
            template="news/section_archive.html",
            context_overrides={"year": year, "month": month, "items": items},
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
        """The archive pages that show ``page``: its month's page (its title and date) and its year's
        (which counts it). An edit that keeps the date re-renders the year's page too, which then comes out
        the same bytes; a new, removed or moved article changes that year's count."""
        day = getattr(page.specific, "publication_date", None)
        if day is None:
            return []
        return [f"{ARCHIVE_PREFIX}/{day.year}/", f"{ARCHIVE_PREFIX}/{day.year}/{day.month:02d}/"]

    def feed_items(self):
        """Articles for this section's RSS/Atom feeds, newest first."""
        return self.articles()


def articles_under(page, children_only=False):
    """Live public articles below ``page`` (its children only, or every descendant), unordered.

    The shared listing shape (``cms.core.listings.pages_under``): ordered by ``("-publication_date",
    "-pk")`` it walks the (publication_date, page) index from the newest end and stops after a listing's
    worth of rows (``EXPLAIN`` checked in cms/news/tests/test_queries.py).
    """
    return pages_under(ArticlePage, page, children_only=children_only)


RELATED_COUNT = 6  # articles listed in the "Bài đã đăng" box under an article
_CLASS_IN_POSITION = re.compile(r"lớp\s+(\S+)", re.IGNORECASE)


class ArticlePage(VietnamesePageMixin, Page):
    """An article written by a teacher, student or union member and approved by the editorial board."""

    sitemap_date_field = "publication_date"  # its sitemap part follows this year

    class AuthorKind(models.TextChoices):
        AUTO = "", "Tự nhận biết (theo chuyên mục và chức vụ)"
        TEACHER = "teacher", "Cán bộ, giáo viên, nhân viên"
        STUDENT = "student", "Học sinh"
        UNION = "union", "Đoàn thể (Công đoàn, Liên đội, Chi đoàn)"
        GROUP = "group", "Tập thể (lớp)"

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
    author_kind = models.CharField(
        "Tác giả là", max_length=10, choices=AuthorKind.choices, default=AuthorKind.AUTO, blank=True
    )
    author_class = models.CharField(
        "Lớp (nếu tác giả là học sinh)", max_length=10, blank=True, help_text="Ví dụ: 3A"
    )
    written_for = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Gửi bài thay cho học sinh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Giáo viên chủ nhiệm gửi bài của một em trong lớp mình (ở chuyên mục của học sinh): bài đứng "
            "tên em và được duyệt theo quy trình bài của học sinh."
        ),
    )
    group_byline = models.CharField(
        "Đứng tên tập thể",
        max_length=30,
        blank=True,
        help_text="Để trống: bài đứng tên người viết. Ví dụ: Tập thể lớp 3A, Liên đội, Công đoàn trường.",
    )

    # Loaded for every public page of a full build (cms.publishing.outputs.load_index).
    static_index_fields = ("publication_date",)
    content_panels = Page.content_panels + [
        FieldPanel("lead"),
        MultiFieldPanel([FieldPanel("cover_image"), FieldPanel("cover_alt")], heading="Ảnh đại diện"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("written_for"), FieldPanel("group_byline")],
            heading="Bài này đứng tên",
        ),
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("author_name"),
                FieldPanel("author_position"),
                FieldPanel("author_kind"),
                FieldPanel("author_class"),
            ],
            heading="Thông tin bài viết",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("lead"), index.SearchField("body")]
    # Pupils' articles are checked on the server (cms.news.pupil_rules), not only in the toolbar.
    base_form_class = ArticlePageForm
    parent_page_types = ["news.SectionPage"]
    subpage_types = []

    # Filled from the author's account, the pupil written for or the chosen group (editorial.bylines);
    # only the board edits them, and only the board changes the choice once the article was submitted.
    BYLINE_FIELDS = ("author_name", "author_position", "author_kind", "author_class")
    BYLINE_CHOICE_FIELDS = ("written_for", "group_byline")

    class Meta:
        verbose_name = "Bài viết"
        verbose_name_plural = "Bài viết"
        # Listings, archives, neighbours ("Bài đã đăng") and feeds read articles by date: this index
        # lets them walk the newest (or the ones around one article) instead of sorting every page.
        indexes = [models.Index(fields=["publication_date", "page_ptr"], name="news_article_date_idx")]

    def byline_from_account(self, user, choices=None):
        """The byline fields' values for an article by ``user`` (``editorial.bylines.byline_for``), or ``{}``.

        ``choices``: ``{"written_for": pupil or None, "group_byline": key or ""}`` as chosen in the editor
        (default: the stored ones).
        """
        if user is None or not user.is_authenticated:
            return {}
        from editorial.bylines import byline_for

        if choices is None:
            choices = {"written_for": self.written_for, "group_byline": self.group_byline}
        return byline_for(user, choices.get("written_for"), choices.get("group_byline"))

    def byline_options(self, user):
        """What ``user`` may choose in "Bài này đứng tên": ``{"pupils": users, "groups": [(key, label)]}``."""
        from editorial.bylines import group_bylines_for, pupils_for

        return {"pupils": pupils_for(user), "groups": group_bylines_for(user)}

    def byline_choice_problems(self, user, choices, section=None):
        """Vietnamese messages ``{field: message}`` for choices the server refuses (whatever the form
        offered): a pupil outside ``user``'s class, a group ``user`` may not sign for, both at once, or a
        pupil's work outside a pupils' section (the route comes from the pupil). ``section``: the parent
        page (the editor knows it before a new article is saved)."""
        from editorial.bylines import NOT_YOUR_GROUP, NOT_YOUR_PUPIL

        problems = {}
        options = self.byline_options(user)
        pupil = choices.get("written_for")
        group = choices.get("group_byline") or ""
        if pupil is not None:
            if not options["pupils"].filter(pk=pupil.pk).exists():
                problems["written_for"] = NOT_YOUR_PUPIL
            if section is None and self.path:
                section = self.get_parent()
            section = getattr(section, "specific", section)
            if section is not None and not getattr(section, "is_student_corner", False):
                problems["written_for"] = (
                    "Bài gửi thay học sinh phải nằm trong chuyên mục của học sinh (duyệt theo quy trình "
                    "bài của học sinh)."
                )
            if group:
                problems["group_byline"] = "Chọn một: gửi thay học sinh hoặc đứng tên tập thể."
        elif group and group not in dict(options["groups"]):
            problems["group_byline"] = NOT_YOUR_GROUP
        return problems

    def moderation_author(self):
        """Whose work this is for moderation (reviewers, self-approval): the pupil a homeroom teacher
        submitted for, else the owner (``editorial.moderation.models.author_of``)."""
        return self.written_for or self.owner

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

    def _siblings(self):
        return articles_under(self.get_parent(), children_only=True).exclude(pk=self.pk)

    def earlier_articles(self):
        """The articles of the same section published just before this one (the "Bài đã đăng" box).

        Only older ones: publishing a new article then changes no other article's page, so a publish
        re-renders a fixed number of pages however large the section grows.
        """
        index = render_cache.current("page_index")  # a full build's public pages (outputs.PageIndex)
        if index is not None and self.pk in index:
            articles, position = index.ordered_siblings(self, ArticlePage, ("publication_date", "pk"))
            if position is not None:
                return articles[max(0, position - RELATED_COUNT) : position][::-1]
        date = self.publication_date
        # Written as a range (``<= date``) minus the same-day newer ones, so the database walks the
        # (publication_date, page) index down from this article and stops after RELATED_COUNT rows
        # instead of scanning and sorting the page table (an OR of two ranges defeats the index).
        return (
            self._siblings()
            .filter(publication_date__lte=date)
            .exclude(publication_date=date, pk__gte=self.pk or 0)
            .order_by("-publication_date", "-pk")[:RELATED_COUNT]
        )

    def static_dependents(self, index=None):
        """Pages whose static output lists this article: its ancestors (section, home page) and the
        articles published just after it, whose "Bài đã đăng" box shows it.

        ``index``: the build's ``cms.publishing.outputs.PageIndex`` (full builds): answered from it, no query.
        """
        if index is not None:
            ancestors = index.ancestors(self, 2)
            articles, position = index.ordered_siblings(self, ArticlePage, ("publication_date", "pk"))
            if ancestors is not None and position is not None:
                return ancestors + articles[position + 1 : position + 1 + RELATED_COUNT]
        date = self.publication_date
        later = (
            self._siblings()
            .filter(publication_date__gte=date)
            .exclude(publication_date=date, pk__lte=self.pk or 0)
            .order_by("publication_date", "pk")[:RELATED_COUNT]
        )
        return list(self.get_ancestors().filter(depth__gte=2).specific()) + list(later)

    def effective_author_kind(self):
        """The editor's choice, else "student" for a pupil (by position or student corner), else teacher."""
        in_corner = False
        if not self.author_kind and not self.author_position:  # only an unsigned article needs its section
            parent = render_cache.parent_of(self)
            in_corner = getattr(parent.specific if parent else None, "is_student_corner", False)
        return self.author_kind_of(self.author_kind, self.author_position, in_corner)

    @classmethod
    def author_kind_of(cls, author_kind, author_position, in_student_corner):
        """The one rule of ``effective_author_kind`` on plain values (no query): the chosen kind, else a
        pupil when the position says "Học sinh…" or the article sits unsigned in a pupils' section."""
        if author_kind:
            return author_kind
        if fold(author_position).startswith("hoc sinh"):
            return cls.AuthorKind.STUDENT
        if in_student_corner and not author_position:
            return cls.AuthorKind.STUDENT
        return cls.AuthorKind.TEACHER

    @classmethod
    def pupil_author_names(cls):
        """Names (as stored) of every article's author who is a pupil (``effective_author_kind``), drafts
        included: two queries whatever the number of articles (the pupils' sections, then the articles).

        The database returns each distinct (name, kind, position, parent section) once: every publish
        asks (the search index and feeds name pupils by their given name), and at 50,000 pages turning
        every article into a Python row cost 0.15–0.3 s; the distinct rows are as many as the authors."""
        corners = set(SectionPage.objects.filter(is_student_corner=True).values_list("path", flat=True))
        step = cls.steplen
        rows = (
            cls.objects.exclude(author_name="")
            .filter(author_kind__in=[cls.AuthorKind.AUTO, cls.AuthorKind.STUDENT])
            .annotate(parent_path=Substr("path", 1, Length("path") - step))
            .values_list("author_name", "author_kind", "author_position", "parent_path")
            .order_by()
            .distinct()
        )
        return {
            name
            for name, kind, position, parent in rows
            if cls.author_kind_of(kind, position, parent in corners) == cls.AuthorKind.STUDENT
        }

    def student_class(self):
        """The pupil's class ("3A"): the class field, else read from a position such as "Học sinh lớp 3A"."""
        if self.author_class:
            return self.author_class.strip()
        match = _CLASS_IN_POSITION.search(self.author_position or "")
        return match.group(1).rstrip(".,") if match else ""

    def public_author_name(self, full_student_names=None):
        """The author's public name (``cms.core.people.public_name``): a pupil is "Em <given name>" unless
        full names are allowed (``full_student_names``; None reads the school's setting)."""
        return public_name(
            self.author_name,
            student=self.effective_author_kind() == self.AuthorKind.STUDENT,
            full_student_names=(
                student_full_names_allowed(page=self) if full_student_names is None else full_student_names
            ),
        )

    def byline(self, full_student_names=None):
        """The line under the title: "Lê Thị Thảo – Giáo viên Tổ 1", or "Em Ngọc, lớp 3A" for a pupil.

        ``full_student_names`` defaults to the school's setting (SchoolSettings.show_student_full_name).
        """
        if full_student_names is None:
            full_student_names = student_full_names_allowed(page=self)
        if self.effective_author_kind() == self.AuthorKind.STUDENT:
            name = self.public_author_name(full_student_names)
            if full_student_names and name:
                name = f"Em {name}"
            klass = self.student_class()
            return ", ".join(part for part in (name, f"lớp {klass}" if klass else "") if part)
        name = self.public_author_name(full_student_names)
        return " – ".join(part for part in (name, self.author_position) if part)
