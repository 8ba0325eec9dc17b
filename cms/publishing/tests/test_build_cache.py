"""Issue 15, items 2 and 3: a full build reads each kind of data once and renders every page at a constant
number of queries, and what it caches never shows a draft or private page.

Counted, not timed: queries per rendered article at two sizes of the site, queries of a whole full build
per page, and the pages a cached menu, breadcrumb or neighbour list shows.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from cms.core.people import pupil_full_names
from cms.news.factories import bulk_articles
from cms.news.models import ArticlePage, SectionPage
from cms.pages.models import StandardPage
from cms.publishing.builder import _plan_full, build_site
from cms.publishing.public import public_pages
from cms.publishing.renderers import RenderContext, render_source

from .helpers import manifest, new_article, publish, section, text

pytestmark = pytest.mark.django_db


def _grow(section_page, count, start=date(2019, 1, 1)):
    """Add ``count`` published articles to ``section_page`` in bulk (one a day from ``start``)."""
    bulk_articles(section_page, count, start)


def _planned_context():
    """A RenderContext as a full build makes it (every public page indexed), and its sources."""
    site = Site.objects.get(is_default_site=True)
    ctx = RenderContext(site, public_pages(site))
    sources, _pages, _count = _plan_full(site, ctx)
    return ctx, sources


def _article_sources(sources, ctx):
    ids = set(ArticlePage.objects.live().values_list("pk", flat=True))
    return sorted(s for s in sources if s.startswith("page:") and int(s.split(":")[1]) in ids)


def _queries_per_source(sources, ctx):
    render_source(sources[0], ctx)  # per-process caches (content types, templates) warm
    with CaptureQueriesContext(connection) as captured:
        for source in sources:
            render_source(source, ctx)
    return len(captured.captured_queries) / len(sources)


def test_rendering_articles_costs_the_same_queries_per_page_at_two_sizes(warm_renditions):
    ctx, sources = _planned_context()
    articles = _article_sources(sources, ctx)
    small = _queries_per_source(articles, ctx)
    for section_page in SectionPage.objects.live():
        _grow(section_page, 40)
    ctx, sources = _planned_context()
    large = _queries_per_source(articles, ctx)  # the same articles, in a site with 40 more per section
    assert large <= small
    # The page itself (batched), its cover image and renditions: settings, menus, restrictions, parents
    # and the "Bài đã đăng" box come from the build's cache.
    assert small <= 5, small


def test_month_archives_cost_the_same_queries_at_two_sizes(warm_renditions):
    def archive_sources():
        ctx, sources = _planned_context()
        target = section()
        return ctx, sorted(s for s in sources if s.startswith(f"route:{target.pk}:"))

    _grow(section(), 60)  # two years of archives
    ctx, routes = archive_sources()
    small = _queries_per_source(routes, ctx)
    _grow(section(), 120, start=date(2018, 1, 1))
    ctx, routes_large = archive_sources()
    assert len(routes_large) > len(routes)
    large = _queries_per_source(routes, ctx)
    assert large <= small <= 3, (small, large)


def _build_queries():
    with CaptureQueriesContext(connection) as captured:
        result = build_site(trigger="test: count")
    return len(captured.captured_queries), result


def test_full_build_queries_grow_by_at_most_three_per_page(warm_renditions, site_dir):
    _build_queries()  # the first build creates renditions and the release folders
    base_queries, base = _build_queries()
    for section_page in SectionPage.objects.live():
        _grow(section_page, 30, start=date(2017, 1, 1))
    queries, grown = _build_queries()
    added_pages = grown.pages - base.pages
    assert added_pages >= 90
    assert (queries - base_queries) / added_pages <= 3, (base_queries, queries, added_pages)


def test_planning_a_full_build_costs_no_query_per_page(warm_renditions):
    site = Site.objects.get(is_default_site=True)
    _planned_context()  # warm content types
    with CaptureQueriesContext(connection) as small:
        _planned_context()
    for section_page in SectionPage.objects.live():
        _grow(section_page, 40)
    with CaptureQueriesContext(connection) as large:
        _planned_context()
    assert len(large.captured_queries) == len(small.captured_queries), [
        q["sql"][:200] for q in large.captured_queries
    ]
    assert public_pages(site).count() > 160


def _private_and_draft_pages():
    """A private menu page, a draft menu page, a private article and a draft article in a section."""
    home = Site.objects.get(is_default_site=True).root_page
    private_menu = StandardPage(title="Trang nội bộ của tổ", slug="trang-noi-bo", show_in_menus=True)
    home.add_child(instance=private_menu)
    publish(private_menu)
    PageViewRestriction.objects.create(page=private_menu, restriction_type="password", password="x")
    draft_menu = StandardPage(
        title="Trang nháp chưa duyệt", slug="trang-nhap", show_in_menus=True, live=False
    )
    home.add_child(instance=draft_menu)
    draft_menu.save_revision()
    private_article = publish(new_article("Bài riêng tư của tổ", "bai-rieng-tu", day=date(2026, 11, 26)))
    PageViewRestriction.objects.create(page=private_article, restriction_type="password", password="x")
    draft_article = new_article("Bài nháp chưa duyệt", "bai-nhap", day=date(2026, 11, 25))
    draft_article.live = False
    draft_article.save_revision()
    Page.objects.filter(pk=draft_article.pk).update(live=False)
    # Neighbours of the hidden articles: their "Bài đã đăng" boxes come from the build's index.
    publish(new_article("Bài đăng sau cùng", "bai-dang-sau-cung", day=date(2026, 11, 28)))
    return ["Trang nội bộ của tổ", "Trang nháp chưa duyệt", "Bài riêng tư của tổ", "Bài nháp chưa duyệt"]


def test_no_cached_menu_listing_or_box_shows_a_draft_or_private_page(warm_renditions, site_dir):
    hidden = _private_and_draft_pages()
    result = build_site(trigger="test: privacy")
    assert not result.failures
    html = {path: text(path) for path in manifest()["files"] if path.endswith(".html")}
    assert len(html) > 20
    for title in hidden:
        leaks = [path for path, text in html.items() if title in text]
        assert not leaks, (title, leaks[:5])
    assert "trang-noi-bo/index.html" not in html and "trang-nhap/index.html" not in html
    # The menus are the cached ones, and still list the public sections.
    latest = html["hoat-dong-chuyen-mon/bai-dang-sau-cung/index.html"]
    assert 'class="main-nav"' in latest and section().title in latest


def _pupil_authors_one_by_one():
    """Full names of pupil authors by the per-article rule (``effective_author_kind``), the reference."""
    return {
        article.author_name
        for article in ArticlePage.objects.exclude(author_name="")
        if article.effective_author_kind() == ArticlePage.AuthorKind.STUDENT and " " in article.author_name
    }


def test_pupil_names_of_the_search_index_cost_a_few_queries_at_any_size():
    with CaptureQueriesContext(connection) as small:
        names = pupil_full_names()
    assert _pupil_authors_one_by_one() <= set(names) and names
    for section_page in SectionPage.objects.live():
        _grow(section_page, 40)  # unsigned articles: pupils' in the pupils' corner, teachers' elsewhere
    with CaptureQueriesContext(connection) as large:
        names = pupil_full_names()
    assert _pupil_authors_one_by_one() <= set(names)
    # the site, its settings, the class lists, the pupils' sections, the articles
    assert len(large.captured_queries) == len(small.captured_queries) <= 5


def test_cached_renders_are_byte_for_byte_the_uncached_ones(warm_renditions):
    """Every output of a full build rendered with the build's cache and index equals the same output
    rendered the old way: a fresh context, no index, nothing cached (each lookup asks the database)."""
    from cms.publishing.renderers import _render_source

    _private_and_draft_pages()
    ctx, sources = _planned_context()
    site = ctx.site
    compared = 0
    for source in sorted(
        s for s in sources if s.split(":")[0] in ("page", "route", "rss", "atom", "sitemap")
    ):
        cached = render_source(source, ctx)
        plain = _render_source(source, RenderContext(site, public_pages(site)))
        assert cached == plain, source
        compared += 1
    assert compared > 60
