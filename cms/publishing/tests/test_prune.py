"""Issue 15, item 1: old releases are removed in the background at a cost that follows what the dropped
releases do not share with the kept ones, never the size of the site (decision record 0015, section 1).

Counted, not timed: ``release.prune()`` returns the folders it listed and the manifest parts it read.
After publishes, edits, an unpublish and a rollback, every kept release still reads completely, and a full
sweep finds nothing the incremental prune left behind.
"""

import json
import os
import time
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command

from cms.news.factories import bulk_articles
from cms.publishing import integrity, release
from cms.publishing.builder import build_pending, build_site
from cms.publishing.manifest import MANIFEST_PATH, read_tree
from cms.publishing.targets.local import LocalRelease

from .helpers import live_dir, new_article, publish, section

pytestmark = pytest.mark.django_db


def _age_manifests():
    """Time passes between two publishes: the stored manifests look as old as the next prune finds them
    (a prune leaves files written in the last second, which may belong to a build running meanwhile)."""
    aged = time.time() - 60
    for path in integrity.manifests_dir().rglob("*"):
        if path.is_file():
            os.utime(path, (aged, aged))


def _build():
    _age_manifests()
    result = build_pending()
    release.wait_for_prune()
    return result


def _reachable(kept):
    """Directory versions and stored parts a full mark from the ``kept`` releases finds."""
    versions = set()
    for name in kept:
        for folder, dirs, _files in os.walk(release.releases_dir() / name, followlinks=True):
            versions |= {Path(os.path.realpath(Path(folder) / d)).name for d in dirs}
    parts = set()
    for name in kept:
        root = json.loads((integrity.manifests_dir() / f"{name}.json").read_bytes())
        integrity._mark(root, parts)
    return versions, parts


def _stored_parts():
    return {p.stem for p in integrity.parts_dir().glob("*/*.json")}


def _assert_kept_releases_whole():
    # A publish's pages release is dropped by the prune its search release starts, within the second its
    # root was written: the root (and the parts only it lists) go with the next prune, as here.
    _age_manifests()
    release.prune()
    kept = release.list_releases()
    for name in kept:
        root = release.releases_dir() / name
        manifest, data = integrity.release_manifest(name)  # every stored part present and matching
        assert set(release.walk_files(root)) == {*manifest.files, *manifest.parts_sha, MANIFEST_PATH}, name
        assert read_tree(root) == manifest
        report = integrity.verify_local(manifest, data, root)
        assert report.clean, (name, report.lines())
    versions, parts = _reachable(kept)
    # Nothing is left that a full mark from the kept releases would not find...
    assert {p.name for p in release.dirs_dir().iterdir()} == versions
    assert _stored_parts() == parts
    assert {p.stem for p in integrity.manifests_dir().glob("*.json")} == set(kept)
    # ...so a full sweep, run now, has nothing to delete.
    swept = release.prune(full=True)
    assert swept["full"] and swept["removed"] == 0 and swept["parts_removed"] == 0, swept


def test_publishes_edits_unpublish_and_rollback_keep_every_kept_release_whole(built_site, settings):
    settings.SITE_KEEP_RELEASES = 2
    first = publish(new_article("Hội thi giáo viên dạy giỏi", "hoi-thi-gvdg", day=date(2026, 11, 20)))
    _build()
    team = "hoat-dong-doi-cong-doan"
    second = new_article("Liên đội ra quân", "lien-doi-ra-quan", section_slug=team, day=date(2026, 11, 21))
    publish(second)
    _build()
    first.title = "Hội thi giáo viên dạy giỏi cấp trường"
    first.save_revision().publish()  # an edit
    edited = _build()
    # (The last prune dropped the edit's superseded pages release, which shares every folder with the kept
    # ones; the prune before it removed the dropped publish's folders. Nothing unreachable is left:)
    assert not edited.full and not release.last_prune["full"]
    _assert_kept_releases_whole()

    second.unpublish()
    _build()
    assert not release.last_prune["full"]
    _assert_kept_releases_whole()

    before = release.live_release()
    call_command("rollback_site")  # back to the previous release; the next build is a full one
    assert release.live_release() != before
    publish(new_article("Ngày hội đọc sách", "ngay-hoi-doc-sach", day=date(2026, 11, 23)))
    rebuilt = _build()
    assert rebuilt.full
    assert not release.last_prune["full"]
    _assert_kept_releases_whole()
    publish(new_article("Giải cờ vua học sinh", "giai-co-vua", day=date(2026, 11, 24)))
    _build()
    assert not release.last_prune["full"]
    _assert_kept_releases_whole()


def _publish_twice_and_count(n):
    """Two publishes, so the release the second one's prune drops is itself a publish (not a full build);
    returns the counters of that prune."""
    for k in range(2):
        publish(new_article(f"Tin số {n}.{k}", f"tin-so-{n}-{k}", day=date(2026, 11, 10 + n + k)))
        result = _build()
        assert not result.full
    # A publish makes two releases (the pages, then the search index that follows them): the pages
    # release's root was saved within the second, which the background prune leaves alone. Counted on the
    # prune that drops it: the work of both prunes is counted.
    background = dict(release.last_prune)
    _age_manifests()
    stats = release.prune()
    assert not background["full"] and not background["full_parts"], background
    for key in ("listed", "removed", "parts_read", "parts_removed"):
        stats[key] += background[key]
    assert not stats["full"] and not stats["full_parts"], stats
    return stats


def test_a_prune_lists_the_same_folders_and_reads_the_same_parts_at_any_size(built_site, settings):
    settings.SITE_KEEP_RELEASES = 1
    small = _publish_twice_and_count(0)
    small_full = release.prune(full=True)

    # The site grows by 60 pages and a year in another section, then is rebuilt in full.
    bulk_articles(section("hoat-dong-doi-cong-doan"), 60, date(2019, 1, 1), name="Bài lưu trữ")
    build_site(trigger="test: grown")
    release.wait_for_prune()
    large = _publish_twice_and_count(3)
    large_full = release.prune(full=True)

    # The full sweep lists every folder of the kept releases and reads every part: it grew with the site.
    assert large_full["listed"] > small_full["listed"] + 60, (small_full, large_full)
    assert large_full["parts_read"] > small_full["parts_read"] + 60, (small_full, large_full)
    # The prune after a publish compares only what changed: the same work at both sizes.
    assert small["removed"] and small["parts_removed"], small
    for key in ("listed", "removed", "parts_read", "parts_removed"):
        assert large[key] == small[key], (key, small, large)
    _assert_kept_releases_whole()


def test_a_build_running_during_the_prune_keeps_its_new_folders_and_parts(built_site, settings, monkeypatch):
    """A prune (incremental, then full) runs in the middle of a build, after it stored its approved
    manifest and wrote its directory versions, before its release exists. The build's release comes out
    whole, including a manifest part it shares only with the dropped release."""
    settings.SITE_KEEP_RELEASES = 1
    article = publish(new_article("Thông báo nghỉ lễ", "thong-bao-nghi-le", day=date(2026, 11, 25)))
    with monkeypatch.context() as patched:
        patched.setattr(release, "prune_in_background", lambda **_: None)
        _build()  # two releases: the full build (to drop) and this publish
    releases = release.list_releases()  # the full build, the publish's pages and its search index
    dropped, kept = releases[0], releases[-1]
    dropped_parts = set(integrity.release_manifest(dropped)[0].parts_sha.values())
    kept_parts = set(integrity.release_manifest(kept)[0].parts_sha.values())
    article.unpublish()  # the site goes back to what the dropped release showed
    seen = {}
    original = LocalRelease.finish

    def finish_after_a_prune(self):
        if seen:  # ``activate`` calls ``finish`` again (a no-op then)
            return original(self)
        _age_manifests()
        own = sorted(release.dirs_dir().glob(f"{self.release_id}.*"))
        assert own
        seen["incremental"] = release.prune()
        seen["full"] = release.prune(full=True)
        assert all(folder.is_dir() for folder in own)
        original(self)

    monkeypatch.setattr(LocalRelease, "finish", finish_after_a_prune)
    result = _build()
    assert seen["incremental"]["removed"] and not seen["incremental"]["full"], seen
    assert seen["full"]["full"], seen
    assert release.live_release() == result.release_id and dropped not in release.list_releases()
    new_parts = set(integrity.release_manifest(result.release_id)[0].parts_sha.values())
    # The unpublish brought back parts only the dropped release listed: they were not deleted under it.
    assert (new_parts & dropped_parts) - kept_parts
    assert live_dir().name == result.release_id
    _assert_kept_releases_whole()


def test_a_part_listed_at_two_folders_stays_while_a_kept_release_lists_it(site_dir, monkeypatch):
    """Stored parts are named by their sha256, so two folders with the same content share one part. The
    dropped release lists it at ``a`` and ``b``; the kept one changed ``a`` and still lists it at ``b``,
    where both agree, so the comparison skips ``b``: the part must stay (the ``.shared`` list)."""
    from cms.publishing.manifest import Manifest, entry_for

    def save(name, files):
        manifest = Manifest(release=name, files=files)
        parts = manifest.parts()
        integrity.save_approved_manifest(name, parts[-1][2], parts)
        return parts[-1][2], manifest.parts_sha

    same = entry_for(b"same", "static")
    dropped = "20260101-000000-000000-aaaaaa"
    _root, old = save(dropped, {"a/x.txt": same, "b/x.txt": same, "c/y.txt": entry_for(b"old", "static")})
    kept = "20260102-000000-000000-bbbbbb"
    data, new = save(
        kept, {"a/x.txt": entry_for(b"new", "static"), "b/x.txt": same, "c/y.txt": entry_for(b"2", "static")}
    )
    assert old["a/.manifest.json"] == old["b/.manifest.json"] == new["b/.manifest.json"]
    monkeypatch.setattr(integrity, "_pinned", {})  # a later prune: no build of this process is storing parts
    _age_manifests()

    stats = integrity.prune_manifests({kept})
    assert not stats.get("full_parts") and stats["parts_removed"] == 1, stats
    assert not integrity._part_file(old["c/.manifest.json"]).exists()
    assert Manifest.from_bytes(data, integrity._stored_part).parts_sha == new  # every part still stored
    assert {p.name for p in integrity.manifests_dir().iterdir()} == {
        "parts",
        f"{kept}.json",
        f"{kept}.shared",
    }
