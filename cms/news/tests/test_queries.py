"""Issue 15, item 2: rendering an article and finding what shows it are index lookups, whatever the size.

Counted, not timed: the same number of queries at two sizes, and no query plan (SQLite ``EXPLAIN QUERY
PLAN``) that scans the page table or sorts a whole section.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.news.factories import bulk_articles
from cms.news.models import ArticlePage, SectionPage
from cms.publishing.outputs import page_deps
from cms.publishing.render import render_page

pytestmark = pytest.mark.django_db


def _grow(section, count, start=date(2019, 1, 1)):
    """Add ``count`` published articles to ``section`` in bulk (one a day from ``start``)."""
    bulk_articles(section, count, start, name="Bài cũ")


def _article_work(article, site):
    """Queries of rendering ``article`` and of finding every output that shows it."""
    with CaptureQueriesContext(connection) as ctx:
        render_page(article, site)
        page_deps(article, site)
    return ctx.captured_queries


def _plans(queries):
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plans.append((sql, [row[3] for row in cursor.fetchall()]))
    return plans


def test_an_article_costs_the_same_queries_at_any_size():
    site = Site.objects.get(is_default_site=True)
    sections = list(SectionPage.objects.live().order_by("path"))
    article = ArticlePage.objects.live().filter(path__startswith=sections[0].path).order_by("pk").first()
    _article_work(article, site)  # warm the per-process caches (content types, site settings)
    small = len(_article_work(article, site))
    for section in sections:
        _grow(section, 40)
    article = ArticlePage.objects.get(pk=article.pk)
    _article_work(article, site)
    queries = _article_work(article, site)
    assert len(queries) == small

    if connection.vendor != "sqlite":
        return
    page_table = {"wagtailcore_page", "news_articlepage"}
    for sql, plan in _plans(queries):
        # A walk of the date index is bounded by the query's LIMIT; any other scan reads every page.
        scans = [
            step
            for step in plan
            if step.startswith("SCAN ")
            and step.split()[1] in page_table
            and "news_article_date_idx" not in step
        ]
        assert not scans, (plan, sql[:400])
        sorts_articles = '"news_articlepage"."publication_date"' in sql.split("ORDER BY")[-1]
        assert not (sorts_articles and any("TEMP B-TREE FOR ORDER BY" in step for step in plan)), (plan, sql)


def test_older_articles_box_lists_the_six_just_before():
    """The rewritten neighbour queries return what the old ones did: same day ties broken by id."""
    section = SectionPage.objects.live().order_by("path").first()
    _grow(section, 10, start=date(2018, 5, 1))
    articles = list(
        ArticlePage.objects.live().filter(path__startswith=section.path).order_by("publication_date", "pk")
    )
    middle = articles[len(articles) // 2]
    position = articles.index(middle)
    expected_before = list(reversed(articles[max(0, position - 6) : position]))
    assert list(middle.earlier_articles()) == expected_before
    later = [p for p in middle.static_dependents() if isinstance(p.specific, ArticlePage)]
    assert [p.pk for p in later] == [a.pk for a in articles[position + 1 : position + 7]]


def test_wagtails_alias_lookup_on_every_publish_uses_the_aliases_index():
    """Every publish runs Wagtail's ``update_aliases`` (``filter(alias_of=page)`` ordered by path). With
    statistics, the foreign key's index looks useless (every row is NULL) and SQLite walked the whole page
    table instead (33 ms at 50,000 pages); the partial index over aliases (core migration 0007) is used."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner")
    section = SectionPage.objects.live().order_by("path").first()
    _grow(section, 300)
    article = ArticlePage.objects.live().order_by("pk").first()
    query = ArticlePage.objects.filter(alias_of=article).exclude(id__in=[article.pk])

    def plan():
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            sql, params = query.query.sql_with_params()
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return [row[3] for row in cursor.fetchall()]

    used = plan()
    assert any("portal_page_aliases_idx" in step for step in used), used
    assert not any(step.startswith("SCAN wagtailcore_page") for step in used), used

    with connection.cursor() as cursor:  # without it (rolled back with the test): the scan this prevents
        cursor.execute("DROP INDEX portal_page_aliases_idx")
    assert any(step.startswith("SCAN wagtailcore_page") for step in plan())
