"""Issue 15, item 2: every public listing (notices, documents, albums, the work schedule, công khai, the home
page's notices, news) is a walk of an index of its own table once SQLite has statistics, and lists exactly
what Wagtail's tree filters listed before (``cms.core.listings.pages_under``).

Counted, not timed: the world is grown in bulk to a few hundred pages, ``ANALYZE`` gives the planner its
statistics (as on a real school), and each listing's ``EXPLAIN QUERY PLAN`` must neither scan the page
table nor sort the listing in a temporary B-tree.
"""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from bench.generate import bulk_add_children
from cms.albums.models import AlbumIndexPage, AlbumPage
from cms.disclosure.models import DisclosureIndexPage, DisclosureYearPage
from cms.documents.models import DocumentIndexPage, Issuer, OfficialDocumentPage
from cms.news.factories import bulk_articles
from cms.news.models import SectionPage
from cms.notices.models import NoticeIndexPage, NoticePage, Priority
from cms.notices.templatetags.notices_tags import current_notices
from cms.schedule.models import ScheduleIndexPage, ScheduleWeekPage

pytestmark = pytest.mark.django_db

START = date(2020, 1, 6)  # a Monday
COUNT = 40  # pages per listing: enough for the planner's statistics to tell the tables apart


def _published(objs):
    return [timezone.make_aware(datetime(2026, 1, 1, 8))] * len(objs)


def _grow():
    """Bulk pages under every listing of the world (some on the same day, to check the tie order), plus
    a few hundred articles so that the page table is the big one, as on a real school."""
    now = timezone.now()
    for section in SectionPage.objects.live().order_by("path"):
        bulk_articles(section, 60, date(2019, 1, 1), name="Bài cũ")
    notices = [
        NoticePage(
            title=f"Thông báo số {i}",
            slug=f"thong-bao-so-{i}",
            notice_date=START + timedelta(days=i // 2),
            valid_from=now - timedelta(days=400 - i) if i % 9 else now + timedelta(days=3),
            valid_to=None if i % 5 == 0 else now + timedelta(days=i - COUNT // 2),
            pinned=i % 4 == 0,
            priority=Priority.URGENT if i % 7 == 0 else Priority.NORMAL,
            summary="Tóm tắt.",
            body="<p>Nội dung.</p>",
        )
        for i in range(COUNT)
    ]
    for notice in notices:
        notice._derive_search_folded()
    bulk_add_children(NoticeIndexPage.objects.get(), notices, _published(notices))
    issuer = Issuer.objects.filter(is_school=True).first()
    documents = [
        OfficialDocumentPage(
            title=f"Quyết định số {i}",
            slug=f"quyet-dinh-so-{i}",
            number_symbol=f"{500 + i}/QĐ-THNK",
            doc_type="quyet-dinh",
            issue_date=START + timedelta(days=i // 2),
            issuer=issuer,
            signer_name="Phạm Văn Tuấn",
            signer_position="Hiệu trưởng",
            summary="Trích yếu.",
            field="hanh-chinh",
        )
        for i in range(COUNT)
    ]
    for document in documents:
        document._derive()
    bulk_add_children(DocumentIndexPage.objects.get(), documents, _published(documents))
    albums = [
        AlbumPage(
            title=f"Album số {i}",
            slug=f"album-so-{i}",
            event_date=START + timedelta(days=i // 2),
            school_year="2019–2020",
        )
        for i in range(COUNT)
    ]
    bulk_add_children(AlbumIndexPage.objects.get(), albums, _published(albums))
    weeks = [
        ScheduleWeekPage(
            title=f"Tuần {i}",
            slug=f"tuan-so-{i}",
            week_start=START + timedelta(weeks=i),
            school_year="2019–2020",
        )
        for i in range(COUNT)
    ]
    bulk_add_children(ScheduleIndexPage.objects.get(), weeks, _published(weeks))
    years = [
        DisclosureYearPage(
            title=f"Công khai năm học {y}–{y + 1}",
            slug=f"nam-hoc-{y}-{y + 1}",
            school_year=f"{y}–{y + 1}",
        )
        for y in range(2000, 2020)
    ]
    bulk_add_children(DisclosureIndexPage.objects.get(), years, _published(years))
    # A draft in every listing: never listed.
    for model in (NoticePage, OfficialDocumentPage, AlbumPage, ScheduleWeekPage, DisclosureYearPage):
        model.objects.filter(pk=model.objects.order_by("pk").last().pk).update(live=False)


def _listings():
    """name → a function returning the listing (a list), as the public pages, feeds and JSON read them."""
    notices = NoticeIndexPage.objects.get()
    documents = DocumentIndexPage.objects.get()
    albums = AlbumIndexPage.objects.get()
    schedule = ScheduleIndexPage.objects.get()
    disclosure = DisclosureIndexPage.objects.get()
    home = Site.objects.get(is_default_site=True).root_page.specific
    section = SectionPage.objects.live().order_by("path").first()
    week = ScheduleWeekPage.objects.get(slug="tuan-so-10")
    now = timezone.now()
    return {
        "notices": lambda: list(notices.notices(now)),
        "notices feed": lambda: list(notices.feed_items()[:20]),
        "notices expired": lambda: list(notices.notices(now).filter(valid_to__lte=now)),
        "notices current": lambda: list(notices.get_context(None)["current_notices"]),
        "documents": lambda: list(documents.documents()),
        "documents feed": lambda: list(documents.feed_items()[:20]),
        "albums": lambda: list(albums.albums()),
        "schedule": lambda: list(schedule.weeks()),
        "schedule feed": lambda: list(schedule.feed_items()[:20]),
        "schedule neighbours": lambda: [week.previous_week(), week.next_week()],
        "disclosure": lambda: list(disclosure.years()),
        "home notices": lambda: current_notices({"page": home}),
        "section": lambda: list(section.articles()[:12]),
        "home news": lambda: list(home.latest_articles()),
    }


def _old_listings():
    """The same listings written with Wagtail's tree filters, as before ``pages_under``."""
    from django.db.models import Q

    from cms.notices.models import current_filter

    notices = NoticeIndexPage.objects.get()
    documents = DocumentIndexPage.objects.get()
    home = Site.objects.get(is_default_site=True).root_page
    now = timezone.now()

    def under(model, parent):
        return model.objects.live().public().child_of(parent)

    week = ScheduleWeekPage.objects.get(slug="tuan-so-10")

    def old_week(order, **lookup):
        return (
            ScheduleWeekPage.objects.live().public().sibling_of(week).filter(**lookup).order_by(order).first()
        )

    def old_notices():
        return under(NoticePage, notices).exclude(valid_from__gt=now).order_by("-notice_date", "-pk")

    return {
        "notices": lambda: list(old_notices()),
        "notices feed": lambda: list(old_notices()[:20]),
        "notices expired": lambda: list(old_notices().filter(valid_to__lte=now)),
        "notices current": lambda: list(
            old_notices().filter(current_filter(now)).order_by("priority", "-pinned", "-notice_date", "-pk")
        ),
        "documents": lambda: list(under(OfficialDocumentPage, documents).order_by("-issue_date", "-pk")),
        "documents feed": lambda: list(
            under(OfficialDocumentPage, documents).order_by("-issue_date", "-pk")[:20]
        ),
        "albums": lambda: list(under(AlbumPage, AlbumIndexPage.objects.get()).order_by("-event_date", "-pk")),
        "schedule": lambda: list(
            under(ScheduleWeekPage, ScheduleIndexPage.objects.get()).order_by("-week_start")
        ),
        "schedule feed": lambda: list(
            under(ScheduleWeekPage, ScheduleIndexPage.objects.get()).order_by("-week_start")[:20]
        ),
        "schedule neighbours": lambda: [
            old_week("-week_start", week_start__lt=week.week_start),
            old_week("week_start", week_start__gt=week.week_start),
        ],
        "disclosure": lambda: list(
            under(DisclosureYearPage, DisclosureIndexPage.objects.get()).order_by("-school_year")
        ),
        "home notices": lambda: list(
            NoticePage.objects.live()
            .public()
            .descendant_of(home)
            .filter(current_filter(now))
            .filter(Q(pinned=True) | Q(priority=Priority.URGENT))
            .order_by("priority", "-pinned", "-notice_date", "-pk")[:5]
        ),
    }


def _plans(queries):
    plans = []
    with connection.cursor() as cursor:
        for query in queries:
            sql = query["sql"]
            if sql.lstrip().upper().startswith("SELECT"):
                cursor.execute("EXPLAIN QUERY PLAN " + sql)
                plans.append((sql, [row[3] for row in cursor.fetchall()]))
    return plans


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner (EXPLAIN QUERY PLAN)")
def test_every_listing_walks_an_index_once_sqlite_has_statistics():
    _grow()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    # Current notices are ordered by priority first: that set (current; on the home page pinned or urgent)
    # is sorted, but read from the notices table, never from the page tree.
    sorted_on_purpose = {"home notices", "notices current"}
    # (The statistics are rolled back with the test's transaction.)
    for name, listing in _listings().items():
        with CaptureQueriesContext(connection) as ctx:
            rows = listing()
        assert rows, name
        listing_plans = [
            (sql, plan) for sql, plan in _plans(ctx.captured_queries) if "wagtailcore_page" in sql
        ]
        assert listing_plans, name
        for sql, plan in listing_plans:
            scans = [step for step in plan if step.split()[:2] == ["SCAN", "wagtailcore_page"]]
            assert not scans, (name, plan, sql[:300])
            # Not a range of the page tree read through the path index: that is every page below.
            assert not any("sqlite_autoindex_wagtailcore_page_1 (path>" in s for s in plan), (name, plan)
            if name not in sorted_on_purpose and "ORDER BY" in sql:
                assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), (name, plan, sql)


def test_every_listing_lists_the_same_pages_in_the_same_order_as_the_tree_filters():
    _grow()
    # A private notice and a private document: left out by both (the tree filters' ``public()``).
    for model in (NoticePage, OfficialDocumentPage):
        page = model.objects.live().order_by("pk")[3]
        PageViewRestriction.objects.create(page=Page.objects.get(pk=page.pk), restriction_type="login")
    new, old = _listings(), _old_listings()
    for name, listing in old.items():
        expected = [page.pk for page in listing()]
        assert expected, name
        assert [page.pk for page in new[name]()] == expected, name


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's planner (EXPLAIN QUERY PLAN)")
def test_an_empty_listing_never_scans_the_page_table():
    """``ANALYZE`` writes no statistics for an empty table; SQLite would then scan every page for it."""
    for section in SectionPage.objects.live().order_by("path"):
        bulk_articles(section, 60, date(2019, 1, 1), name="Bài cũ")
    for album in AlbumPage.objects.all():
        album.delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    albums = AlbumIndexPage.objects.get()
    with CaptureQueriesContext(connection) as ctx:
        assert albums.years() == []
    for sql, plan in _plans(ctx.captured_queries):
        assert not [step for step in plan if step.split()[:2] == ["SCAN", "wagtailcore_page"]], (plan, sql)
