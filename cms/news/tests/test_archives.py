"""A news section's archives at any size (issue 15; decision record 0015-news-archives-at-scale.md).

The year's page is a month index (each month with its number of articles and a link), the month's page a
compact list (date and linked title) that keeps every article of the month reachable, and the months that
have articles are found by one query that seeks the date index once per month. Counted, not timed:
articles listed, queries, SQLite's plans and the virtual machine steps of a query at two sizes.
"""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.news import archives
from cms.news.factories import bulk_articles
from cms.news.models import ArticlePage, SectionPage, articles_under
from cms.publishing.render import render_route

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    """The first section, with 12 articles in January 2019 (20th–31st) and 28 in February 2019."""
    page = SectionPage.objects.live().order_by("path").first()
    bulk_articles(page, 40, date(2019, 1, 20), name="Bài lưu trữ")
    return page


def _route(section, route):
    html = render_route(section, Site.objects.get(is_default_site=True), route)
    return html.decode() if html is not None else None


def _list_links(html):
    """The addresses linked in the month's list (``<ol class="… archive-list">``)."""
    listing = html.split('archive-list">', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'<a href="([^"]+)"', listing)


def test_the_years_page_lists_its_months_with_counts_not_articles(section):
    html = _route(section, "luu-tru/2019/")
    assert (
        f'<a href="{section.url}luu-tru/2019/02/">Tháng 2/2019</a> <span class="meta">(28 bài)</span>' in html
    )
    assert (
        f'<a href="{section.url}luu-tru/2019/01/">Tháng 1/2019</a> <span class="meta">(12 bài)</span>' in html
    )
    assert html.index("Tháng 2/2019</a>") < html.index("Tháng 1/2019</a>")  # newest first
    assert "Bài lưu trữ số" not in html  # the articles are on the months' pages
    assert _route(section, "luu-tru/2018/") is None  # a year without articles has no page


def test_the_months_page_is_a_compact_list_of_every_article_of_the_month(section):
    html = _route(section, "luu-tru/2019/02/")
    february = list(
        articles_under(section, children_only=True)
        .filter(publication_date__year=2019, publication_date__month=2)
        .order_by("-publication_date", "-pk")
    )
    assert len(february) == 28
    assert _list_links(html) == [article.url for article in february]  # all, newest first
    assert '<time datetime="2019-02-28">28/02/2019</time>' in html
    assert "<img" not in html.split("<h1>", 1)[1].split("</ol>", 1)[0]  # no cover images: a line each
    # The trail leads back to the year's page, which exists.
    assert f'<a href="{section.url}luu-tru/2019/">Năm 2019</a>' in html
    assert _route(section, "luu-tru/2019/") is not None
    assert _route(section, "luu-tru/2019/03/") is None
    assert _route(section, "luu-tru/2019/13/") is None


def test_archive_pages_cost_the_same_queries_when_the_section_grows(section):
    def queries(route):
        _route(section, route)  # per-process caches warm
        with CaptureQueriesContext(connection) as captured:
            _route(section, route)
        return len(captured.captured_queries)

    small = {route: queries(route) for route in ("luu-tru/2019/", "luu-tru/2019/02/")}
    bulk_articles(section, 28, date(2019, 2, 1), name="Thêm bài tháng hai")  # the same months, twice as full
    bulk_articles(section, 200, date(2016, 1, 1), name="Bài năm cũ")  # and other years
    large = {route: queries(route) for route in small}
    assert large == small
    assert "(56 bài)" in _route(section, "luu-tru/2019/")


def _vm_steps(run):
    """SQLite virtual machine instructions executed by ``run()`` (a progress handler called every step):
    the work of a query, independent of the machine's speed."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    connection.ensure_connection()
    raw = connection.connection
    raw.set_progress_handler(count, 1)
    try:
        run()
    finally:
        raw.set_progress_handler(None, 1)
    return steps[0]


def test_archive_months_is_one_query_that_does_not_read_every_article(section):
    """``archive_months`` gives the months ``SELECT DISTINCT month`` gives (what it replaced), in one
    query on every database (on SQLite a recursive one that seeks the date index once per month)."""
    articles = articles_under(section, children_only=True)

    def distinct():
        return [(d.year, d.month) for d in articles.dates("publication_date", "month", order="DESC")]

    def seeks():
        return [(d.year, d.month) for d in archives.month_starts(articles)]

    assert seeks() == distinct()
    with CaptureQueriesContext(connection) as captured:
        months = section.archive_months()
    assert months == distinct()
    # One query reads articles (the others: is the table empty, which pages are private; a build asks
    # those once).
    reading = [q["sql"] for q in captured.captured_queries if "publication_date" in q["sql"]]
    assert len(reading) == 1, reading
    # SQLite: the loose index scan; PostgreSQL: one grouped pass (its planner walks the section per step).
    assert reading[0].startswith("WITH RECURSIVE") == (connection.vendor == "sqlite"), reading
    for batch in range(9):  # 252 more articles, all in February 2019: no new month
        bulk_articles(section, 28, date(2019, 2, 1), name=f"Lô {batch}")
    assert seeks() == distinct()
    with CaptureQueriesContext(connection) as captured:
        section.archive_months()
    assert len([q for q in captured.captured_queries if "publication_date" in q["sql"]]) <= 1


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's virtual machine steps and planner")
def test_archive_months_work_does_not_grow_with_the_articles_of_its_months(section):
    """The same months holding ten times the articles leave ``archive_months``'s work nearly unchanged
    (SQLite VM steps), while ``SELECT DISTINCT month`` (what it replaced, the control) reads every one."""
    articles = articles_under(section, children_only=True)

    def distinct():
        return [(d.year, d.month) for d in articles.dates("publication_date", "month", order="DESC")]

    def seeks():
        return [(d.year, d.month) for d in archives.month_starts(articles)]

    with CaptureQueriesContext(connection) as captured:
        section.archive_months()
    reading = [q["sql"] for q in captured.captured_queries if "publication_date" in q["sql"]]
    small, control_small = _vm_steps(seeks), _vm_steps(distinct)

    for batch in range(9):  # 252 more articles, all in February 2019: no new month
        bulk_articles(section, 28, date(2019, 2, 1), name=f"Lô {batch}")
    assert seeks() == distinct()
    large, control_large = _vm_steps(seeks), _vm_steps(distinct)
    assert control_large > 3 * control_small  # the control reads every article
    assert large <= small * 1.1, (small, large)

    sql = reading[0]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        plan = [row[3] for row in cursor.fetchall()]
    for step in plan:
        # The page table only by primary key; the articles only through the date index, from a bound.
        assert not (step.startswith("SCAN") and "wagtailcore_page" in step), plan
        if "news_articlepage" in step:
            assert "news_article_date_idx" in step, plan
    assert any("news_article_date_idx (publication_date<?)" in step for step in plan), plan


def test_static_routes_and_dependents_name_the_articles_year_and_month(section):
    article = (
        ArticlePage.objects.live().filter(path__startswith=section.path, publication_date__month=2).first()
    )
    assert section.static_routes_for(article) == ["luu-tru/2019/", "luu-tru/2019/02/"]
    routes = section.static_routes()
    assert {"luu-tru/2019/", "luu-tru/2019/01/", "luu-tru/2019/02/"} <= set(routes)
    assert all(_route(section, route) is not None for route in routes)  # every planned page exists
