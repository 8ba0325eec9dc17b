"""Issue 15, item 3: full builds stream their files into the release and render on every core.

Counted, not timed: how many rendered bytes wait to be written at any moment, and which processes
rendered. Worker processes open their own database connections, so they only see committed data: the
parallel build runs in a child process on a committed copy of the test world (a file copy of the SQLite
database, or the PostgreSQL test database itself, whose world is committed at session start).
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from cms.news.models import ArticlePage
from cms.publishing import builder, parallel, release
from cms.publishing.builder import build_site
from cms.publishing.manifest import is_manifest_path, read_tree
from cms.publishing.targets.local import LocalRelease

from .helpers import sqlite_file_copy

pytestmark = pytest.mark.django_db

PROJECT = Path(settings.BASE_DIR)


def test_outputs_are_written_as_they_are_rendered_not_held_until_the_end(
    warm_renditions, site_dir, monkeypatch
):
    """At any moment the build holds at most one chunk of rendered outputs; the rest is on disk."""
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 5)
    pending, held = {}, {"bytes": 0, "max_bytes": 0, "max_files": 0, "total_bytes": 0, "total_files": 0}
    render, write = builder.render_source, LocalRelease.write

    def counting_render(source, ctx):
        output = render(source, ctx)
        for path, data in output.items():
            pending[path] = len(data)
            held["bytes"] += len(data)
            held["total_bytes"] += len(data)
            held["total_files"] += 1
        held["max_bytes"] = max(held["max_bytes"], held["bytes"])
        held["max_files"] = max(held["max_files"], len(pending))
        return output

    def counting_write(self, rel, data):
        held["bytes"] -= pending.pop(rel, 0)
        return write(self, rel, data)

    monkeypatch.setattr(builder, "render_source", counting_render)
    monkeypatch.setattr(LocalRelease, "write", counting_write)
    result = build_site(trigger="test: streaming")

    assert result.workers == 1  # inside the test's transaction the build renders in this process
    assert not pending  # a first build writes every output
    assert held["total_files"] > 50, held
    # One chunk of 5 sources at a time (a source gives one file, the redirect pages a few).
    assert held["max_files"] <= 10, held
    assert held["max_bytes"] < held["total_bytes"] / 4, held


def test_small_builds_and_open_transactions_render_in_this_process(settings):
    settings.SITE_BUILD_WORKERS = 4
    assert parallel.workers_for(parallel.MIN_SOURCES - 1) == 1  # a publish: forking costs more than it saves
    assert not parallel.can_fork()  # the test's transaction is invisible to a new connection
    assert parallel.workers_for(10 * parallel.MIN_SOURCES) == 1


CHILD = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    import django
    django.setup()
    from django.test import override_settings
    from cms.news.models import ArticlePage
    from cms.publishing import parallel, release
    from cms.publishing.builder import build_site
    from cms.publishing.models import SiteBuild

    root, slug = Path(sys.argv[1]), sys.argv[2]
    parallel.MIN_SOURCES = 1  # the small world is far below the threshold of a real full build
    parallel.CHUNK_SIZE = 7

    def build(name, workers, **kwargs):
        with override_settings(SITE_OUTPUT_DIR=root / name, SITE_BUILD_WORKERS=workers):
            result = build_site(trigger="test: parallel " + name, **kwargs)
            release.wait_for_prune()
        return {
            "release": result.release_id, "workers": result.workers, "failures": result.failures,
            "hidden": result.hidden, "files": sorted(result.files), "written": result.written,
        }

    out = {}
    try:
        out["serial"] = build("serial", 1)
        out["parallel"] = build("parallel", 2)
        # One published article fails inside a worker: the build is partial, the article keeps its file.
        original = ArticlePage.get_context
        def broken(self, request, *args, **kwargs):
            if self.slug == slug:
                raise ValueError("Khối nội dung hỏng")
            return original(self, request, *args, **kwargs)
        ArticlePage.get_context = broken
        out["failing"] = build("parallel", 2)
        # In an empty folder the same article is new: it is left out with every link to it.
        out["hidden"] = build("hidden", 2)
    finally:
        SiteBuild.objects.filter(trigger__startswith="test: parallel ").delete()  # PostgreSQL: shared DB
    print("RESULT " + json.dumps(out))
    """
)


def _child_env(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.bench",
        "PORTAL_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PORTAL_SITE_DIR": str(tmp_path / "unused"),
    }
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        # The child reads the committed world of the test database (not this test's transaction).
        env.update(
            PORTAL_BENCH_DB="postgres",
            PGDATABASE=db["NAME"],
            PGUSER=db["USER"],
            PGPASSWORD=db["PASSWORD"],
            PGHOST=db["HOST"],
            PGPORT=str(db["PORT"]),
        )
        return env
    # SQLite: a file copy of the in-memory test database.
    env["PORTAL_SQLITE_PATH"] = str(sqlite_file_copy(tmp_path / "portal.sqlite3"))
    return env


def _release(root, built):
    return root / "releases" / built["release"]  # older releases are kept (SITE_KEEP_RELEASES)


def test_a_parallel_full_build_equals_a_serial_one_and_isolates_a_failing_source(warm_renditions, tmp_path):
    article = ArticlePage.objects.live().public().order_by("path").first()
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path), article.slug],
        cwd=PROJECT,
        env=_child_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = [line for line in child.stdout.splitlines() if line.startswith("RESULT ")]
    assert child.returncode == 0 and lines, child.stderr[-3000:]
    out = json.loads(lines[-1].removeprefix("RESULT "))

    # Two processes rendered; the same files, byte for byte, and the same manifest as one process.
    serial, par = out["serial"], out["parallel"]
    assert serial["workers"] == 1 and par["workers"] == 2
    assert not serial["failures"] and not par["failures"]
    assert par["files"] == serial["files"]
    one, two = _release(tmp_path / "serial", serial), _release(tmp_path / "parallel", par)
    manifest_one, manifest_two = read_tree(one).whole(), read_tree(two).whole()
    assert manifest_two["files"] == manifest_one["files"]
    assert manifest_two["pages"] == manifest_one["pages"]
    for rel in manifest_one["files"]:
        assert (two / rel).read_bytes() == (one / rel).read_bytes(), rel
    assert {rel for rel in release.walk_files(two) if not is_manifest_path(rel)} == set(manifest_two["files"])

    # A source failing in a worker: the rest is published, the article keeps its previous file.
    failing = out["failing"]
    page_source = f"page:{article.pk}"
    assert failing["workers"] == 2
    assert list(failing["failures"]) == [page_source]
    assert "Khối nội dung hỏng" in failing["failures"][page_source]
    assert failing["written"] == ["manifest.json"]  # nothing else changed
    partial = _release(tmp_path / "parallel", failing)
    assert read_tree(partial).whole()["files"] == manifest_one["files"]
    path = next(p for p, e in manifest_one["files"].items() if e["source"] == page_source)
    assert (partial / path).read_bytes() == (one / path).read_bytes()

    # The same article new to a site: left out, and no file links it.
    hidden = out["hidden"]
    assert (
        hidden["workers"] == 2
    )  # found failing in a worker; the pass that hides it runs in the build process
    assert hidden["hidden"] == [article.pk] and page_source in hidden["failures"]
    fresh = _release(tmp_path / "hidden", hidden)
    assert path not in hidden["files"]
    needle = f"/{article.slug}/".encode()
    linking = [
        rel
        for rel in release.walk_files(fresh)
        if not is_manifest_path(rel) and needle in (fresh / rel).read_bytes()
    ]
    assert not linking
