"""Issue 15: a publish in a large section does not re-link every article of it on the path to "live".

After a swap, the clean-up thread copies each large folder version the build made live into ``spares/``
(``cms.publishing.spares``); the next build renames the copy into place and edits only what changed.
Counted, not timed: the symlinks a publish makes stay flat when the section grows, and grow without
spares (the control). Every release stays whole, and a spare made for a version that is no longer live
(after a rollback) is never used and is cleaned up.
"""

import os
import time
from datetime import date

import pytest
from django.core.management import call_command

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
    assert spares.spare_name(SECTION, _section_version()) in spares.available(release.site_root())


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
    stale = spares.spare_name(SECTION, newer)
    folder = spares.spares_dir(release.site_root())
    if stale not in spares.available(release.site_root()):
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
    assert stale not in spares.available(release.site_root())  # removed by the clean-up, never used


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
