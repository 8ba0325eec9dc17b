"""Issue 15, item 3 (full builds near the hardware): what every page of a full build shares is computed once
per build, not once per page. Counted, not timed:

- an image's renditions are read once per build, however many pages and listing cards show it;
- the inline children of a page (attachments, document files, comments read for its media) come with the
  chunk of pages it is rendered in, not one query each per page;
- the layout's header, footer and main menu are rendered once per build (the menu once per section and
  depth), while a dynamic view renders them at every request.

That the cached bytes are the uncached ones is ``test_build_cache.test_cached_renders_are_byte_for_byte_the_
uncached_ones``; that a full and an incremental build agree is ``test_incremental``.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Site

from cms.news.factories import bulk_articles
from cms.news.models import ArticlePage, SectionPage
from cms.publishing import parallel
from cms.publishing.builder import _plan_full, _render_chunk
from cms.publishing.public import public_pages
from cms.publishing.renderers import RenderContext

pytestmark = pytest.mark.django_db

RENDITIONS = get_image_model().get_rendition_model()._meta.db_table


def _planned_context():
    site = Site.objects.get(is_default_site=True)
    ctx = RenderContext(site, public_pages(site))
    sources, _pages, _count = _plan_full(site, ctx)
    return ctx, sorted(sources)


def _render_all(ctx, sources):
    """Render ``sources`` chunk by chunk as a build's worker does; returns the captured queries."""
    with CaptureQueriesContext(connection) as captured:
        for chunk in parallel.chunks(sources):
            outputs, failures = _render_chunk(chunk, ctx)
            assert not failures, failures
    return captured.captured_queries


def _html_sources(sources):
    return [s for s in sources if s.split(":")[0] in ("page", "route", "fixed")]


def _grow_with_cover(count):
    """``count`` more articles in every section, each with the world's cover image (cards and pages show
    it over and over)."""
    cover = ArticlePage.objects.exclude(cover_image=None).values_list("cover_image", flat=True).first()
    assert cover is not None
    for section_page in SectionPage.objects.live():
        added = bulk_articles(section_page, count, date(2018, 1, 1), name="Bài có ảnh")
        ArticlePage.objects.filter(pk__in=[a.pk for a in added]).update(cover_image=cover)


def _rendition_reads(queries):
    return [q["sql"] for q in queries if f'FROM "{RENDITIONS}"' in q["sql"]]


def test_each_images_renditions_are_read_once_per_build(warm_renditions):
    _grow_with_cover(3)
    ctx, sources = _planned_context()
    _render_all(ctx, _html_sources(sources))  # renditions the world lacks are made (first build)
    ctx, sources = _planned_context()
    html = _html_sources(sources)
    small = _rendition_reads(_render_all(ctx, html))
    images = get_image_model().objects.count()
    assert 0 < len(small) <= images, (len(small), images)

    _grow_with_cover(25)  # every section: 25 more pages and cards showing the same image
    ctx, sources = _planned_context()
    grown = _html_sources(sources)
    assert len(grown) >= len(html) + 100
    large = _rendition_reads(_render_all(ctx, grown))
    assert len(large) == len(small), (len(small), len(large))


def test_a_pages_inline_children_come_with_its_chunk(warm_renditions):
    """Comments (read by the media references), attachments and document files: one query per chunk, page
    type and relation, not one per page, at two sizes of the site."""

    def per_relation(queries):
        counted = {}
        for query in queries:
            sql = query["sql"]
            for table in ("wagtailcore_comment", "notices_noticeattachment", "documents_documentfile"):
                if sql.startswith("SELECT") and f'FROM "{table}"' in sql:
                    counted[table] = counted.get(table, 0) + 1
        return counted

    ctx, sources = _planned_context()
    _render_all(ctx, sources)
    ctx, sources = _planned_context()
    pages = [s for s in sources if s.startswith("page:")]
    small = per_relation(_render_all(ctx, pages))
    types = len({type(page) for page in ctx.index.pages()})
    chunks = len(parallel.chunks(pages))
    assert small.get("wagtailcore_comment", 0) <= chunks * types, (small, chunks, types)

    _grow_with_cover(25)
    ctx, sources = _planned_context()
    grown = [s for s in sources if s.startswith("page:")]
    large = per_relation(_render_all(ctx, grown))
    grown_chunks = len(parallel.chunks(grown))
    assert len(grown) >= len(pages) + 100
    # The added pages are articles: a few more chunks of articles, one query per relation each.
    for table, count in large.items():
        assert count <= small[table] + grown_chunks, (table, count, small, grown_chunks)
    assert large["wagtailcore_comment"] - small["wagtailcore_comment"] <= grown_chunks < 100 / 10


def _template_renders(render):
    """{template name: times rendered} while ``render()`` runs."""
    counts = {}

    def seen(sender, template, context, **kwargs):
        counts[template.name] = counts.get(template.name, 0) + 1

    template_rendered.connect(seen)
    try:
        render()
    finally:
        template_rendered.disconnect(seen)
    return counts


def test_the_layout_is_rendered_once_per_build(warm_renditions, client):
    _grow_with_cover(10)
    ctx, sources = _planned_context()
    html = _html_sources(sources)
    counts = _template_renders(lambda: _render_all(ctx, html))
    pages = counts["base.html"]
    assert pages >= 60
    assert counts["includes/footer.html"] == 1
    # The menu marks the current section: once per section and depth, not once per page.
    index = ctx.index
    variants = {(p.depth, p.path[:12]) for p in index.pages()} | {("", "")}
    assert counts["includes/main_nav.html"] <= len(variants) < pages / 2, (counts, len(variants))

    # A new build renders them again (what it shares starts empty).
    ctx, _ = _planned_context()
    again = _template_renders(lambda: _render_all(ctx, html[:5]))
    assert again["includes/footer.html"] == 1

    # A dynamic view (preview, the Wagtail server) renders them at every request.
    urls = ["/", ArticlePage.objects.live().first().url]
    dynamic = _template_renders(lambda: [client.get(url) for url in urls])
    assert dynamic["includes/footer.html"] == dynamic["includes/main_nav.html"] == len(urls)


def test_a_builds_renditions_belong_to_the_image_object_that_asked(warm_renditions):
    """Two objects of one image (a block's contextual alt text on each) get their own renditions, and the
    rows are read once for both; outside a build Wagtail's lookup is used."""
    from cms.core import render_cache

    image_id = ArticlePage.objects.exclude(cover_image=None).values_list("cover_image", flat=True).first()
    first, second = get_image_model().objects.get(pk=image_id), get_image_model().objects.get(pk=image_id)
    first.contextual_alt_text, second.contextual_alt_text = "Lễ khai giảng", "Học sinh trồng cây"
    spec = "fill-224x126|format-webp"
    with render_cache.active({"site": Site.objects.get(is_default_site=True)}):
        with CaptureQueriesContext(connection) as captured:
            one, two = first.get_rendition(spec), second.get_rendition(spec)
    assert len(_rendition_reads(captured.captured_queries)) == 1
    assert (one.alt, two.alt) == ("Lễ khai giảng", "Học sinh trồng cây")
    assert one.pk == two.pk and one is not two
    with CaptureQueriesContext(connection) as outside:
        assert first.get_rendition(spec).pk == one.pk
    assert len(_rendition_reads(outside.captured_queries)) == 1
