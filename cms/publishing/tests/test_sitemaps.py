"""Sitemaps split per section and year (issue 15, item 1): a publish rewrites its year's part only.

A section of 40,000 articles would otherwise be one sitemap rewritten whole on every publish, near the
protocol's limit of 50,000 URLs per file.
"""

from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from cms.core.school_pages import school_page
from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import is_manifest_path
from cms.publishing.outputs import page_deps, sitemap_group, sitemap_spec
from cms.publishing.renderers import sitemaps

from .helpers import live_dir, manifest, new_article, publish, rewritten, text

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


def test_each_part_lists_its_years_pages_and_the_index_lists_each_part(two_years, site_dir):
    build_site(trigger="test: sitemaps")
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    old = _urls(f"sitemaps/{SECTION}-2024.xml")
    new = _urls(f"sitemaps/{SECTION}-2026.xml")
    assert {base + two_years["old"].url, base + two_years["old2"].url} <= old
    assert base + two_years["new"].url in new and base + two_years["new"].url not in old
    assert not (live_dir() / f"sitemaps/{SECTION}.xml").exists()  # no whole-section sitemap any more
    index = text("sitemap.xml")
    assert f"<loc>{base}/sitemaps/{SECTION}-2024.xml</loc>" in index
    assert f"<loc>{base}/sitemaps/{SECTION}-2026.xml</loc>" in index
    # Every file the index lists exists, and every part on disk is listed.
    on_disk = {p for p in manifest()["files"] if p.startswith("sitemaps/")}
    assert on_disk == {loc.removeprefix(base + "/") for loc in _urls("sitemap.xml")}


def test_publishing_rewrites_only_the_part_of_the_articles_year(two_years, site_dir):
    build_site(trigger="test: sitemaps")
    before = live_dir()
    publish(new_article("Sinh hoạt chuyên môn tháng 11", "sinh-hoat-thang-11", day=date(2026, 11, 28)))
    build_pending()
    changed = rewritten(before, live_dir())
    parts = {p for p in changed if p.startswith("sitemaps/") and not is_manifest_path(p)}
    assert parts == {f"sitemaps/{SECTION}-2026.xml"}

    # An article whose date moves to another year leaves its old part and joins the new one.
    moved = two_years["old2"]
    moved.publication_date = date(2025, 1, 6)
    before = live_dir()
    moved.save_revision().publish()
    build_pending()
    changed = rewritten(before, live_dir())
    assert {p for p in changed if p.startswith("sitemaps/") and not is_manifest_path(p)} == {
        f"sitemaps/{SECTION}-2024.xml",
        f"sitemaps/{SECTION}-2025.xml",
    }
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    assert base + moved.url in _urls(f"sitemaps/{SECTION}-2025.xml")
    assert base + moved.url not in _urls(f"sitemaps/{SECTION}-2024.xml")


def test_page_deps_name_the_pages_part(two_years):
    site = Site.objects.get(is_default_site=True)
    assert sitemap_spec(f"{SECTION}-2024") in page_deps(two_years["old"], site)
    assert sitemap_group(two_years["new"], site) == f"{SECTION}-2026"
    # The section page itself and the home page: by their first publication, and the part for the rest.
    assert sitemap_group(site.root_page, site) == "trang-khac"


def test_pages_without_a_date_field_go_by_their_first_publication_in_vietnam():
    """A page of a model with no date of its own (the school's introduction pages): the Vietnam year of its
    first publication, the same in Python (``sitemap_group``) and in SQL (the rendered part)."""
    site = Site.objects.get(is_default_site=True)
    top = school_page("gioi_thieu")
    child = top.get_children().live().first()
    assert child is not None and not hasattr(child.specific_class, "sitemap_date_field")
    # 20:00 UTC on 31/12/2025 is already 1/1/2026 in Hà Nội.
    Page.objects.filter(pk=child.pk).update(first_published_at=datetime(2025, 12, 31, 20, tzinfo=UTC))
    child.refresh_from_db()
    assert sitemap_group(child, site) == f"{top.slug}-2026"
    body = sitemaps.render_group(f"{top.slug}-2026", site, "https://x.invalid").decode()
    assert f"https://x.invalid{child.url}" in body
    previous = sitemaps.render_group(f"{top.slug}-2025", site, "https://x.invalid") or b""
    assert child.url.encode() not in previous
    assert f"{top.slug}-2026" in sitemaps.groups(site)


def test_the_old_whole_section_address_is_removed_when_its_section_is_published(two_years):
    """Before the split, a section had ``sitemaps/<section>.xml`` (spec ``sitemap:<section>``), still named
    in the manifest's dependencies of its pages: re-rendered by the first publish there, it comes back
    empty (every page has a year), so the builder removes the file."""
    site = Site.objects.get(is_default_site=True)
    assert sitemaps.render_group(SECTION, site, "https://x.invalid") is None
    assert sitemaps.render_group(f"{SECTION}-2024", site, "https://x.invalid") is not None
