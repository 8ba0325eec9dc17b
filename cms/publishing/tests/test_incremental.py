"""Incremental builds: one change rewrites only the outputs that show it, however big the site."""

from datetime import date

import feedparser
import pytest
from django.core.management import call_command
from wagtail.models import Page

from cms.publishing import release
from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import MANIFEST_PATH, is_manifest_path, part_path, read_tree
from cms.publishing.models import SiteBuild

from .helpers import live_dir, manifest, new_article, publish, rewritten, search_index_text, section, text

pytestmark = pytest.mark.django_db

SECTION = "hoat-dong-chuyen-mon"
TITLE = "Tổ 2 dạy thử chuyên đề “Em yêu khoa học”"
SLUG = "to-2-day-thu-chuyen-de-em-yeu-khoa-hoc"


def _expected_for_article(section_slug, slug, year, month):
    return {
        f"{section_slug}/{slug}/index.html",
        f"{section_slug}/index.html",
        f"{section_slug}/luu-tru/{year}/{month:02d}/index.html",
        f"{section_slug}/luu-tru/{year}/index.html",
        f"{section_slug}/rss.xml",
        f"{section_slug}/atom.xml",
        f"sitemaps/{section_slug}/{year}/{month:02d}.xml",  # the part of the article's month only
        "index.html",
        "rss.xml",
        "atom.xml",
        "api/v1/tin-moi.json",  # the latest-news JSON lists it too
        "manifest.json",
    }


def test_publishing_one_article_rewrites_only_what_shows_it(built_site, django_capture_on_commit_callbacks):
    before = live_dir()
    with django_capture_on_commit_callbacks(execute=True):  # the signal -> task -> build path
        publish(new_article(TITLE, SLUG))
    after = live_dir()
    assert after != before

    changed = rewritten(before, after)
    # The manifest is a hash tree of parts (decision record 0015): only the parts of the folders holding
    # a rewritten file and their parent folders' parts are rewritten.
    parts = {p for p in changed if is_manifest_path(p) and p != MANIFEST_PATH}
    folders = {"/".join(p.split("/")[:n]) for p in changed - parts for n in range(1, p.count("/") + 1)}
    assert parts and parts <= {part_path(f) for f in folders}, parts
    assert len(parts) < len(read_tree(after).parts_sha) / 2  # the other parts are carried over
    search = {p for p in changed if p.startswith("chi-muc/")}
    assert search, "the search index must include the new article"
    # The sitemap index changes only if a section's last-modified date moved.
    assert changed - parts - search - {"sitemap.xml"} == _expected_for_article(SECTION, SLUG, 2026, 11)
    build = SiteBuild.objects.first()
    assert build.status == SiteBuild.Status.SUCCESS and not build.full and build.pages == 1
    assert build.files_written == len(changed)
    assert TITLE in text(f"{SECTION}/index.html")
    assert TITLE in text(f"{SECTION}/luu-tru/2026/11/index.html")
    assert TITLE in text("index.html")
    assert TITLE in search_index_text()

    # Another section's article touches nothing of this section.
    before = after
    publish(
        new_article("Liên đội phát động kế hoạch nhỏ", "lien-doi-ke-hoach-nho", "hoat-dong-doi-cong-doan")
    )
    build_pending()
    changed = rewritten(before, live_dir())
    assert not {p for p in changed if p.startswith(SECTION + "/")}
    assert "hoat-dong-doi-cong-doan/index.html" in changed


@pytest.fixture
def pro_article():
    """A published article of "Hoạt động chuyên môn" (the world has none there), before ``built_site``."""
    return publish(new_article("Tổ 1 sinh hoạt chuyên môn theo nghiên cứu bài học", "to-1-sinh-hoat"))


def test_unpublishing_removes_the_article_everywhere(pro_article, built_site):
    article = section().articles().first()
    assert article.pk == pro_article.pk
    url_path = article.url.strip("/") + "/index.html"
    title = article.title
    day = article.publication_date
    assert (release.current_dir() / url_path).exists()
    assert title in search_index_text()

    article.unpublish()
    result = build_pending()

    assert not result.full
    assert url_path in result.deleted
    assert not (release.current_dir() / url_path).exists()
    everything = [
        f"{SECTION}/index.html",
        "index.html",
        "rss.xml",
        "atom.xml",
        f"{SECTION}/rss.xml",
        "api/v1/tin-moi.json",
    ]
    # The archive and sitemap part of its month go with their only article, or no longer list it.
    sitemap = f"sitemaps/{SECTION}/{day.year}/{day.month:02d}.xml"
    for rel in (f"{SECTION}/luu-tru/{day.year}/{day.month:02d}/index.html", sitemap):
        if (release.current_dir() / rel).exists():
            everything.append(rel)
    for rel in everything:
        assert title not in text(rel), rel
    assert sitemap in everything or sitemap not in text("sitemap.xml")
    if sitemap in everything:
        assert article.url not in text(sitemap)
    assert all(title != e.title for e in feedparser.parse(text("rss.xml")).entries)
    assert title not in search_index_text()
    assert url_path not in manifest()["files"]


def test_changing_the_date_moves_the_article_between_month_archives(built_site):
    article = publish(new_article(TITLE, SLUG, day=date(2026, 10, 15)))
    build_pending()
    assert TITLE in text(f"{SECTION}/luu-tru/2026/10/index.html")

    article.publication_date = date(2026, 11, 20)
    publish(article)
    result = build_pending()
    assert TITLE in text(f"{SECTION}/luu-tru/2026/11/index.html")
    october = release.current_dir() / f"{SECTION}/luu-tru/2026/10/index.html"
    assert not october.exists() or TITLE not in october.read_text(encoding="utf-8")
    assert f"{SECTION}/luu-tru/2026/11/index.html" in result.written


def test_moving_and_deleting_an_article(built_site, django_capture_on_commit_callbacks):
    article = publish(new_article(TITLE, SLUG))
    build_pending()
    target = section("tin-tuc-su-kien")
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=article.pk).move(target, pos="last-child")
    # The old address keeps working: Wagtail's redirect becomes a redirect page (issue 10), not the article.
    old = text(f"{SECTION}/{SLUG}/index.html")
    assert f'<meta http-equiv="refresh" content="0; url=/tin-tuc-su-kien/{SLUG}/">' in old
    assert TITLE not in old
    assert TITLE in text(f"tin-tuc-su-kien/{SLUG}/index.html")
    assert TITLE in text("tin-tuc-su-kien/index.html")
    assert TITLE not in text(f"{SECTION}/index.html")

    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=article.pk).delete()
    assert not (release.current_dir() / f"tin-tuc-su-kien/{SLUG}/index.html").exists()
    assert not (release.current_dir() / f"{SECTION}/{SLUG}/index.html").exists()  # its redirect went too
    assert TITLE not in text("tin-tuc-su-kien/index.html")
    assert TITLE not in text("rss.xml")
    assert TITLE not in search_index_text()


def test_a_full_build_without_changes_writes_only_the_manifest(built_site):
    before = live_dir()
    result = build_site(trigger="test: again")
    assert result.written == ["manifest.json"]
    assert rewritten(before, live_dir()) == {"manifest.json"}


def test_the_first_build_after_the_manifest_upgrade_stays_incremental(built_site):
    """A live release with a format-2 manifest (one file listing everything, before decision record 0015's
    parts) is read as such: the next publish is incremental and writes the whole tree of parts."""
    import json

    root = live_dir()
    whole = read_tree(root).whole()
    (root / MANIFEST_PATH).unlink()
    (root / MANIFEST_PATH).write_text(json.dumps({**whole, "format": 2}))
    publish(new_article(TITLE, SLUG))
    result = build_pending()
    assert not result.full
    assert TITLE in text(f"{SECTION}/index.html")
    after = read_tree(live_dir())
    outputs = set(result.written) - set(after.parts_sha) - {MANIFEST_PATH}
    assert set(after.files) == (set(whole["files"]) - set(result.deleted)) | outputs
    assert set(after.parts_sha) <= set(result.written)  # the old format had no parts: all written once
    assert str(section().get_children().last().pk) in after.pages


def test_section_listing_is_capped_and_archives_keep_the_rest(built_site):
    home = section()
    for n in range(home.LISTING_COUNT + 2):
        publish(new_article(f"Bài số {n} của Tổ 2", f"bai-so-{n}-to-2", day=date(2026, 9, 1 + n)))
    build_pending()
    listing = text(f"{SECTION}/index.html")
    assert listing.count('class="card"') == home.LISTING_COUNT
    assert "Bài số 0 của Tổ 2" not in listing  # the oldest ones moved off the section page...
    assert "Bài số 0 của Tổ 2" in text(f"{SECTION}/luu-tru/2026/09/index.html")  # ...but stay reachable
    assert f"/{SECTION}/luu-tru/2026/09/" in listing
    # The year's page is a month index: September with its count, linked to its page.
    year_page = text(f"{SECTION}/luu-tru/2026/index.html")
    assert f'<a href="/{SECTION}/luu-tru/2026/09/">Tháng 9/2026</a>' in year_page
    assert f"({home.LISTING_COUNT + 2} bài)" in year_page


def test_build_site_command_reports_files_and_time(built_site, capsys):
    call_command("build_site")
    out = capsys.readouterr().out
    assert "Đã dựng bản" in out and "ghi mới 1" in out and "giây" in out

    live = release.live_release()
    call_command("rollback_site")
    assert release.live_release() < live
    # The next publish rebuilds everything on top of the rolled-back release.
    publish(new_article(TITLE, SLUG))
    assert build_pending().full


def test_renaming_a_section_rebuilds_every_page_menu(pro_article, built_site):
    renamed = section()
    renamed.title = "Chuyên môn – Nghiệp vụ"
    publish(renamed)
    result = build_pending()
    assert result.full
    article = section().articles().first()
    assert "Chuyên môn – Nghiệp vụ" in text(article.url.strip("/") + "/index.html")
    assert "Chuyên môn – Nghiệp vụ" in text("404.html")


def test_an_old_articles_title_edit_updates_its_month_page_and_a_new_article_the_years_count(built_site):
    """The year's page counts articles per month and the month's page lists their titles
    (``SectionPage.static_routes_for``): an edit of an old article rewrites its month's page and leaves the
    year's page the same bytes; one more article in that month rewrites the year's count."""
    old = publish(new_article(TITLE, SLUG, day=date(2024, 5, 10)))
    build_pending()
    month, year = f"{SECTION}/luu-tru/2024/05/index.html", f"{SECTION}/luu-tru/2024/index.html"
    assert TITLE in text(month) and "(1 bài)" in text(year)

    before = live_dir()
    old.title = "Tổ 2 dạy thử chuyên đề (đã sửa tiêu đề)"
    publish(old)
    build_pending()
    changed = rewritten(before, live_dir())
    assert "Tổ 2 dạy thử chuyên đề (đã sửa tiêu đề)" in text(month) and TITLE not in text(month)
    assert month in changed and year not in changed

    before = live_dir()
    publish(new_article("Bài thứ hai của tháng 5", "bai-thu-hai-thang-5-2024", day=date(2024, 5, 20)))
    build_pending()
    assert "(2 bài)" in text(year) and year in rewritten(before, live_dir())
