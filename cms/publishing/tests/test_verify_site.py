"""`verify_site`: the live site (local folder or S3) against the manifest of the last good build."""

from datetime import datetime

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from cms.core.vietnamese import VN_TZ
from cms.publishing import integrity, release
from cms.publishing.builder import build_site
from cms.publishing.models import SiteCheck

from .helpers import SITE_BUCKET, live_dir, new_article, publish

pytestmark = pytest.mark.django_db

PAGE = "hoat-dong-chuyen-mon/index.html"


def _tamper(root):
    """Change a page in place, replace the feed with a new file, delete robots.txt, add a file."""
    approved = {rel: (root / rel).read_bytes() for rel in (PAGE, "rss.xml", "robots.txt")}
    with open(root / PAGE, "r+b") as fh:  # in place: every release sharing the inode sees it
        fh.write(b"<h1>Hacked</h1>")
    (root / "rss.xml").unlink()
    (root / "rss.xml").write_bytes(b"<rss>spam</rss>")  # a new inode: older releases keep the approved bytes
    (root / "robots.txt").unlink()
    (root / "hack.html").write_bytes(b"<p>defaced</p>")
    return approved


def test_verify_site_reports_and_repairs_changed_added_and_missing_files(built_site, capsys):
    previous = live_dir()
    publish(new_article("Bài để có hai bản phát hành", "bai-hai-ban"))
    build_site(trigger="test: second release")
    root = live_dir()
    assert root != previous  # two releases sharing unchanged files through hard links
    call_command("verify_site")  # clean
    assert "khớp" in capsys.readouterr().out

    approved = _tamper(root)
    with pytest.raises(CommandError):
        call_command("verify_site")
    out = capsys.readouterr().out
    assert f"Bị sửa: {PAGE}" in out and "Bị sửa: rss.xml" in out
    assert "Bị xoá: robots.txt" in out and "Thêm: hack.html" in out
    assert len(mail.outbox) == 1 and "khác với bản đã duyệt" in mail.outbox[0].subject
    assert SiteCheck.objects.filter(clean=False).count() == 1

    inode_before = (root / PAGE).stat().st_ino
    call_command("verify_site", "--repair")
    live = release.current_dir().resolve()
    for rel, data in approved.items():
        assert (live / rel).read_bytes() == data, rel
    assert not (live / "hack.html").exists()
    if live == root:
        # Restored by writing a new file and renaming it over, never into the shared inode.
        assert (live / PAGE).stat().st_ino != inode_before
    assert "khôi phục" in mail.outbox[-1].subject
    assert len(mail.outbox[-1].to) >= 1
    call_command("verify_site")
    assert "khớp" in capsys.readouterr().out


def test_a_changed_live_manifest_cannot_hide_a_change(built_site):
    root = live_dir()
    (root / PAGE).unlink()
    (root / PAGE).write_bytes(b"<h1>Hacked</h1>")
    manifest = (root / "manifest.json").read_text()
    (root / "manifest.json").unlink()
    (root / "manifest.json").write_text(manifest.replace('"format"', '"edited": 1, "format"'))
    reports = integrity.verify()
    assert PAGE in reports[0].changed and "manifest.json" in reports[0].changed


def test_the_check_runs_daily_by_itself_and_mails_the_administrator(built_site):
    from cms.publishing.scheduler import tick

    (live_dir() / "robots.txt").unlink()
    night = datetime(2026, 12, 1, 1, 0, tzinfo=VN_TZ)
    tick(night)
    assert not SiteCheck.objects.exists()  # before 02:00 Vietnam time
    tick(night.replace(hour=2, minute=30))
    check = SiteCheck.objects.get()
    assert not check.clean and "robots.txt" in check.report
    assert any("khác với bản đã duyệt" in m.subject for m in mail.outbox)
    tick(night.replace(hour=9))
    assert SiteCheck.objects.count() == 1  # once a day


def test_verify_site_on_s3(built_site, bucket):
    build_site(trigger="test: to S3")
    bucket.put_object(Bucket=SITE_BUCKET, Key=PAGE, Body=b"<h1>Hacked</h1>")
    bucket.put_object(Bucket=SITE_BUCKET, Key="hack.html", Body=b"defaced")
    bucket.delete_object(Bucket=SITE_BUCKET, Key="robots.txt")
    reports = {r.target: r for r in integrity.verify()}
    assert reports["local"].clean
    s3 = reports["s3"]
    assert s3.changed == [PAGE] and s3.added == ["hack.html"] and s3.missing == ["robots.txt"]

    call_command("verify_site", "--repair")
    body = bucket.get_object(Bucket=SITE_BUCKET, Key=PAGE)["Body"].read()
    assert body == (live_dir() / PAGE).read_bytes()
    assert all(r.clean for r in integrity.verify())


def _shared_page(before, after):
    """An HTML page that releases ``before`` and ``after`` share (same inode: one shared folder, or a hard
    link between two versions of a folder). Listed with ``release.walk_files``, which follows the shared
    folders (``Path.rglob`` does not enter symlinked folders on Python 3.11)."""
    import os

    for rel in release.walk_files(after):
        if not rel.endswith("index.html") or not (before / rel).is_file():
            continue
        if os.path.samefile(before / rel, after / rel):
            return rel
    raise AssertionError("no shared page")


def _two_releases():
    previous = live_dir()
    publish(new_article("Bài để có hai bản phát hành", "bai-hai-ban"))
    build_site(trigger="test: second release")
    root = live_dir()
    assert root != previous
    return previous, root


def test_repair_after_an_in_place_defacement_also_cleans_the_older_releases(built_site, capsys):
    previous, root = _two_releases()
    rel = _shared_page(previous, root)
    approved = (root / rel).read_bytes()
    with open(root / rel, "ab") as fh:  # `echo x >> current/<page>`: every release sharing the inode changes
        fh.write(b"x\n")
    assert (previous / rel).read_bytes() != approved

    call_command("verify_site", "--repair")
    assert (live_dir() / rel).read_bytes() == approved
    assert (previous / rel).read_bytes() == approved

    call_command("rollback_site")
    assert live_dir() == previous
    assert (release.current_dir() / rel).read_bytes() == approved
    capsys.readouterr()
    call_command("verify_site")
    assert "khớp" in capsys.readouterr().out


def test_a_rollback_target_is_checked_before_it_goes_live(built_site):
    previous, root = _two_releases()
    rel = _shared_page(previous, root)
    approved = (root / rel).read_bytes()
    with open(root / rel, "ab") as fh:  # defaced, and nobody repaired it
        fh.write(b"<script>alert(1)</script>\n")
    (previous / "hack.html").write_bytes(b"<p>defaced</p>")

    call_command("rollback_site")
    assert live_dir() == previous
    assert (release.current_dir() / rel).read_bytes() == approved
    assert not (release.current_dir() / "hack.html").exists()


def test_after_a_rollback_verify_site_checks_the_live_release_and_reports_nothing(built_site, capsys):
    previous, _root = _two_releases()
    call_command("rollback_site")
    assert live_dir() == previous
    capsys.readouterr()
    call_command("verify_site")  # no CommandError: the live release matches its own manifest
    out = capsys.readouterr().out
    assert "khớp" in out and "Bị sửa" not in out and "Thêm" not in out and "Bị xoá" not in out
    call_command("verify_site", "--repair")
    assert all(r.clean for r in integrity.verify())
    assert live_dir() == previous  # the repair did not undo the rollback
    assert not mail.outbox


def test_links_and_folders_nobody_published_are_reported_and_removed(built_site, tmp_path):
    """On the shared-folder layout only a folder link into ``dirs/`` is followed; any other link, and any
    folder the manifest does not list, is tampering, and the repair never deletes what a link points to."""
    import os
    import shutil

    root = live_dir()
    outside = tmp_path / "ngoai"
    shutil.copytree(root / "thong-bao", outside)  # byte-identical copy, but not a published folder
    shared = os.readlink(root / "thong-bao")
    (root / "thong-bao").unlink()
    os.symlink(outside, root / "thong-bao")  # a listed folder now served from outside dirs/
    os.symlink(shared, root / "ban-sao")  # a published shared folder linked at an address nobody published
    (root / "that").mkdir()
    (root / "that" / "a.html").write_bytes(b"<p>defaced</p>")  # a real folder nobody published
    (root / PAGE).unlink()
    os.symlink("/etc/hostname", root / PAGE)  # a listed file replaced by a link

    report = integrity.verify()[0]
    assert "thong-bao" in report.added and "ban-sao/" in report.added and "that/" in report.added
    assert "thong-bao/index.html" in report.missing
    assert PAGE in report.changed

    call_command("verify_site", "--repair")
    live = release.current_dir().resolve()
    assert not (live / "ban-sao").exists() and not (live / "that").exists()
    assert not (live / PAGE).is_symlink() and b"defaced" not in (live / PAGE).read_bytes()
    assert (outside / "index.html").exists()  # what the foreign link pointed to is left alone
    assert release.dirs_dir().joinpath(os.path.basename(shared), "index.html").exists()
    assert all(r.clean for r in integrity.verify())


def test_a_changed_manifest_part_is_repaired_and_a_changed_approved_part_is_refused(built_site):
    """The manifest's parts (one per folder, decision record 0015) are checked like the files: a part
    changed on the live site is reported and restored from the approved copy; a stored approved part that
    differs from the hash its parent lists makes the check refuse, not pass."""
    from cms.publishing.manifest import part_path

    root = live_dir()
    part = part_path("hoat-dong-chuyen-mon")
    approved = (root / part).read_bytes()
    (root / part).unlink()
    (root / part).write_bytes(approved.replace(b'"sha256":"', b'"sha256":"0', 1))
    report = integrity.verify()[0]
    assert report.changed == [part] and not report.added and not report.missing
    call_command("verify_site", "--repair")
    assert (live_dir() / part).read_bytes() == approved
    assert all(r.clean for r in integrity.verify())

    manifest, _data = integrity.approved_manifest()
    stored = integrity._part_file(manifest.parts_sha[part])
    stored.write_bytes(stored.read_bytes().replace(b"index.html", b"hacked.html", 1))
    with pytest.raises(integrity.NoApprovedManifest):
        integrity.verify()


def test_a_check_waits_for_a_running_build_and_then_sees_one_whole_release(built_site):
    """The check holds the build lock: while a build runs (here: another thread holds the lock) it does not
    start, so it never compares a release being swapped (no false alarm, no repair writing old files into
    a new release)."""
    import threading
    import time

    from cms.publishing.builder import build_lock

    building, released = threading.Event(), []

    def build():
        from django.db import connection

        try:
            with build_lock():
                building.set()
                time.sleep(0.5)
                released.append(time.monotonic())
        finally:
            connection.close()  # this thread's own connection (PostgreSQL: the advisory lock's session)

    builder_thread = threading.Thread(target=build)
    builder_thread.start()
    assert building.wait(30)
    reports = integrity.verify()  # blocks until the "build" lets go of the lock
    checked = time.monotonic()
    builder_thread.join(30)
    assert released and checked >= released[0]
    assert reports and all(report.clean for report in reports)
