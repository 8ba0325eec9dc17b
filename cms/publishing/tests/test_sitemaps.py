"""Sitemaps split per section and month (issue 15, item 1): a publish rewrites its month's part only.

A section of 40,000 articles would otherwise be one sitemap rewritten whole on every publish, near the
protocol's limit of 50,000 URLs per file; a part per year still grew with the school (about 900 addresses
a year per section at 50,000 pages). A month's part holds what the section publishes in a month.
"""

import re
from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from cms.core.school_pages import school_page
from cms.news.factories import bulk_articles
from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import is_manifest_path
from cms.publishing.outputs import page_deps, sitemap_group, sitemap_spec
from cms.publishing.renderers import sitemaps

from .helpers import live_dir, manifest, new_article, publish, rewritten, section, text

pytestmark = pytest.mark.django_db

SECTION = "hoat-dong-chuyen-mon"


def _urls(rel):
    """The addresses (``<loc>``) a sitemap or sitemap index lists."""
    return {chunk.split("</loc>")[0] for chunk in text(rel).split("<loc>")[1:]}


@pytest.fixture
def two_years():
    """Two articles of 2024 and one of 2026 in "Hoạt động chuyên môn", published before the first build."""
    return {
        "old": publish(new_article("Chuyên đề toán năm 2024", "chuyen-de-toan-2024", day=date(2024, 3, 8))),
        "old2": publish(new_article("Hội giảng năm 2024", "hoi-giang-2024", day=date(2024, 11, 20))),
        "new": publish(new_article("Chuyên đề tiếng Việt 2026", "chuyen-de-tieng-viet-2026")),
    }


def test_each_part_lists_its_months_pages_and_the_index_lists_each_part(two_years, site_dir):
    build_site(trigger="test: sitemaps")
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    march, november = _urls(f"sitemaps/{SECTION}/2024/03.xml"), _urls(f"sitemaps/{SECTION}/2024/11.xml")
    new = _urls(f"sitemaps/{SECTION}/2026/11.xml")
    assert base + two_years["old"].url in march and base + two_years["old2"].url not in march
    assert base + two_years["old2"].url in november
    assert base + two_years["new"].url in new and base + two_years["new"].url not in march | november
    assert not (live_dir() / f"sitemaps/{SECTION}.xml").exists()  # no whole-section sitemap any more
    assert not (live_dir() / f"sitemaps/{SECTION}-2024.xml").exists()  # nor one per year
    index = text("sitemap.xml")
    for part in ("2024/03", "2024/11", "2026/11"):
        assert f"<loc>{base}/sitemaps/{SECTION}/{part}.xml</loc>" in index
    # A folder per section and year: a publish's new folder versions link a year's parts, not the site's.
    assert {
        p.split("/")[1] for p in manifest()["files"] if p.count("/") == 3 and p.startswith("sitemaps/")
    } >= {SECTION}
    # Every file the index lists exists, and every part on disk is listed.
    on_disk = {p for p in manifest()["files"] if p.startswith("sitemaps/")}
    assert on_disk == {loc.removeprefix(base + "/") for loc in _urls("sitemap.xml")}


def test_publishing_rewrites_only_the_part_of_the_articles_month(two_years, site_dir):
    # Many articles earlier in the same year: the part a November publish rewrites does not list them.
    bulk_articles(section(SECTION), 60, date(2026, 1, 1), name="Bài đầu năm")
    build_site(trigger="test: sitemaps")
    before = live_dir()
    publish(new_article("Sinh hoạt chuyên môn tháng 11", "sinh-hoat-thang-11", day=date(2026, 11, 28)))
    build_pending()
    changed = rewritten(before, live_dir())
    parts = {p for p in changed if p.startswith("sitemaps/") and not is_manifest_path(p)}
    assert parts == {f"sitemaps/{SECTION}/2026/11.xml"}
    # Its size is November's: the two articles of that month, not the year's 62.
    assert len(_urls(f"sitemaps/{SECTION}/2026/11.xml")) == 2
    assert len(_urls(f"sitemaps/{SECTION}/2026/01.xml")) == 31
    # And a part of 31 pages costs the queries of a part of 2 (no query per page).
    site = Site.objects.get(is_default_site=True)
    counts = []
    for part in (f"{SECTION}-2026-11", f"{SECTION}-2026-01"):
        sitemaps.render_group(part, site, "https://x.invalid")  # per-process caches (content types) warm
        with CaptureQueriesContext(connection) as captured:
            sitemaps.render_group(part, site, "https://x.invalid")
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1], counts

    # An article whose date moves to another month leaves its old part and joins the new one.
    moved = two_years["old2"]
    moved.publication_date = date(2025, 1, 6)
    before = live_dir()
    moved.save_revision().publish()
    build_pending()
    changed = rewritten(before, live_dir())
    assert {p for p in changed if p.startswith("sitemaps/") and not is_manifest_path(p)} == {
        f"sitemaps/{SECTION}/2025/01.xml",  # written; the 2024-11 part lost its only page and went
    }
    assert not (live_dir() / f"sitemaps/{SECTION}/2024/11.xml").exists()
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    assert base + moved.url in _urls(f"sitemaps/{SECTION}/2025/01.xml")
    assert f"{SECTION}/2024/11.xml" not in text("sitemap.xml")


def test_page_deps_name_the_pages_part(two_years):
    site = Site.objects.get(is_default_site=True)
    assert sitemap_spec(f"{SECTION}-2024-03") in page_deps(two_years["old"], site)
    assert sitemap_group(two_years["new"], site) == f"{SECTION}-2026-11"
    # The section page itself and the home page: by their first publication, and the part for the rest.
    assert sitemap_group(site.root_page, site) == "trang-khac"


def test_pages_without_a_date_field_go_by_their_first_publication_in_vietnam():
    """A page of a model with no date of its own (the school's introduction pages): the Vietnam month of its
    first publication, the same in Python (``sitemap_group``) and in SQL (the rendered part)."""
    site = Site.objects.get(is_default_site=True)
    top = school_page("gioi_thieu")
    child = top.get_children().live().first()
    assert child is not None and not hasattr(child.specific_class, "sitemap_date_field")
    # 20:00 UTC on 31/12/2025 is already 1/1/2026 in Hà Nội.
    Page.objects.filter(pk=child.pk).update(first_published_at=datetime(2025, 12, 31, 20, tzinfo=UTC))
    child.refresh_from_db()
    assert sitemap_group(child, site) == f"{top.slug}-2026-01"
    body = sitemaps.render_group(f"{top.slug}-2026-01", site, "https://x.invalid").decode()
    assert f"https://x.invalid{child.url}" in body
    previous = sitemaps.render_group(f"{top.slug}-2025-12", site, "https://x.invalid") or b""
    assert child.url.encode() not in previous
    assert f"{top.slug}-2026-01" in sitemaps.groups(site)


def test_the_old_whole_section_and_yearly_addresses_are_removed_when_their_pages_are_published(two_years):
    """Before the splits, a section had ``sitemaps/<section>.xml`` and then ``sitemaps/<section>-<year>.xml``
    (specs ``sitemap:<section>``, ``sitemap:<section>-<year>``), still named in the manifest's dependencies
    of their pages: re-rendered by the next publish of one of them, each comes back empty (every page has
    a month), so the builder removes the file and the index drops its line."""
    site = Site.objects.get(is_default_site=True)
    assert sitemaps.render_group(SECTION, site, "https://x.invalid") is None
    assert sitemaps.render_group(f"{SECTION}-2024", site, "https://x.invalid") is None
    assert sitemaps.part_modified(f"{SECTION}-2024", site) == (False, None)
    assert sitemaps.render_group(f"{SECTION}-2024-03", site, "https://x.invalid") is not None
    assert sitemaps.split_group(f"{SECTION}-2024-03") == (SECTION, 2024, 3)
    assert sitemaps.split_group(f"{SECTION}-2024") == (SECTION, 2024, None)
    assert sitemaps.split_group(SECTION) == (SECTION, None, None)
    assert sitemaps.group_path(f"{SECTION}-2024-03") == f"sitemaps/{SECTION}/2024/03.xml"
    assert sitemaps.path_group(f"{SECTION}/2024/03") == f"{SECTION}-2024-03"
    assert sitemaps.group_path(f"{SECTION}-2024") == f"sitemaps/{SECTION}-2024.xml"
    assert sitemaps.path_group(f"{SECTION}-2024") == f"{SECTION}-2024"
    assert sitemaps.path_group(f"{SECTION}/2024/13") is None


# The sitemap index of an incremental build: only the re-rendered parts are computed (issue 15, item 1).


def _set_last_published(page, day):
    """Give ``page`` an older last publication (noon in Vietnam on ``day``), so every part's ``<lastmod>``
    differs and a stale one shows."""
    Page.objects.filter(pk=page.pk).update(
        last_published_at=datetime(day.year, day.month, day.day, 5, tzinfo=UTC)
    )


def _full_index(calls):
    """The index as a full build computes it now: every part from the database (``groups``), after
    checking that the build before did not (``calls``: see ``computes_only_rendered_parts``)."""
    assert calls == []  # the incremental build computed its own parts only
    site = Site.objects.get(is_default_site=True)
    index = sitemaps.render_index(site, settings.SITE_PUBLIC_URL.rstrip("/")).decode()
    calls.clear()
    return index


@pytest.fixture
def computes_only_rendered_parts(monkeypatch):
    """Fails the test if an incremental build computes every part (``groups``) instead of its own."""
    calls = []
    real = sitemaps.groups
    monkeypatch.setattr(sitemaps, "groups", lambda site: calls.append(site) or real(site))
    return calls


def test_incremental_index_equals_the_full_one_after_moves_and_unpublishing(
    two_years, site_dir, computes_only_rendered_parts
):
    # A second page in November 2024, published before ``old2``.
    earlier = publish(new_article("Dự giờ tháng 11", "du-gio-thang-11-2024", day=date(2024, 11, 5)))
    for page, day in (
        (two_years["old"], date(2024, 3, 9)),
        (earlier, date(2024, 11, 6)),
        (two_years["old2"], date(2024, 11, 21)),
    ):
        _set_last_published(page, day)
    _set_last_published(two_years["new"], date(2026, 1, 5))
    build_site(trigger="test: sitemaps")
    computes_only_rendered_parts.clear()
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    assert f"<loc>{base}/sitemaps/{SECTION}/2024/11.xml</loc><lastmod>2024-11-21</lastmod>" in text(
        "sitemap.xml"
    )

    # A new article in another section: a new part appears, the others keep their lines.
    publish(
        new_article(
            "Lễ khai giảng", "le-khai-giang-2023", section_slug="tin-tuc-su-kien", day=date(2023, 9, 5)
        )
    )
    build_pending()
    assert text("sitemap.xml") == _full_index(computes_only_rendered_parts)
    assert f"<loc>{base}/sitemaps/tin-tuc-su-kien/2023/09.xml</loc>" in text("sitemap.xml")

    # The newest page of November 2024 moves to January 2025: November's date goes back, a part appears.
    moved = two_years["old2"]
    moved.publication_date = date(2025, 1, 6)
    moved.save_revision().publish()
    build_pending()
    index = text("sitemap.xml")
    assert index == _full_index(computes_only_rendered_parts)
    assert f"<loc>{base}/sitemaps/{SECTION}/2024/11.xml</loc><lastmod>2024-11-06</lastmod>" in index
    assert f"<loc>{base}/sitemaps/{SECTION}/2025/01.xml</loc>" in index

    # Unpublishing the only page of the January 2025 part drops the part from the index.
    moved.unpublish()
    build_pending()
    index = text("sitemap.xml")
    assert f"{SECTION}/2025/01.xml" not in index
    assert index == _full_index(computes_only_rendered_parts)

    # And a full build writes the very same bytes.
    incremental = (live_dir() / "sitemap.xml").read_bytes()
    build_site(trigger="test: sitemaps")
    assert (live_dir() / "sitemap.xml").read_bytes() == incremental


def test_a_missing_or_damaged_live_index_is_computed_again_in_full(
    two_years, site_dir, computes_only_rendered_parts
):
    build_site(trigger="test: sitemaps")
    computes_only_rendered_parts.clear()  # a full build computes every part
    site = Site.objects.get(is_default_site=True)
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    publish(new_article("Hội thảo", "hoi-thao-2026"))
    live = live_dir() / "sitemap.xml"
    expected = _full_index(computes_only_rendered_parts)
    for damage in (
        "<sitemapindex><sitemap><loc>x</loc></sitemap>",
        text("sitemap.xml").replace(base, "https://truong-khac.invalid"),  # another address
        None,  # no index at all
    ):
        live.unlink(missing_ok=True)
        if damage is not None:
            live.write_text(damage, encoding="utf-8")
        assert sitemaps.previous_index(base) is None
        index = sitemaps.render_index(site, base, {f"{SECTION}-2026-11"}).decode()
        assert len(computes_only_rendered_parts) == 1  # the full computation instead
        computes_only_rendered_parts.clear()
        assert index == expected


def test_a_yearly_line_of_before_the_split_goes_when_its_part_is_rendered_again(
    two_years, site_dir, computes_only_rendered_parts
):
    """After the upgrade, the live index still lists the yearly parts, and the pages' dependencies name
    them: a publish re-renders the page's yearly part (empty) and its monthly part, and the index drops
    the yearly line and adds the monthly one, as the full computation has it."""
    build_site(trigger="test: sitemaps")
    computes_only_rendered_parts.clear()
    site = Site.objects.get(is_default_site=True)
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    live = live_dir() / "sitemap.xml"
    yearly = f"<sitemap><loc>{base}/sitemaps/{SECTION}-2026.xml</loc><lastmod>2026-11-01</lastmod></sitemap>"
    lines = live.read_text(encoding="utf-8").split("\n")
    lines.insert(2, yearly)  # "2026" sorts before "2026-11"; the reader does not need the order anyway
    live.unlink()
    live.write_text("\n".join(lines), encoding="utf-8")
    assert f"{SECTION}-2026" in sitemaps.previous_index(base)
    publish(new_article("Hội thảo", "hoi-thao-2026"))
    index = sitemaps.render_index(site, base, {f"{SECTION}-2026", f"{SECTION}-2026-11"}).decode()
    assert computes_only_rendered_parts == []  # from the live index, not the full computation
    assert f"{SECTION}-2026.xml" not in index
    assert index == _full_index(computes_only_rendered_parts)


def _index_queries(monkeypatch, build):
    """The queries of rendering ``sitemap.xml`` during ``build()``."""
    captured = []
    real = sitemaps.render_index

    def counted(*args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            result = real(*args, **kwargs)
        captured.extend(queries.captured_queries)
        return result

    monkeypatch.setattr(sitemaps, "render_index", counted)
    build()
    monkeypatch.setattr(sitemaps, "render_index", real)
    return [q["sql"] for q in captured]


def _statistics_of_a_large_school(cursor, factor=100):
    """Give SQLite's planner the statistics of a school ``factor`` times this one: ``ANALYZE`` here, then
    every table's row count and every non-unique index's rows per key multiplied (``sqlite_stat1``, reloaded
    by ``ANALYZE sqlite_schema`` as SQLite documents). In the small test world, reading a whole section by
    its path range is cheap and the planner rightly prefers it; its choice at 50,000 pages is what counts."""
    cursor.execute("ANALYZE")
    cursor.execute("SELECT tbl, idx, stat FROM sqlite_stat1")
    for table, index, stat in cursor.fetchall():
        numbers = stat.split()
        scaled = [str(int(numbers[0]) * factor)] + [
            str(int(value) * factor) if value.isdigit() and value != "1" else value for value in numbers[1:]
        ]
        cursor.execute(
            "UPDATE sqlite_stat1 SET stat = %s WHERE tbl = %s AND idx IS %s", [" ".join(scaled), table, index]
        )
    cursor.execute("ANALYZE sqlite_schema")


def _shape(sql):
    """A query without its values (times, ids): what must not change as the site grows."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def test_the_index_of_a_publish_costs_the_same_queries_whatever_the_site(
    two_years, site_dir, monkeypatch, computes_only_rendered_parts
):
    build_site(trigger="test: sitemaps")

    def publish_one(slug):
        def build():
            computes_only_rendered_parts.clear()  # the full build before computed every part
            publish(new_article(f"Bài {slug}", slug))
            build_pending()
            assert computes_only_rendered_parts == []  # the publish computed its own part only

        return build

    small = _index_queries(monkeypatch, publish_one("bai-mot"))
    assert small
    # The site grows by many pages in other years and in other sections.
    for slug in (SECTION, "tin-tuc-su-kien"):
        bulk_articles(section(slug), 60, date(2019, 1, 1), name="Bài cũ")
    build_site(trigger="test: sitemaps grown")
    large = _index_queries(monkeypatch, publish_one("bai-hai"))
    assert [_shape(sql) for sql in large] == [_shape(sql) for sql in small]

    if connection.vendor != "sqlite":
        return  # query plans are SQLite's here; PostgreSQL runs the counts above
    with connection.cursor() as cursor:
        _statistics_of_a_large_school(cursor)
        for sql in large:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plan = [row[3] for row in cursor.fetchall()]
            scans = [step for step in plan if step.startswith("SCAN ") and "wagtailcore_page" in step]
            assert not scans, (plan, sql)
            # Nor a section's path range (every page of the section, for one month's part).
            walks = [step for step in plan if "sqlite_autoindex_wagtailcore_page_1" in step]
            assert not walks, (plan, sql)


def test_a_full_build_renders_each_part_from_its_page_index_as_the_queries_do(two_years, site_dir):
    # A full build reads each part's pages from its index of every public page (one pass, not a few
    # queries per part); an incremental build queries the part. Both must write the same bytes.
    from cms.publishing.outputs import load_index
    from cms.publishing.public import public_pages

    bulk_articles(section(SECTION), 5, date(2025, 6, 1), name="Bài tháng sáu")
    site = Site.objects.get(is_default_site=True)
    index = load_index(public_pages(site, specific=False))
    parts = sitemaps.groups(site)
    assert len(parts) >= 4
    for part in [*parts, f"{SECTION}-2024", SECTION, "khong-co-muc-nay-2026-01"]:
        from_queries = sitemaps.render_group(part, site, "https://x.invalid")
        assert sitemaps.render_group(part, site, "https://x.invalid", index) == from_queries, part
    with CaptureQueriesContext(connection) as queries:
        for part in parts:
            sitemaps.render_group(part, site, "https://x.invalid", index)
    assert len(queries) == 0
