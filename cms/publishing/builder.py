"""Full build of the public static site into a new release, swapped in atomically."""

import re
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from . import release
from .models import SiteBuild
from .render import output_path_for_url, render_not_found, render_page, site_static_dirs

# Every /media/ path anywhere in the page: each candidate of a srcset list and absolute addresses
# (og:image, JSON-LD) too, not only the first URL after src=/href=/srcset=.
MEDIA_REF = re.compile(rb"""(/media/[^"'\s>,)\\]+)""")


@dataclass
class BuildResult:
    """What a build did: the release it produced and the files in it."""

    release_id: str
    files: list = field(default_factory=list)
    duration_ms: int = 0


def public_pages(site):
    """Every live page of ``site`` that anonymous visitors may see: the single rule of what is public."""
    return (
        Page.objects.live().public().descendant_of(site.root_page, inclusive=True).specific().order_by("path")
    )


def _write(root, rel, content, files):
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    files.append(rel)


def _copy_media(root, html_docs, files):
    """Copy every /media/ file the pages reference (image renditions, documents) into the release."""
    refs = set()
    for html in html_docs:
        refs.update(m.decode() for m in MEDIA_REF.findall(html))
    for url in sorted(refs):
        name = url.removeprefix("/media/")
        if not default_storage.exists(name):
            continue
        with default_storage.open(name, "rb") as src:
            _write(root, f"media/{name}", src.read(), files)


def _copy_static(root, files):
    for static_dir in site_static_dirs():
        static_dir = Path(static_dir)
        for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
            rel = f"static/{path.relative_to(static_dir).as_posix()}"
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, root / rel)
            files.append(rel)


def build_site(trigger="manual", progress=None):
    """Render every public page into a new release and make it live; returns a BuildResult.

    On any error the half-built release is discarded and the previous site stays live.
    ``progress`` is called as progress(done, total) while pages render.
    """
    record = SiteBuild.objects.create(trigger=trigger[:200])
    started = time.monotonic()
    release_id, building = release.start_release()
    files = []
    try:
        site = Site.objects.get(is_default_site=True)
        pages = list(public_pages(site))
        html_docs = []
        for done, page in enumerate(pages, start=1):
            html = render_page(page, site)
            html_docs.append(html)
            _write(building, output_path_for_url(page.get_url(current_site=site) or "/"), html, files)
            if progress:
                progress(done, len(pages))
        _write(building, "404.html", render_not_found(site), files)
        _copy_media(building, html_docs, files)
        _copy_static(building, files)
        release.activate(release_id, building)
    except Exception as exc:
        release.abandon(building)
        SiteBuild.objects.filter(pk=record.pk).update(
            status=SiteBuild.Status.FAILED,
            finished_at=timezone.now(),
            duration_ms=int((time.monotonic() - started) * 1000),
            error=f"{type(exc).__name__}: {exc}",
        )
        raise
    duration_ms = int((time.monotonic() - started) * 1000)
    SiteBuild.objects.filter(pk=record.pk).update(
        status=SiteBuild.Status.SUCCESS,
        finished_at=timezone.now(),
        release=release_id,
        files_total=len(files),
        files_written=len(files),
        duration_ms=duration_ms,
    )
    return BuildResult(release_id=release_id, files=files, duration_ms=duration_ms)


_suspended = 0


@contextmanager
def builds_suspended():
    """Skip automatic builds inside this block (bulk imports, seeding); build once afterwards."""
    global _suspended
    _suspended += 1
    try:
        yield
    finally:
        _suspended -= 1


def schedule_build(trigger):
    """Build after the current transaction commits, so the build sees the content just published."""
    if _suspended:
        return
    transaction.on_commit(lambda: _build_quietly(trigger))


def _build_quietly(trigger):
    # A failed build is recorded in SiteBuild and leaves the previous site live; the editor's
    # publish action itself must not fail because of it.
    try:
        build_site(trigger=trigger)
    except Exception:  # noqa: BLE001
        import logging

        logging.getLogger(__name__).exception("Static build failed (%s)", trigger)
