"""Issue 15, item 1: a publish costs O(changed outputs) in file operations, whatever the size of the site.

Counted, not timed: the file-system operations of the release (``BuildResult.file_ops``) for the same
kind of publish before and after the site grew; old releases and unreachable shared folders are removed
in the background, and every kept release stays complete.
"""

import hashlib
import os
import time
from datetime import date
from pathlib import Path

import pytest

from cms.news.factories import bulk_articles
from cms.publishing import integrity, release
from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import MANIFEST_PATH, is_manifest_path, read_tree

from .helpers import live_dir, manifest, new_article, publish, search_index_text, section, text

pytestmark = pytest.mark.django_db


def _grow(section_page, count, start):
    bulk_articles(section_page, count, start, name="Bài lưu trữ")


def _intact(root):
    manifest = read_tree(root)  # the root and every part, each checked against its parent's hash
    on_disk = set(release.walk_files(root)) - {MANIFEST_PATH}
    assert on_disk == set(manifest.files) | set(manifest.parts_sha)
    for rel, entry in manifest.files.items():
        assert hashlib.sha256((root / rel).read_bytes()).hexdigest() == entry["sha256"], rel


def test_a_publish_costs_the_same_file_operations_at_any_size(built_site):
    # November 2026 gets its sitemap part first (sitemaps are per month): the two publishes compared
    # below then both add to an existing part, and neither adds a line to the sitemap index.
    publish(new_article("Hội giảng cấp trường đợt 0", "hoi-giang-dot-0", day=date(2026, 11, 19)))
    build_pending()
    publish(new_article("Hội giảng cấp trường đợt 1", "hoi-giang-dot-1", day=date(2026, 11, 20)))
    small = build_pending()
    assert not small.full
    small_manifest = _manifest_written(small)

    # The site grows by whole years of articles in another section, then is rebuilt in full.
    _grow(section("hoat-dong-doi-cong-doan"), 60, start=date(2019, 1, 1))
    grown = build_site(trigger="test: grown")
    assert len(grown.files) > len(built_site.files) + 60

    publish(new_article("Hội giảng cấp trường đợt 2", "hoi-giang-dot-2", day=date(2026, 11, 21)))
    large = build_pending()
    assert not large.full
    large_manifest = _manifest_written(large)
    assert large.written and len(large.written) == len(small.written)
    # Same files written and folders made; the growth (60 pages, a new year) is invisible to a publish.
    # The few extra links come from entries the *first* article added to the folders this publish touches
    # again (its folder in the section, its search fragment) and from the new year's search shard folder.
    assert large.file_ops["write"] == small.file_ops["write"]
    assert large.file_ops["mkdir"] == small.file_ops["mkdir"]
    assert 0 <= large.file_ops["link"] - small.file_ops["link"] <= 1, (small.file_ops, large.file_ops)
    assert 0 <= large.file_ops["symlink"] - small.file_ops["symlink"] <= 2, (small.file_ops, large.file_ops)
    _intact(release.current_dir().resolve())
    # The manifest: the same number of parts rewritten, of about the same bytes, while the whole
    # manifest grew by the 60 pages (issue 15: "partition the manifest so only touched parts are
    # rewritten").
    assert large_manifest["parts"] == small_manifest["parts"], (small_manifest, large_manifest)
    assert large_manifest["bytes"] <= 1.2 * small_manifest["bytes"], (small_manifest, large_manifest)
    assert large_manifest["whole"] > 1.3 * small_manifest["whole"], (small_manifest, large_manifest)
    assert large_manifest["bytes"] < large_manifest["whole"] / 3


def _manifest_written(result):
    """Manifest parts a build wrote (the root excluded), their bytes, and the bytes of the whole manifest."""
    root = release.current_dir().resolve()
    parts = [p for p in result.written if is_manifest_path(p) and p != MANIFEST_PATH]
    whole = sum((root / p).stat().st_size for p in [MANIFEST_PATH, *read_tree(root).parts_sha])
    return {"parts": len(parts), "bytes": sum((root / p).stat().st_size for p in parts), "whole": whole}


def test_old_releases_go_in_the_background_and_kept_ones_stay_whole(built_site, settings):
    settings.SITE_KEEP_RELEASES = 2
    first = set(read_tree(release.current_dir().resolve()).parts_sha.values())
    for n in range(3):
        publish(new_article(f"Tin ngắn số {n}", f"tin-ngan-so-{n}", day=date(2026, 11, 10 + n)))
        build_pending()
    release.wait_for_prune()
    kept = release.list_releases()
    assert len(kept) == 2 and release.live_release() == kept[-1]
    for name in kept:
        _intact(release.releases_dir() / name)
    # Every shared folder left is used by a kept release.
    used = set()
    for name in kept:
        for folder, dirs, _files in os.walk(release.releases_dir() / name, followlinks=True):
            used |= {Path(os.path.realpath(Path(folder) / d)).name for d in dirs}
    assert {p.name for p in release.dirs_dir().iterdir()} <= used
    # The approved manifests outside the served folder: kept ones load whole (every part checked against
    # its hash), the parts only the removed releases used are gone. A prune leaves files younger than
    # itself (a build may be storing them): here they are aged, as the next publish's prune would find them.
    aged = time.time() - 60
    for path in integrity.manifests_dir().rglob("*.json"):
        os.utime(path, (aged, aged))
    release.prune()
    kept_parts = set()
    for name in kept:
        kept_parts |= set(integrity.release_manifest(name)[0].parts_sha.values())
    assert first - kept_parts
    assert not {d for d in first - kept_parts if integrity._part_file(d).exists()}


def test_a_publish_parses_only_the_changed_pages_of_its_search_shard(built_site, monkeypatch):
    """Re-indexing a year's shard after a publish reads the pages that changed, not the whole year: the
    others' records come from the records cache (``search.RecordsCache``), and both are found."""
    from cms.publishing import search_index

    old = publish(new_article("Hội thảo đổi mới phương pháp", "hoi-thao-doi-moi", day=date(2026, 11, 20)))
    build_pending()
    parsed = []
    original = search_index.extract_all

    def counting(html, url):
        parsed.append(url)
        return original(html, url)

    monkeypatch.setattr(search_index, "extract_all", counting)
    new = publish(new_article("Chuyên đề toán tuổi thơ", "chuyen-de-toan-tuoi-tho", day=date(2026, 11, 21)))
    result = build_pending()
    shard_pages = [p for p, e in manifest()["files"].items() if e.get("shard") == "2026"]
    assert new.url_path.endswith("/chuyen-de-toan-tuoi-tho/")
    assert any(url.endswith("/chuyen-de-toan-tuoi-tho/") for url in parsed)
    assert not any(url.endswith("/hoi-thao-doi-moi/") for url in parsed), parsed
    assert len([u for u in parsed if u]) < len(shard_pages)
    assert result.written
    index = search_index_text()
    assert "/hoi-thao-doi-moi/" in index and "/chuyen-de-toan-tuoi-tho/" in index
    assert old.live


def test_an_article_publish_keeps_the_document_and_notice_lists_without_reading_them(built_site, monkeypatch):
    """The public JSON lists of documents and notices read every document or notice: an article's publish
    keeps them (their hooks are not run, their files stay); a document's publish rewrites the documents'
    list with it."""
    from cms.documents import static_files as document_files
    from cms.documents.factories import OfficialDocumentPageFactory
    from cms.notices import static_files as notice_files

    calls = []
    for module, name in ((document_files, "documents_json"), (notice_files, "notices_json")):
        original = getattr(module, name)

        def counted(site, original=original, name=name):
            calls.append(name)
            return original(site)

        monkeypatch.setattr(module, name, counted)
    lists = ("du-lieu/van-ban.json", "du-lieu/thong-bao.json")
    before = {path: text(path) for path in lists}

    publish(new_article("Ngày hội đọc sách", "ngay-hoi-doc-sach", day=date(2026, 11, 22)))
    result = build_pending()
    assert calls == []
    assert not set(lists) & set(result.written)
    assert {path: text(path) for path in lists} == before  # kept in the new release, unchanged
    assert "/ngay-hoi-doc-sach/" in text("api/v1/tin-moi.json")  # the articles' own list did change

    document = OfficialDocumentPageFactory(title="Quyết định thành lập câu lạc bộ đọc sách", publish=False)
    document.save_revision().publish()
    result = build_pending()
    assert calls == ["documents_json"]
    assert "du-lieu/van-ban.json" in result.written
    assert "Quyết định thành lập câu lạc bộ đọc sách" in text("du-lieu/van-ban.json")
    assert text("du-lieu/thong-bao.json") == before["du-lieu/thong-bao.json"]


def test_a_pupil_added_to_a_class_is_shown_by_given_name_in_every_years_index(built_site):
    """Pages of two years name a person in full; she then joins a class (a pupil: the school shows pupils
    by given name). The next build, whatever it publishes, re-indexes both years: no shard keeps the name."""
    from editorial.factories import UserFactory
    from editorial.models import ClassMembership, SchoolClass, SchoolYear

    for slug, day in (("giai-thuong-2025", date(2025, 3, 2)), ("giai-thuong-2026", date(2026, 11, 2))):
        publish(
            new_article(f"Em Trịnh Khả Vy đạt giải {day.year}", slug, day=day, body="Trịnh Khả Vy, lớp 1A.")
        )
        build_pending()
    assert "Trịnh Khả Vy" in search_index_text()

    year = SchoolYear.objects.current()
    school_class = SchoolClass.objects.get(school_year=year, name="1A")
    pupil = UserFactory(last_name="Trịnh Khả", first_name="Vy")
    ClassMembership.objects.create(school_class=school_class, user=pupil, school_year=year)
    publish(new_article("Lịch thi đấu bóng đá", "lich-thi-dau-bong-da", day=date(2026, 11, 23)))
    build_pending()
    index = search_index_text()
    assert "Trịnh Khả Vy" not in index
    assert "/giai-thuong-2025/" in index and "/giai-thuong-2026/" in index


def test_making_a_document_private_takes_it_off_the_site_and_its_list(built_site):
    """Wagtail's privacy dialog saves a view restriction: the document leaves its page, the documents'
    JSON list, the sitemap and the search at the next build, like an unpublish."""
    from wagtail.models import PageViewRestriction

    from cms.documents.factories import OfficialDocumentPageFactory

    document = OfficialDocumentPageFactory(title="Kế hoạch kiểm tra nội bộ bản riêng", publish=False)
    document.save_revision().publish()
    build_pending()
    assert "Kế hoạch kiểm tra nội bộ bản riêng" in text("du-lieu/van-ban.json")
    PageViewRestriction.objects.create(page=document, restriction_type=PageViewRestriction.LOGIN)
    result = build_pending()
    assert result is not None  # the restriction scheduled a build by itself
    assert "Kế hoạch kiểm tra nội bộ bản riêng" not in text("du-lieu/van-ban.json")
    assert "Kế hoạch kiểm tra nội bộ bản riêng" not in search_index_text()
    assert not (live_dir() / document.url.strip("/") / "index.html").exists()
