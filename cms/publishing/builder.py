"""The static build: full or incremental, into a new release that is swapped in atomically.

A build renders only the outputs that depend on the changed pages (see ``outputs``), compares every
file with the live release's manifest and writes only files whose bytes changed; everything else is
hard-linked from the live release. A failed or killed build never touches the live release.
"""

import fcntl
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, Site

from . import release, search
from .manifest import MANIFEST_PATH, Manifest, entry_for
from .models import PendingChange, SiteBuild
from .outputs import ALWAYS_SPECS, is_structural, own_specs, page_deps
from .public import public_pages
from .render import site_static_dirs
from .renderers import RenderContext, render_source
from .targets import s3
from .targets.local import LocalRelease, live_manifest

__all__ = ["BuildResult", "build_site", "build_pending", "builds_suspended", "public_pages", "schedule_build"]

logger = logging.getLogger(__name__)

# Every /media/ path anywhere in the page: each candidate of a srcset list and absolute addresses
# (og:image, JSON-LD) too, not only the first URL after src=/href=/srcset=.
MEDIA_REF = re.compile(rb"""(/media/[^"'\s>,)\\]+)""")
# Sources re-produced completely on every build (their old files are dropped unless produced again).
EVERY_BUILD = {"hook", "static"}


@dataclass
class BuildResult:
    """What a build did: the release it produced, its files, and which of them it wrote or removed."""

    release_id: str
    files: list = field(default_factory=list)  # every file of the release
    written: list = field(default_factory=list)  # new or changed files (manifest.json included)
    deleted: list = field(default_factory=list)
    pages: int = 0
    full: bool = True
    duration_ms: int = 0
    timings: dict = field(default_factory=dict)  # seconds per phase: render, write, search, upload


class MissingFile(Exception):
    """The live release lacks a file its manifest lists; a full build repairs it."""


# --- locking and scheduling ---------------------------------------------------------------------------


@contextmanager
def build_lock():
    """One build at a time per output folder (web process, worker and `manage.py build_site`)."""
    root = release.site_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


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


def schedule_build(trigger, pages=None):
    """Record that ``pages`` changed (None: everything) and build in the background after commit.

    The record is written in the caller's transaction, so a rolled-back publish schedules nothing; the
    background task drains every pending change in one build, so a burst of publishes coalesces.
    """
    if _suspended:
        return
    trigger = str(trigger)[:200]
    if pages is None:
        PendingChange.objects.create(page_id=None, trigger=trigger)
    else:
        ids = {p if isinstance(p, int) else p.pk for p in pages}
        if not ids:
            return
        PendingChange.objects.bulk_create([PendingChange(page_id=pk, trigger=trigger) for pk in sorted(ids)])
    transaction.on_commit(_enqueue)


def _enqueue():
    from .tasks import build_pending_changes

    build_pending_changes.enqueue()


# --- entry points -------------------------------------------------------------------------------------


def build_site(trigger="manual", progress=None):
    """Render every public output into a new release and make it live; returns a BuildResult.

    Only files whose bytes differ from the live release are written. On any error the half-built release
    is discarded, the previous site stays live and the error is recorded. ``progress(done, total)``.
    """
    with build_lock():
        last = PendingChange.objects.order_by("-pk").values_list("pk", flat=True).first()
        result = _build(trigger, None, progress)
        if last:
            PendingChange.objects.filter(pk__lte=last).delete()
        return result


def build_pending(progress=None):
    """Build once for every pending change (coalescing bursts); returns a BuildResult or None."""
    with build_lock():
        rows = list(PendingChange.objects.order_by("pk").values("pk", "page_id", "trigger"))
        if not rows:
            return None
        full = any(row["page_id"] is None for row in rows)
        page_ids = None if full else {row["page_id"] for row in rows}
        trigger = "; ".join(dict.fromkeys(row["trigger"] for row in rows))
        if len(trigger) > 200:
            trigger = trigger[:199] + "…"
        result = _build(trigger, page_ids, progress)
        # Kept on failure: the next build retries them.
        PendingChange.objects.filter(pk__lte=rows[-1]["pk"]).delete()
        return result


# --- the build ----------------------------------------------------------------------------------------


def _build(trigger, page_ids, progress):
    record = SiteBuild.objects.create(trigger=trigger[:200])
    started = time.monotonic()
    try:
        try:
            result = _build_release(page_ids, progress)
        except MissingFile as exc:
            logger.warning("Live release incomplete (%s); doing a full build", exc)
            result = _build_release(None, progress)
    except Exception as exc:
        SiteBuild.objects.filter(pk=record.pk).update(
            status=SiteBuild.Status.FAILED,
            finished_at=timezone.now(),
            duration_ms=int((time.monotonic() - started) * 1000),
            error=f"{type(exc).__name__}: {exc}"[:5000],
        )
        raise
    result.duration_ms = int((time.monotonic() - started) * 1000)
    SiteBuild.objects.filter(pk=record.pk).update(
        status=SiteBuild.Status.SUCCESS,
        finished_at=timezone.now(),
        release=result.release_id,
        full=result.full,
        pages=result.pages,
        files_total=len(result.files),
        files_written=len(result.written),
        files_deleted=len(result.deleted),
        duration_ms=result.duration_ms,
    )
    return result


def _needs_full(page_ids, old, site):
    if not old.files:
        return True
    current = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "depth"))
    for pk in page_ids:
        known = old.pages.get(str(pk))
        if known and is_structural(known["depth"], site):
            return True
        if pk in current and is_structural(current[pk], site):
            return True
    return False


def _plan_full(site, ctx):
    pages = list(public_pages(site))
    ctx.preload(pages)
    sources, pages_map = set(ALWAYS_SPECS), {}
    for page in pages:
        deps = page_deps(page, site)
        sources |= own_specs(page) | deps
        pages_map[str(page.pk)] = {"depth": page.depth, "deps": sorted(deps)}
    return sources, pages_map, len(pages)


def _plan_incremental(site, ctx, page_ids, old):
    ids = set(page_ids)
    for pk in page_ids:
        page = ctx.page(pk)
        if page is not None and page.numchild:
            # A moved or renamed page moves its descendants' addresses too.
            ids |= set(public_pages(site, specific=False).descendant_of(page).values_list("pk", flat=True))
    sources, pages_map = set(ALWAYS_SPECS), dict(old.pages)
    for pk in sorted(ids):
        known = old.pages.get(str(pk))
        if known:
            sources |= set(known["deps"])  # where it was shown before: listings, archives, feeds, sitemap
        page = ctx.page(pk)
        if page is None:
            pages_map.pop(str(pk), None)
            continue
        deps = page_deps(page, site)
        sources |= deps | own_specs(page)
        pages_map[str(pk)] = {"depth": page.depth, "deps": sorted(deps)}
    # Routes a re-rendered page no longer serves (an emptied archive, a deleted library record, a school year
    # whose material was withdrawn) are rendered again too: they come back empty, so their old files go.
    prefixes = tuple(f"route:{pk}:" for pk in ids)
    sources |= {e["source"] for e in old.files.values() if e.get("source", "").startswith(prefixes)}
    return sources, pages_map, len(ids)


def _safe_relative(path):
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or path in (MANIFEST_PATH,):
        raise ValueError(f"Đường dẫn tệp tĩnh không hợp lệ: {path!r}")
    return rel.as_posix()


def _hook_files(site):
    files = {}
    for fn in hooks.get_hooks("register_static_files"):
        for path, data in (fn(site) or {}).items():
            if isinstance(data, str):
                data = data.encode()
            files[_safe_relative(path)] = data
    return files


def _static_files():
    files = {}
    for static_dir in site_static_dirs():
        static_dir = Path(static_dir)
        for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
            files[f"static/{path.relative_to(static_dir).as_posix()}"] = path.read_bytes()
    return files


def _build_release(page_ids, progress):
    site = Site.objects.get(is_default_site=True)
    old = live_manifest()
    full = page_ids is None or _needs_full(page_ids, old, site)
    ctx = RenderContext(site, public_pages(site))
    if full:
        sources, pages_map, page_count = _plan_full(site, ctx)
    else:
        sources, pages_map, page_count = _plan_incremental(site, ctx, page_ids, old)

    clock = time.monotonic()
    timings = {}
    # 1. Render in memory everything that may have changed.
    rendered = {}  # path -> (bytes, source)
    ordered = sorted(sources)
    for done, source in enumerate(ordered, start=1):
        for path, data in render_source(source, ctx).items():
            rendered[path] = (data, source)
        if progress:
            progress(done, len(ordered))
    for path, data in _hook_files(site).items():
        rendered[path] = (data, "hook")
    for path, data in _static_files().items():
        rendered[path] = (data, "static")

    # 2. The new file list: untouched outputs of the live release plus what was just rendered.
    replaced = sources | EVERY_BUILD
    if full:
        files = {}
    else:
        files = {
            p: e for p, e in old.files.items() if e.get("source") not in replaced | {"media", "pagefind"}
        }
    for path, (data, source) in rendered.items():
        refs = shard = None
        if path.endswith(".html"):
            refs = {m.decode().removeprefix("/media/") for m in MEDIA_REF.findall(data)}
            if source.startswith(("page:", "route:")):
                # Routes are searchable too (e.g. the library's record pages under /thu-vien/sach/).
                shard = search.shard_for(ctx.page(int(source.split(":")[1])), data)
        files[path] = entry_for(data, source, refs, shard)
    for name in sorted({ref for entry in list(files.values()) for ref in entry.get("refs", ())}):
        path = f"media/{name}"
        if path in old.files:
            files[path] = old.files[path]
        elif default_storage.exists(name):
            with default_storage.open(name, "rb") as fh:
                data = fh.read()
            rendered[path] = (data, "media")
            files[path] = entry_for(data, "media")

    timings["render"] = time.monotonic() - clock
    # 3. The release folder: changed files written, unchanged ones linked from the live release.
    clock = time.monotonic()
    target = LocalRelease()
    try:
        written = _materialise(target, files, rendered, old)
        timings["write"] = time.monotonic() - clock
        clock = time.monotonic()
        written += _search_index(target, files, old, set(written))
        timings["search"] = time.monotonic() - clock
        manifest = Manifest(
            release=target.release_id,
            built_at=timezone.now().isoformat(),
            files=dict(sorted(files.items())),
            pages=pages_map,
        )
        manifest_bytes = manifest.to_bytes()
        target.write(MANIFEST_PATH, manifest_bytes)
        written.append(MANIFEST_PATH)
        if s3.s3_configured():
            clock = time.monotonic()
            s3.publish(target.path, manifest_bytes)
            timings["upload"] = time.monotonic() - clock
        target.activate()
    except BaseException:
        target.abandon()
        raise
    return BuildResult(
        release_id=target.release_id,
        files=sorted([*files, MANIFEST_PATH]),
        written=sorted(written),
        deleted=sorted(set(old.files) - set(files)),
        pages=page_count,
        full=full,
        timings=timings,
    )


def _search_index(target, files, old, written):
    """Re-index only the shards whose pages were added, changed or removed; keep the others' files."""
    new_members = search.shard_members(files)
    old_members = search.shard_members(old.files)
    index, entries = {}, {}
    for shard, paths in new_members.items():
        prefix = f"{search.SEARCH_DIR}/{shard}/"
        if paths == old_members.get(shard) and not written.intersection(paths):
            entries.update(
                {p: e for p, e in old.files.items() if p.startswith(prefix) and e["source"] == "pagefind"}
            )
            continue
        for path, data in search.build_shard(target.path, shard, paths).items():
            index[path] = (data, "pagefind")
            entries[path] = entry_for(data, "pagefind")
    data = search.shards_json(new_members)
    index[search.SHARDS_PATH] = (data, "pagefind")
    entries[search.SHARDS_PATH] = entry_for(data, "pagefind")
    files.update(entries)
    return _materialise(target, entries, index, old)


def _materialise(target, files, rendered, old):
    written = []
    for path, entry in files.items():
        previous = old.files.get(path)
        unchanged = previous is not None and previous["sha256"] == entry["sha256"]
        if unchanged and target.keep(path):
            continue
        if path not in rendered:
            raise MissingFile(path)
        target.write(path, rendered[path][0])
        written.append(path)
    return written
