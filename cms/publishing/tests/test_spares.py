"""Issue 15: a publish in a large section does not re-link every article of it on the path to "live".

After a swap, the clean-up thread copies each large folder version the build made live into ``spares/``
(``cms.publishing.spares``); the next build renames the copy into place and edits only what changed.
Counted, not timed: the symlinks a publish makes stay flat when the section grows, and grow without
spares (the control). Every release stays whole, and a spare made for a version that is no longer live
(after a rollback) is never used and is cleaned up.
"""

import os
import shutil
import time
from datetime import date

import pytest
from django.core.management import call_command
from wagtail.rich_text import RichText

from cms.news.factories import bulk_articles
from cms.news.models import ArticlePage
from cms.publishing import release, spares
from cms.publishing.builder import build_pending, build_site

from .helpers import new_article, publish, section
from .test_scaling import _intact

pytestmark = pytest.mark.django_db

SECTION = "hoat-dong-chuyen-mon"


def _publish(title, slug, day, incremental=True):
    publish(new_article(title, slug, section_slug=SECTION, day=day))
    result = build_pending()
    release.wait_for_prune()  # the spares are made by the clean-up thread after the swap
    assert result is not None and result.full is not incremental
    return result


def _section_version():
    return os.path.basename(os.readlink(release.current_dir().resolve() / SECTION))


def _spare_of(version):
    return spares.spare_name(SECTION, version, spares.epoch(release.site_root()))


def _spares():
    return spares.Available(release.site_root()).names


def _symlinks_of_a_publish_before_and_after_growth(n):
    before = _publish(f"Tin trước {n}", f"tin-truoc-{n}", date(2026, 11, 20))
    bulk_articles(section(SECTION), 40, date(2025, 1, 1), name=f"Bài cũ {n}")
    build_site(trigger="test: grown")
    release.wait_for_prune()
    after = _publish(f"Tin sau {n}", f"tin-sau-{n}", date(2026, 11, 21))
    return before, after


def test_a_publish_in_a_grown_section_makes_as_many_links_as_before(built_site, settings):
    settings.SITE_SPARE_MIN_ENTRIES = 3
    before, after = _symlinks_of_a_publish_before_and_after_growth(1)
    # The section's new version was its spare, renamed: the 40 older articles cost no link.
    assert after.file_ops["spare"] >= 1
    assert after.file_ops["symlink"] <= before.file_ops["symlink"] + 2, (before.file_ops, after.file_ops)
    root = release.current_dir().resolve()
    _intact(root)
    assert (root / SECTION / "tin-sau-1" / "index.html").is_file()
    assert (root / SECTION / "tin-truoc-1" / "index.html").is_file()
    # A fresh spare of the new live version waits for the next publish; the used one is gone.
    assert _spare_of(_section_version()) in _spares()


def test_without_spares_the_same_publish_links_every_article(built_site, settings):
    """The control: the counts above do grow with the section when spares are off."""
    settings.SITE_SPARE_MIN_ENTRIES = 0
    before, after = _symlinks_of_a_publish_before_and_after_growth(2)
    assert after.file_ops["spare"] == 0
    assert after.file_ops["symlink"] - before.file_ops["symlink"] >= 40, (before.file_ops, after.file_ops)
    _intact(release.current_dir().resolve())


def test_an_unpublish_edits_the_copy_and_leaves_the_previous_release_whole(built_site, settings):
    settings.SITE_SPARE_MIN_ENTRIES = 3
    _publish("Tin sẽ gỡ", "tin-se-go", date(2026, 11, 20))
    previous = release.current_dir().resolve()
    ArticlePage.objects.get(slug="tin-se-go").unpublish()
    result = build_pending()
    release.wait_for_prune()
    assert result.file_ops["spare"] >= 1
    root = release.current_dir().resolve()
    assert not (root / SECTION / "tin-se-go").exists()
    _intact(root)
    # The release a reader may still be inside is untouched by the edit of the copy.
    assert (previous / SECTION / "tin-se-go" / "index.html").is_file()
    _intact(previous)


def test_a_spare_of_a_version_that_is_no_longer_live_is_never_used(built_site, settings):
    """After a rollback the section's live version is an older one. A spare of the newer version (here
    finished late by a clean-up thread that raced the rollback) holds an article the rolled-back release
    does not have: the next build must not bring it back, and the clean-up removes the spare."""
    settings.SITE_SPARE_MIN_ENTRIES = 3
    older = release.live_release()
    _publish("Tin sau đó bị lùi", "tin-bi-lui", date(2026, 11, 20))
    newer = _section_version()
    call_command("rollback_site", "--to", older, stdout=open(os.devnull, "w"))
    release.wait_for_prune()
    assert not (release.current_dir().resolve() / SECTION / "tin-bi-lui").exists()
    stale = _spare_of(newer)
    folder = spares.spares_dir(release.site_root())
    if stale not in _spares():
        folder.mkdir(exist_ok=True)
        spares._copy(release.dirs_dir() / newer, folder / stale)
    assert "tin-bi-lui" in os.listdir(folder / stale)

    # The editor withdraws the article the rollback hid, and publishes another. The first build after a
    # rollback is a full one; it goes through the same release code.
    ArticlePage.objects.get(slug="tin-bi-lui").unpublish()
    _publish("Tin sau khi lùi", "tin-sau-khi-lui", date(2026, 11, 22), incremental=False)
    root = release.current_dir().resolve()
    assert (root / SECTION / "tin-sau-khi-lui" / "index.html").is_file()
    assert not (root / SECTION / "tin-bi-lui").exists()
    _intact(root)
    assert stale not in _spares()  # removed by the clean-up, never used


def test_copies_left_by_a_killed_process_are_removed(built_site, settings, tmp_path):
    settings.SITE_SPARE_MIN_ENTRIES = 3
    folder = spares.spares_dir(release.site_root())
    folder.mkdir(exist_ok=True)
    leftover = folder / ".tmp-999999-dead"
    leftover.mkdir()
    (leftover / "index.html").write_text("nửa chừng")
    recent = folder / ".tmp-999999-recent"
    recent.mkdir()  # may be a copy being made right now by another process: left alone
    aged = time.time() - spares.STALE_TMP_S - 60
    os.utime(leftover, (aged, aged))
    _publish("Tin dọn dẹp", "tin-don-dep", date(2026, 11, 20))
    assert not leftover.exists()
    assert recent.exists()


def _edit_body(slug):
    """An editor changes only the body of an existing article: its section's listing stays the same."""
    page = ArticlePage.objects.get(slug=slug).get_latest_revision_as_object()
    page.body = [("paragraph", RichText("<p>Nội dung đã bổ sung.</p>"))]
    page.save_revision().publish()
    result = build_pending()
    release.wait_for_prune()
    return result


def test_a_file_defaced_and_repaired_does_not_come_back_through_a_spare(built_site, settings):
    """A spare hard-links the folder's files: an in-place defacement reaches it too. The repair starts a
    new epoch, so the next publish that touches the folder does not take the defaced copy."""
    settings.SITE_SPARE_MIN_ENTRIES = 3
    _publish("Tin trước khi bị phá", "tin-truoc-khi-bi-pha", date(2026, 11, 20))
    assert _spare_of(_section_version()) in _spares()
    page = release.current_dir() / SECTION / "index.html"
    approved = page.read_bytes()
    with open(page, "wb") as defaced:  # in place, as a web shell writes: the spare shares the inode
        defaced.write("<h1>Trang web đã bị xâm nhập</h1>".encode())
    call_command("verify_site", "--repair", stdout=open(os.devnull, "w"))
    assert page.read_bytes() == approved
    assert not _spares()  # every spare of the old epoch is void

    result = _edit_body("tin-truoc-khi-bi-pha")
    assert SECTION + "/index.html" not in result.written  # the listing did not change: the file is carried
    assert page.read_bytes() == approved
    call_command("verify_site", stdout=open(os.devnull, "w"))  # raises if anything differs


def test_a_link_planted_in_spares_is_never_moved_into_the_site(built_site, settings):
    """Someone who can write ``spares/`` replaces a spare with a link to the live folder version: the
    build must not write through it into the release readers are in."""
    settings.SITE_SPARE_MIN_ENTRIES = 3
    _publish("Tin có bản dự phòng", "tin-co-ban-du-phong", date(2026, 11, 20))
    live_version = _section_version()
    name = _spare_of(live_version)
    planted = spares.spares_dir(release.site_root()) / name
    shutil.rmtree(planted)
    os.symlink(release.dirs_dir() / live_version, planted)
    previous = release.current_dir().resolve()

    result = _publish("Tin sau khi cài liên kết", "tin-sau-khi-cai-lien-ket", date(2026, 11, 21))
    assert (release.current_dir() / SECTION / "tin-sau-khi-cai-lien-ket" / "index.html").is_file()
    assert result is not None
    assert not [p for p in release.dirs_dir().iterdir() if p.is_symlink()]  # no link became a "version"
    _intact(previous)  # the release a reader may still be in is untouched
    _intact(release.current_dir().resolve())


def test_spares_off_means_none_is_used(built_site, settings):
    settings.SITE_SPARE_MIN_ENTRIES = 3
    _publish("Tin khi bật", "tin-khi-bat", date(2026, 11, 20))
    assert _spare_of(_section_version()) in _spares()
    settings.SITE_SPARE_MIN_ENTRIES = 0
    result = _publish("Tin khi tắt", "tin-khi-tat", date(2026, 11, 21))
    assert result.file_ops["spare"] == 0
    _intact(release.current_dir().resolve())


def test_junk_in_place_of_the_spares_folder_does_not_stop_publishing(built_site, settings):
    settings.SITE_SPARE_MIN_ENTRIES = 3
    spares.spares_dir(release.site_root()).write_text("rác")
    result = _publish("Tin vẫn lên", "tin-van-len", date(2026, 11, 20))
    assert (release.current_dir() / SECTION / "tin-van-len" / "index.html").is_file()
    assert result.file_ops["spare"] == 0
