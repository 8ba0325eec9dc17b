"""Readers never see a half-built site: a failed or killed build leaves the previous release served."""

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from wagtail import hooks

from cms.publishing import release
from cms.publishing.builder import build_pending, build_site
from cms.publishing.models import PendingChange, SiteBuild
from tests.support.static_server import StaticSiteServer

from .helpers import live_dir, new_article, publish, sqlite_file_copy, text

pytestmark = pytest.mark.django_db

PROJECT = Path(settings.BASE_DIR)


def _broken_files(site):
    raise RuntimeError("Không đọc được danh mục văn bản")


def _assert_intact(release_dir):
    """Every file the release's manifest lists is there with the recorded hash."""
    from cms.publishing.manifest import read_tree

    manifest = read_tree(release_dir)  # the root and every part (each checked against its parent's hash)
    for rel, entry in manifest.files.items():
        data = (release_dir / rel).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], rel


def test_a_failing_output_publishes_everything_else_and_says_why(
    built_site, django_capture_on_commit_callbacks
):
    """One failing source (a data-file hook here) never freezes the site: the rest goes live, the build is
    partial and recorded; the administrator is told once."""
    from django.core import mail

    title = "Thông báo lịch họp phụ huynh học kỳ I"
    with hooks.register_temporarily("register_static_files", _broken_files):
        with django_capture_on_commit_callbacks(execute=True):
            publish(new_article(title, "thong-bao-lich-hop-phu-huynh"))
        build_site(trigger="test: broken again")

    assert title in text("index.html")
    partial = SiteBuild.objects.filter(status=SiteBuild.Status.PARTIAL)
    assert partial.count() == 2
    assert all("Không đọc được danh mục văn bản" in build.error for build in partial)
    assert not PendingChange.objects.exists()  # not retried forever
    assert len(mail.outbox) == 1 and "chưa trọn vẹn" in mail.outbox[0].subject  # the same failure: one mail
    _assert_intact(live_dir())


def test_a_failing_build_keeps_the_previous_site_and_retries_a_bounded_number_of_times(
    built_site, monkeypatch, django_capture_on_commit_callbacks
):
    from cms.publishing.builder import MAX_ATTEMPTS
    from cms.publishing.targets.local import LocalRelease

    live = release.live_release()
    title = "Thông báo lịch họp phụ huynh học kỳ II"

    def broken_activate(self):
        raise OSError("Ổ đĩa đầy")

    with monkeypatch.context() as patched:
        patched.setattr(LocalRelease, "activate", broken_activate)
        with django_capture_on_commit_callbacks(execute=True):
            publish(new_article(title, "thong-bao-lich-hop-phu-huynh-ky-2"))
    assert release.live_release() == live
    assert title not in text("index.html")
    release.wait_for_prune()
    assert not list(release.releases_dir().glob(".building-*"))
    failed = SiteBuild.objects.filter(status=SiteBuild.Status.FAILED)
    assert failed.count() == 1 and "Ổ đĩa đầy" in failed.get().error
    _assert_intact(live_dir())

    # Still pending: the next build publishes it.
    assert PendingChange.objects.exists()
    build_pending()
    assert title in text("index.html")

    # A change whose builds keep failing is dropped after MAX_ATTEMPTS, so later approvals are not held back.
    with monkeypatch.context() as patched:
        patched.setattr(LocalRelease, "activate", broken_activate)
        publish(new_article("Bài lỗi mãi", "bai-loi-mai"))
        for _ in range(MAX_ATTEMPTS):
            with pytest.raises(OSError):
                build_pending()
    assert not PendingChange.objects.exists()


CHILD = textwrap.dedent(
    """
    import os, sys, time
    import django
    django.setup()
    from cms.publishing.targets import local

    # Stop inside the build, after a few files of the new release are written, so the parent can kill it.
    original, written = local.LocalRelease.write, []
    def write_then_stall(self, rel, data):
        original(self, rel, data)
        written.append(rel)
        if len(written) == 3:
            print("MIDWAY", self.path, flush=True)
            time.sleep(120)
    local.LocalRelease.write = write_then_stall
    from cms.publishing.builder import build_site
    build_site(trigger="killed")
    """
)


@pytest.mark.skipif(
    os.environ.get("PORTAL_TEST_DB") == "postgres",
    reason="the child gets a file copy of the SQLite test database; the release swap under test is the same",
)
def test_a_build_killed_midway_leaves_the_previous_release_served(built_site, tmp_path):
    live = release.live_release()
    db_copy = sqlite_file_copy(tmp_path / "portal.sqlite3")  # the child opens a file copy of this test's DB
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.dev",
        "PORTAL_SQLITE_PATH": str(db_copy),
        "PORTAL_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PORTAL_SITE_DIR": str(settings.SITE_OUTPUT_DIR),
        # A new public address changes feeds, sitemaps and robots.txt, so the child has files to write.
        "PORTAL_PUBLIC_URL": "https://thnk.example.edu.vn",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("MIDWAY"), child.stderr.read()
        building = Path(line.split(maxsplit=1)[1].strip())
        # The files written so far sit in this build's own directory versions (dirs/<release>.<n>/).
        half_built = list(release.dirs_dir().glob(building.name.removeprefix(".building-") + ".*"))
        assert building.is_dir() and half_built
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()

    assert release.live_release() == live
    _assert_intact(live_dir())
    assert "https://thnk.example.edu.vn" not in text("robots.txt")
    with StaticSiteServer() as base_url:
        with urllib.request.urlopen(base_url + "/") as response:
            assert response.status == 200
            assert "Tin mới" in response.read().decode()

    # The next build succeeds and clears the abandoned folder.
    build_site(trigger="test: after kill")
    assert release.live_release() != live
    release.wait_for_prune()
    assert not building.exists()
    assert not any(folder.exists() for folder in half_built)
