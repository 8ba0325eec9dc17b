"""Issue 15: the work of a publish around its renders costs what changed, not the size of the site.

Counted, never timed: how many whole passes a publish makes over the live manifest's file list and pages
map before its release goes live, and which paths it hands to the manifest as changed. And the media files
of a publish, found from the references that changed, equal those a full listing finds (the test settings
also compare the two on every build: ``SITE_CHECK_MANIFEST_PARTS``).
"""

from datetime import date

import pytest

from cms.core.factories import ImageFactory
from cms.publishing import builder, release
from cms.publishing.builder import build_pending
from cms.publishing.manifest import Manifest
from cms.publishing.targets import local

from .helpers import live_dir, new_article, publish

pytestmark = pytest.mark.django_db


class CountingDict(dict):
    """A dict that counts the passes over all of its keys (iteration, ``keys``/``values``/``items``, and
    copies or sets made from it); lookups of one key are not counted."""

    passes = 0

    def _count(self):
        type(self).passes += 1

    def __iter__(self):
        self._count()
        return super().__iter__()

    def keys(self):
        self._count()
        return super().keys()

    def values(self):
        self._count()
        return super().values()

    def items(self):
        self._count()
        return super().items()


class FilesPasses(CountingDict):
    passes = 0


class PagesPasses(CountingDict):
    passes = 0


def _count_until_live(monkeypatch):
    """Make the live manifest's ``files`` and ``pages`` count their passes; returns a dict filled with
    the counts when the next release goes live (``LocalRelease.activate``), and the paths the builder
    hands to ``Manifest.parts`` as changed."""
    live = local.live_manifest()
    assert live._root is not None and live.media_state is not None  # remembered by this process
    live.files, live.pages = FilesPasses(live.files), PagesPasses(live.pages)
    FilesPasses.passes = PagesPasses.passes = 0
    seen = {}
    activate, parts = local.LocalRelease.activate, Manifest.parts

    def counting_activate(self):
        seen.setdefault("files", FilesPasses.passes)
        seen.setdefault("pages", PagesPasses.passes)
        return activate(self)

    def recording_parts(self, previous=None, changed=None, **kwargs):
        seen.setdefault("changed", set(changed or ()))
        return parts(self, previous=previous, changed=changed, **kwargs)

    monkeypatch.setattr(local.LocalRelease, "activate", counting_activate)
    monkeypatch.setattr(Manifest, "parts", recording_parts)
    return seen


def test_a_publish_passes_over_the_live_file_list_and_pages_once(built_site, monkeypatch):
    publish(new_article("Chuyên đề Toán lớp 4", "chuyen-de-toan-4", day=date(2026, 11, 18)))
    assert not build_pending().full  # the live manifest is now this process's, with its carried indexes

    seen = _count_until_live(monkeypatch)
    publish(new_article("Chuyên đề Tiếng Việt lớp 5", "chuyen-de-tieng-viet-5", day=date(2026, 11, 19)))
    result = build_pending()
    assert not result.full and "chuyen-de-tieng-viet-5" in " ".join(result.written)
    # One copy of each (C speed); the removed paths, touched shards, changed pages entries and the media
    # files are found from what the build rendered and dropped, not by comparing every path again.
    assert seen["files"] == 1, seen
    assert seen["pages"] == 1, seen
    # The media files of the live release are carried, not dropped and listed again: no media path is
    # handed to the manifest as changed by a publish that uses no new image.
    assert not [p for p in seen["changed"] if p.startswith("media/")]
    assert len(seen["changed"]) < 200


def test_a_removed_page_is_found_without_a_pass_over_the_file_list(built_site, monkeypatch):
    """The files linking a page that goes away come from the link index, derived by the first removal in
    the process and carried from build to build (``Manifest.linked_from``)."""
    first = publish(new_article("Thông tin cũ", "thong-tin-cu", day=date(2026, 11, 17)))
    article = publish(new_article("Thông tin gỡ xuống", "thong-tin-go-xuong", day=date(2026, 11, 18)))
    build_pending()
    first.unpublish()
    assert not build_pending().full
    seen = _count_until_live(monkeypatch)
    article.unpublish()
    result = build_pending()
    assert not result.full
    assert any("thong-tin-go-xuong" in path for path in result.deleted)
    assert not (live_dir() / "hoat-dong-chuyen-mon" / "thong-tin-go-xuong").exists()
    assert seen["files"] == 1, seen
    assert seen["pages"] == 1, seen


def _rendition_paths(image):
    return {f"media/{name}" for name in image.renditions.values_list("file", flat=True)}


def test_media_of_a_publish_follow_the_references_that_changed(built_site):
    publish(new_article("Tin khởi động", "tin-khoi-dong", day=date(2026, 11, 17)))
    assert not build_pending().full

    # A new image used by a new article: its renditions join the release, without a full build.
    image = ImageFactory(title="Học sinh trồng cây xanh", file__width=1200, file__height=675)
    article = new_article("Trồng cây xanh", "trong-cay-xanh", day=date(2026, 11, 18))
    article.cover_image, article.cover_alt = image, "Học sinh bên cây mới trồng"
    article.save()
    publish(article)
    result = build_pending()
    assert not result.full
    paths = _rendition_paths(image)
    assert paths and all((live_dir() / p).is_file() for p in paths)
    assert paths <= set(result.written)

    # A rendition made outside any build (an editor's view) of an image in use is published by the next
    # publish, as a full listing would.
    extra = image.get_rendition("max-77x77")
    publish(new_article("Tin không có ảnh", "tin-khong-co-anh", day=date(2026, 11, 19)))
    assert not build_pending().full
    assert (live_dir() / "media" / extra.file.name).is_file()

    # The only page using the image goes: every file of it leaves the release.
    article.unpublish()
    result = build_pending()
    assert not result.full
    assert paths | {f"media/{extra.file.name}"} <= set(result.deleted)
    assert not [p for p in paths if (live_dir() / p).exists()]


def test_a_rendition_deleted_between_builds_leaves_the_release(built_site):
    image = ImageFactory(title="Sân trường", file__width=1200, file__height=675)
    article = new_article("Sân trường mới", "san-truong-moi", day=date(2026, 11, 18))
    article.cover_image, article.cover_alt = image, "Học sinh bên cây mới trồng"
    article.save()
    publish(article)
    assert not build_pending().full
    extra = image.get_rendition("max-66x66")
    publish(new_article("Tin thêm", "tin-them", day=date(2026, 11, 19)))
    build_pending()
    name = extra.file.name
    assert (live_dir() / "media" / name).is_file()

    # Renditions purged (Wagtail's ``wagtail_update_image_renditions --purge-only``): the counts of the
    # rendition table show it, and the media files are listed again from every reference.
    extra.delete()
    publish(new_article("Tin sau khi xoá", "tin-sau-khi-xoa", day=date(2026, 11, 20)))
    result = build_pending()
    assert not result.full
    assert f"media/{name}" in result.deleted
    assert not (release.current_dir() / "media" / name).exists()


def test_the_media_state_is_kept_only_in_this_process(built_site):
    """A manifest read from disk (another process built it, or a restart) has no media state: its first
    publish lists the media files from every reference, and carries them from then on."""
    local._remembered.clear()
    assert local.live_manifest().media_state is None
    publish(new_article("Tin sau khởi động lại", "tin-sau-khoi-dong-lai", day=date(2026, 11, 20)))
    assert not build_pending().full
    assert local.live_manifest().media_state is not None
    assert builder.live_manifest is local.live_manifest


def test_a_big_folder_part_is_serialised_from_its_previous_bytes(built_site, monkeypatch):
    """A section's part lists one hash per article folder; a publish changes one or two of them, and only
    those members are serialised again (``manifest._encode_map``). The bytes equal a whole serialisation:
    the test settings recompute every part from scratch on each build and compare the hashes."""
    from cms.news.factories import bulk_articles
    from cms.publishing import manifest as manifest_module
    from cms.publishing.builder import build_site

    from .helpers import section

    bulk_articles(section("hoat-dong-chuyen-mon"), 80, start=date(2024, 1, 1), name="Bài lưu trữ")
    build_site(trigger="test: grown")
    monkeypatch.setattr(manifest_module, "BIG_MAP", 10)
    encoded = []
    original = manifest_module._encode_item

    def counting(key, value):
        encoded.append(key)
        return original(key, value)

    monkeypatch.setattr(manifest_module, "_encode_item", counting)
    publish(new_article("Bài khởi động", "bai-khoi-dong", day=date(2026, 11, 16)))
    assert not build_pending().full  # first time in the process: the big maps are serialised whole
    assert len(encoded) > 80

    for change in ("publish", "edit", "unpublish"):
        encoded.clear()
        if change == "publish":
            article = publish(new_article("Bài mới đăng", "bai-moi-dang", day=date(2026, 11, 17)))
        elif change == "edit":
            article.lead = "Tóm tắt đã sửa."
            publish(article)
        else:
            article.unpublish()
        result = build_pending()
        assert not result.full
        assert 0 < len(encoded) < 20, (change, len(encoded))
    part = local.live_manifest()._contents["hoat-dong-chuyen-mon/.manifest.json"]
    assert len(part["dirs"]) > 80
