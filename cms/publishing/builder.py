"""The static build: full or incremental, into a new release that is swapped in atomically.

A build renders only the outputs that depend on the changed pages (see ``outputs``), compares every
file with the live release's manifest and writes only files whose bytes changed; everything else is
shared with the live release, directory by directory (``targets.local``). A failed or killed build never
touches the live release.
"""

import fcntl
import logging
import re
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page, Site

from . import alerts, collector, integrity, media, parallel, redirect_rules, release, search
from .manifest import MANIFEST_PATH, Manifest, entry_for, is_manifest_path
from .models import SEARCH_BEHIND, PendingChange, SiteBuild
from .outputs import (
    ALWAYS_SPECS,
    is_structural,
    load_index,
    own_specs,
    page_deps,
    page_spec,
    parse_spec,
    route_spec,
)
from .public import public_pages
from .render import output_path_for_url, site_static_dirs
from .renderers import RenderContext, render_source
from .renderers.redirects import static_redirects
from .targets import s3
from .targets.local import LocalRelease, live_manifest
from .targets.local import remember as remember_manifest

__all__ = ["BuildResult", "build_site", "build_pending", "builds_suspended", "public_pages", "schedule_build"]

logger = logging.getLogger(__name__)

# Sources re-produced completely on every build (their old files are dropped unless produced again).
EVERY_BUILD = {"static"}
# The manifest's source of the search index files (chi-muc/); manifests written before decision 0016 named
# it "pagefind", kept readable so the first build after an upgrade stays incremental.
SEARCH_SOURCE = "search"
SEARCH_SOURCES = {SEARCH_SOURCE, "pagefind"}
# The build log's words for a search index that follows a live change (decision 0015 §4b); alerts and the
# dashboard notice say "the pages are live, only search is behind" when a build's only problem starts so.
SEARCH_PENDING = f"{SEARCH_BEHIND} (đang cập nhật sau khi các trang đã lên trang công khai)"
# Failed builds a pending change takes part in before it is dropped (see build_pending).
MAX_ATTEMPTS = 3
# In ``schedule_build(routes=...)``: the page's own HTML and its listings, without its other routes.
PAGE_ITSELF = "."


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
    failures: dict = field(default_factory=dict)  # source -> error, for outputs that could not be rendered
    hidden: list = field(default_factory=list)  # ids of new pages left out because they failed
    manifest_sha256: str = ""
    file_ops: dict = field(default_factory=dict)  # file-system operations of the release: write, link, …
    workers: int = 1  # processes that rendered the sources (see ``parallel``)
    live_release_id: str = ""  # the release that made the change live (before its search follow-up)
    search_release_id: str = ""  # the follow-up release that brought the search index up to date
    follow_up: "SearchFollowUp | None" = field(default=None, repr=False, compare=False)

    @property
    def partial(self):
        """True when some output failed: everything else is published, the failures kept their old files."""
        return bool(self.failures)


class SearchFollowUp(NamedTuple):
    """What an incremental build hands to its search follow-up (``_search_release``)."""

    base: Manifest  # the manifest of the pages release that just went live
    old: Manifest  # the manifest before the build (whose shards' members are compared)
    changed: set  # the paths the build wrote
    s3_redirects: object  # redirect locations for the S3 upload (``redirect_rules``)


class MissingFile(Exception):
    """The live release lacks a file its manifest lists; a full build repairs it."""


# --- locking and scheduling ---------------------------------------------------------------------------


_lock_state = threading.local()


@contextmanager
def build_lock():
    """One build at a time: per output folder (web process, worker and `manage.py build_site` on this host)
    and, on PostgreSQL, per database (workers on several hosts sharing it, e.g. publishing to one bucket).

    Also held by the integrity check and its repair (``integrity.verify``/``repair``/``check_release``), so
    they never compare a release that is being swapped. Re-entrant in one thread: a repair that rebuilds
    the site takes it again. The lock file's descriptor is closed in forked render workers
    (``parallel.close_in_children``), so a worker left behind by a killed build cannot hold it.
    """
    if getattr(_lock_state, "depth", 0):
        _lock_state.depth += 1
        try:
            yield
        finally:
            _lock_state.depth -= 1
        return
    root = release.site_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".build.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        parallel.close_in_children(fh.fileno())
        _lock_state.depth = 1
        try:
            with database_build_lock():
                yield
        finally:
            _lock_state.depth = 0
            parallel.keep_in_children(fh.fileno())
            fcntl.flock(fh, fcntl.LOCK_UN)


# pg_advisory_lock key ("portal" in ASCII). Advisory locks are per database, so schools sharing one PostgreSQL
# server with a database each do not wait for each other.
BUILD_LOCK_KEY = 0x706F7274616C


@contextmanager
def database_build_lock():
    """PostgreSQL: a session-level advisory lock held for the whole build (released if the process dies,
    as its connection closes). SQLite serves one host, where the folder lock suffices: no-op."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [BUILD_LOCK_KEY])
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [BUILD_LOCK_KEY])
        except DatabaseError:
            connection.close()  # an aborted transaction: closing the session releases the lock


def _refuse_local_address():
    """Production never builds a site whose feeds, sitemap and canonical links would point to localhost."""
    if not getattr(settings, "PORTAL_PRODUCTION", False):
        return
    from cms.core.addresses import is_local, public_base_url

    if is_local(public_base_url()):
        raise ImproperlyConfigured(
            f"Địa chỉ công khai '{public_base_url()}' trỏ về máy chủ: đặt PORTAL_PUBLIC_URL hoặc "
            "Cài đặt → Thông tin nhà trường → Địa chỉ cổng thông tin công khai."
        )


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


def schedule_build(trigger, pages=None, routes=None):
    """Record that ``pages`` changed (None: everything) and build in the background after commit.

    ``routes``: only these sub-paths of ``pages`` changed (their ``static_routes``, e.g. one library record
    ``"12-de-men/"``); ``PAGE_ITSELF`` (``"."``) stands for the page's own HTML with its listings. Without
    ``routes`` the whole page is rebuilt (its HTML, every route, its listings).

    The record is written in the caller's transaction, so a rolled-back publish schedules nothing; the
    background task drains every pending change in one build, so a burst of publishes (or a record saved
    with its copies in one transaction) coalesces: later runs find nothing left and build nothing.
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
        subs = sorted(set(routes)) if routes is not None else [""]
        if not subs:
            return
        PendingChange.objects.bulk_create(
            [PendingChange(page_id=pk, trigger=trigger, route=sub) for pk in sorted(ids) for sub in subs]
        )
    transaction.on_commit(_enqueue)


def _enqueue():
    from .tasks import build_pending_changes

    build_pending_changes.enqueue()


# --- entry points -------------------------------------------------------------------------------------


def build_site(trigger="manual", progress=None, fresh=False):
    """Render every public output into a new release and make it live; returns a BuildResult.

    Only files whose bytes differ from the live release are written (``fresh=True``: every file is written
    anew, nothing is linked from the live release; used to repair an altered site). On a total failure the
    half-built release is discarded, the previous site stays live and the error is recorded; a failing
    output only makes the build partial (see ``_render_sources``). ``progress(done, total)``.
    """
    _refuse_local_address()
    with build_lock():
        last = PendingChange.objects.order_by("-pk").values_list("pk", flat=True).first()
        result = _build(trigger, None, progress, fresh=fresh)
        if last:
            PendingChange.objects.filter(pk__lte=last).delete()
        return result


def build_pending(progress=None):
    """Build once for every pending change (coalescing bursts); returns a BuildResult or None."""
    _refuse_local_address()
    with build_lock():
        rows = list(PendingChange.objects.order_by("pk").values("pk", "page_id", "trigger", "route"))
        if not rows:
            return None
        full = any(row["page_id"] is None for row in rows)
        page_ids = None if full else {row["page_id"] for row in rows}
        narrow = _narrowed(rows) if not full else {}
        trigger = "; ".join(dict.fromkeys(row["trigger"] for row in rows))
        if len(trigger) > 200:
            trigger = trigger[:199] + "…"
        try:
            result = _build(trigger, page_ids, progress, narrow=narrow)
        except Exception:
            # Kept for a retry, but not forever: after MAX_ATTEMPTS failed builds the changes are dropped
            # (the failure is in the build log and the administrator was told), so one broken change
            # cannot hold back every later approval.
            done = PendingChange.objects.filter(pk__lte=rows[-1]["pk"])
            done.update(attempts=F("attempts") + 1)
            done.filter(attempts__gte=MAX_ATTEMPTS).delete()
            raise
        PendingChange.objects.filter(pk__lte=rows[-1]["pk"]).delete()
        return result


def _narrowed(rows):
    """{page id: changed sub-paths} for pages that changed only in some routes (no whole-page row)."""
    whole = {row["page_id"] for row in rows if not row["route"]}
    narrow = {}
    for row in rows:
        if row["route"] and row["page_id"] not in whole:
            narrow.setdefault(row["page_id"], set()).add(row["route"])
    return narrow


# --- the build ----------------------------------------------------------------------------------------


def _build(trigger, page_ids, progress, fresh=False, narrow=None):
    record = SiteBuild.objects.create(trigger=trigger[:200])
    started = time.monotonic()
    try:
        try:
            result = _build_release(page_ids, progress, fresh=fresh, narrow=narrow)
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
        alerts.build_problem(SiteBuild.objects.get(pk=record.pk))
        raise
    result.duration_ms = int((time.monotonic() - started) * 1000)
    SiteBuild.objects.filter(pk=record.pk).update(
        status=SiteBuild.Status.PARTIAL if result.partial else SiteBuild.Status.SUCCESS,
        error="\n".join(f"{source}: {error}" for source, error in sorted(result.failures.items()))[:5000],
        failed_pages=_failed_page_ids(result.failures),
        manifest_sha256=result.manifest_sha256,
        finished_at=timezone.now(),
        release=result.release_id,
        full=result.full,
        pages=result.pages,
        files_total=len(result.files),
        files_written=len(result.written),
        files_deleted=len(result.deleted),
        duration_ms=result.duration_ms,
    )
    if result.partial:
        alerts.build_problem(SiteBuild.objects.get(pk=record.pk))
    if result.follow_up is not None:
        record.refresh_from_db(fields=["error", "status"])
        _search_follow_up(record, result)
    collector.settle_after_build()  # the live manifest out of the collector's full passes (after "live")
    return result


def _search_follow_up(record, result):
    """Bring the search index up to date in a release of its own, right after ``result`` went live.

    Clarification #13 (issue 15): "live" is pages, listings and feeds; the search index may follow within
    10 s. An incremental build therefore makes its pages live first and re-indexes the year shards it
    touched here, still under the build lock, as a second release recorded on the same ``SiteBuild``
    (``search_release``). If this fails, the pages stay live, the build is marked partial and alerted,
    and the touched shards stay marked as not indexed (``search.forget_indexed``), so the next build
    re-indexes them; nothing is raised.
    """
    follow, result.follow_up = result.follow_up, None
    started = time.monotonic()
    # Until the follow-up is live the build log says so: a process killed meanwhile leaves this visible.
    status = record.status
    SiteBuild.objects.filter(pk=record.pk).update(
        status=SiteBuild.Status.PARTIAL, error="\n".join(filter(None, [record.error, SEARCH_PENDING]))[:5000]
    )
    try:
        done = _search_release(*follow)
    except Exception as exc:  # noqa: BLE001 - the pages are live; the next build re-indexes these shards
        logger.exception("Search index follow-up failed")
        error = f"{SEARCH_BEHIND}: {type(exc).__name__}: {exc}"
        result.failures["search"] = error
        SiteBuild.objects.filter(pk=record.pk).update(
            status=SiteBuild.Status.PARTIAL, error="\n".join(filter(None, [record.error, error]))[:5000]
        )
        alerts.build_problem(SiteBuild.objects.get(pk=record.pk))
        return
    SiteBuild.objects.filter(pk=record.pk).update(status=status, error=record.error)
    if done is None:
        return  # every shard was up to date: no second release
    search_ms = int((time.monotonic() - started) * 1000)
    # The build as a whole, against the release that was live before it: what the final release holds
    # that either step wrote, and what it no longer holds.
    final = set(done.files)
    result.written = sorted(p for p in {*result.written, *done.written} if p in final)
    result.deleted = sorted((set(result.deleted) - final) | set(done.deleted))
    SiteBuild.objects.filter(pk=record.pk).update(
        search_release=done.release_id,
        search_manifest_sha256=done.manifest_sha256,
        search_ms=search_ms,
        files_total=len(done.files),
        files_written=len(result.written),
        files_deleted=len(result.deleted),
    )
    result.search_release_id = result.release_id = done.release_id
    result.manifest_sha256 = done.manifest_sha256
    result.files = done.files
    result.timings["search"] = done.timings["search"]
    result.timings["search_live"] = search_ms / 1000
    for op, count in done.file_ops.items():
        result.file_ops[op] = result.file_ops.get(op, 0) + count
    result.duration_ms += search_ms


def _failed_page_ids(failures):
    ids = set()
    for source in failures:
        kind, key, _ = parse_spec(source)
        if kind in ("page", "route", "rss", "atom"):
            ids.add(key)
    return sorted(ids)


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
    # Every public page once, light (a few fields each, outputs.load_index): planning and rendering answer
    # parents, ancestors and neighbours from this index instead of querying per page; renders fetch the
    # full pages in batches (RenderContext.load).
    with ctx.cache.activate():
        index = load_index(public_pages(site, specific=False))
        ctx.use_index(index)
        sources, pages_map = set(ALWAYS_SPECS), {}
        for page in index.pages():
            # Interned: a listing's source ("page:<section>", "rss:<home>") is a dependency of thousands
            # of pages; one string object each, shared with ``sources`` and the manifest entries.
            deps = sorted(map(sys.intern, page_deps(page, site, index)))
            sources.update(deps)
            sources.update(map(sys.intern, own_specs(page)))
            pages_map[str(page.pk)] = {"depth": page.depth, "deps": deps}
        return sources, pages_map, len(pages_map)


def _plan_incremental(site, ctx, page_ids, old, narrow=None):
    """``(sources, pages map, page count, ids whose pages-map entry changed)`` of an incremental build."""
    with ctx.cache.activate():  # values read once per build (restricted pages, settings) shared with renders
        return _plan_changed(site, ctx, page_ids, old, narrow)


def _plan_changed(site, ctx, page_ids, old, narrow=None):
    narrow = narrow or {}
    sources, pages_map = set(ALWAYS_SPECS), dict(old.pages)
    for pk, subs in narrow.items():
        # Only some routes of the page changed (e.g. one library record after a loan): those outputs, and
        # the page's own HTML with its listings only when asked for (PAGE_ITSELF).
        if ctx.page(pk) is None:
            continue  # the page itself went: handled below as a whole-page change
        sources |= {route_spec(pk, sub) for sub in subs if sub != PAGE_ITSELF}
        if PAGE_ITSELF in subs:
            known = old.pages.get(str(pk))
            sources |= set(known["deps"]) if known else set()
            sources.add(page_spec(pk))
    page_ids = [pk for pk in page_ids if pk not in narrow or ctx.page(pk) is None]
    ids = set(page_ids)
    for pk in page_ids:
        page = ctx.page(pk)
        if page is not None and page.numchild:
            # A moved or renamed page moves its descendants' addresses too.
            ids |= set(public_pages(site, specific=False).descendant_of(page).values_list("pk", flat=True))
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
    groups = old.source_groups()
    for pk in ids:
        sources |= groups.get(f"route:{pk}", set())
    # Only these pages' entries can differ from the live manifest's (the manifest parts look at no other).
    return sources, pages_map, len(ids) + len(set(narrow) - ids), {str(pk) for pk in ids}


def _safe_relative(path):
    rel = PurePosixPath(path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts or is_manifest_path(rel.as_posix()):
        raise ValueError(f"Đường dẫn tệp tĩnh không hợp lệ: {path!r}")
    return rel.as_posix()


def hook_page_types(fn):
    """The page models a ``register_static_files`` hook reads (its ``static_files_page_types``: model
    classes or ``"app_label.Model"``), or None when it does not say (it then runs on every build)."""
    from django.apps import apps

    declared = getattr(fn, "static_files_page_types", None)
    if declared is None:
        return None
    return tuple(apps.get_model(m) if isinstance(m, str) else m for m in declared)


def _hook_concerned(fn, changed_models):
    """Must the hook ``fn`` run in a build whose changed pages are of ``changed_models``? (None: every
    hook runs, as in a full build or when a changed page's type is unknown.)"""
    if changed_models is None:
        return True
    types = hook_page_types(fn)
    return types is None or any(issubclass(m, t) for m in changed_models for t in types)


def _hook_files(site, failures, changed_models=None, skipped=None):
    """Files of the ``register_static_files`` hooks, by source ``hook:<module>.<function>``.

    A failing hook is recorded in ``failures`` and produces nothing (its previous files are kept). A hook
    that declares the page types it reads (``static_files_page_types``) is skipped when none of the
    ``changed_models`` is one of them: its source goes into ``skipped`` and its files are kept, so an
    article's publish does not rebuild the list of every document (issue 15: O(changed) publishes).
    """
    files = {}
    for fn in hooks.get_hooks("register_static_files"):
        source = f"hook:{fn.__module__}.{fn.__name__}"
        if not _hook_concerned(fn, changed_models):
            if skipped is not None:
                skipped.add(source)
            continue
        try:
            produced = {}
            for path, data in (fn(site) or {}).items():
                if isinstance(data, str):
                    data = data.encode()
                produced[_safe_relative(path)] = data
        except Exception as exc:  # noqa: BLE001 - one failing output must not stop the others
            logger.exception("Static files hook %s failed", source)
            failures[source] = f"{type(exc).__name__}: {exc}"
            continue
        for path, data in produced.items():
            files[path] = (data, source)
    return files


def _static_files():
    """The site's static files under their own names and, with ``ManifestStaticFilesStorage`` (production),
    also under the hashed names ``{% static %}`` writes into pages (``portal.3f9a….css``), read from the
    ``collectstatic`` output so CSS references are the rewritten ones. Hashed names are cached for a year."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

    hashed = isinstance(staticfiles_storage, ManifestFilesMixin)
    files = {}
    for static_dir in site_static_dirs():
        static_dir = Path(static_dir)
        for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
            rel = path.relative_to(static_dir).as_posix()
            files[f"static/{rel}"] = path.read_bytes()
            if hashed:
                stored = staticfiles_storage.stored_name(rel)
                with staticfiles_storage.open(stored) as fh:
                    files[f"static/{stored}"] = fh.read()
    return files


class _Stream:
    """Writes each output into the release as soon as it is rendered; keeps only its manifest entry.

    A file whose bytes equal the live release's is not written (the release shares it); a path written
    earlier in this build is always written again, so the last producer wins on disk as in the manifest.
    """

    def __init__(self, target, old):
        self.target, self.old = target, old
        self.written = {}  # paths written by this build (insertion-ordered set)
        self.produced = set()  # paths rendered by this build (written or unchanged)

    def put(self, path, data, entry):
        """Write ``data`` unless the live release has the same bytes; returns the entry to keep (the live
        manifest's own object when equal, so a rebuild does not hold two copies of the manifest)."""
        self.produced.add(path)
        previous = self.old.files.get(path)
        if (
            path not in self.written
            and previous is not None
            and previous["sha256"] == entry["sha256"]
            and self.target.keep(path)
        ):
            return previous if previous == entry else entry
        self.target.write(path, data)
        self.written[path] = True
        return entry


def _entry(path, data, source, ctx):
    """The manifest entry of one rendered output (object refs, search shard, internal links)."""
    refs = shard = links = None
    kind, key, _ = parse_spec(source) if ":" in source else (source, None, None)
    if kind in ("page", "route"):
        # Routes are searchable too (e.g. the library's record pages under /thu-vien/sach/); their media
        # come from the page that serves them (``static_media_objects``/``static_media_files``).
        page = ctx.page(key)
        if page is not None:
            # Through the models, never from the HTML; once per page for all its outputs (a record page
            # of the library, its month archives…), kept on the page object for this build.
            refs = getattr(page, "_build_media_refs", None)
            if refs is None:
                refs = page._build_media_refs = media.page_refs(page)
            if path.endswith(".html"):
                shard = search.shard_for(page, data)
    if path.endswith(".html") and source != "static":
        links = _links(data)
    return entry_for(data, source, refs, shard, links)


_PAGE_KINDS = ("page", "route", "rss", "atom")


def _shared_entry(entry):
    """``entry`` with its strings interned: the paths an HTML file links to are mostly other outputs'
    paths (kept once as keys of the file list), sources and shards repeat across files. A worker's entries
    arrive unpickled, one new string per occurrence: without this the build process would hold every
    link of every page as its own copy (issue 15, item 3: memory bounded at any size)."""
    entry["source"] = sys.intern(entry["source"])
    for key in ("links", "refs"):
        if key in entry:
            entry[key] = list(map(sys.intern, entry[key]))
    if "shard" in entry:
        entry["shard"] = sys.intern(entry["shard"])
    return entry


def _render_chunk(chunk, ctx):
    """Render the sources of ``chunk`` (in a worker or in the build process); returns
    ([(path, bytes, entry, source)], {source: error}). A failing source is isolated."""
    keys = set()
    for source in chunk:
        kind, key, _ = parse_spec(source)
        if kind in _PAGE_KINDS:
            keys.add(key)
    ctx.load(keys)
    outputs, failures = [], {}
    with ctx.cache.activate():  # the entries' queries (media refs) read the build's cache too
        for source in chunk:
            try:
                produced = [
                    (path, data, _entry(path, data, source, ctx), source)
                    for path, data in render_source(source, ctx).items()
                ]
            except Exception as exc:  # noqa: BLE001 - one failing output must not freeze the site
                logger.exception("Rendering %s failed", source)
                failures[source] = f"{type(exc).__name__}: {exc}"
            else:
                outputs.extend(produced)
    ctx.forget(keys)
    return outputs, failures


def _render_sources(sources, ctx, stream, progress=None, with_hooks=True, workers=None):
    """Render ``sources`` chunk by chunk and stream every output into the release (``stream``).

    Returns ({path: manifest entry} of what was rendered, {source: error}, rendering process count).
    ``workers``: None picks ``parallel.workers_for`` (several processes for large builds), 1 forces
    this process. Where two sources produce the same path the one that sorts last wins, as when
    rendering one by one in order.
    """
    entries, failures = {}, {}
    chunk_list = parallel.chunks(sources)
    total, done = sum(len(c) for c in chunk_list), 0
    workers = parallel.workers_for(total) if workers is None else workers

    def consume(_index, result):
        nonlocal done
        outputs, failed = result
        failures.update(failed)
        for path, data, entry, source in outputs:
            if path in entries and entries[path]["source"] > source:
                continue  # chunks arrive in any order: the source that sorts last keeps the path
            path = sys.intern(path)  # the same string as the links to it (``_shared_entry``)
            entries[path] = stream.put(path, data, _shared_entry(entry))
        done += len(chunk_list[_index])
        if progress:
            progress(done, total)

    pids = parallel.run_chunks(chunk_list, lambda chunk: _render_chunk(chunk, ctx), consume, workers)
    if with_hooks:
        for path, (data, source) in _hook_files(
            ctx.site, failures, ctx.changed_models, ctx.skipped_hooks
        ).items():
            entries[path] = stream.put(path, data, _entry(path, data, source, ctx))
    return entries, failures, min(len(pids), workers)  # workers are replaced as they go (parallel)


def _new_failed_pages(failures, old):
    """Pages whose own HTML failed and that were never published before: they are left out."""
    if not failures:
        return set()
    had_output = {e.get("source") for e in old.files.values()}
    pages = set()
    for source in failures:
        kind, key, _ = parse_spec(source)
        if kind == "page" and source not in had_output:
            pages.add(key)
    return pages


@contextmanager
def _hiding(hidden):
    """Inside this block the pages ``hidden`` are not live, so every output leaves them out.

    They are marked not live inside a transaction that is always rolled back: templates and queries
    (listings, feeds, JSON, sitemaps) then leave them out without knowing about this build.
    """
    if not hidden:
        yield
        return
    try:
        with transaction.atomic():
            Page.objects.filter(pk__in=hidden).update(live=False)
            try:
                yield
            finally:
                transaction.set_rollback(True)
    finally:
        # Renditions made inside the rolled-back pass are gone from the database but not from Wagtail's
        # rendition cache, which would then serve files the next builds cannot list.
        from wagtail.images import get_image_model

        get_image_model().get_rendition_model().cache_backend.clear()


# Internal links worth tracking: deeper than the top level (top-level pages change the navigation of
# every page, which rebuilds everything anyway).
_LINK = re.compile(rb"""href=["'](/[^"'#?\s]*/[^"'#?\s]+)["'#?]""")


def _links(data):
    """Output paths of the internal pages an HTML file links to (for re-rendering it when one goes)."""
    links = set()
    for match in _LINK.findall(data):
        url = match.decode("utf-8", "replace")
        if url.startswith(("/media/", "/static/")) or ".." in url:
            continue
        if not url.endswith("/") and "." not in url.rsplit("/", 1)[-1]:
            url += "/"
        links.add(output_path_for_url(url))
    return links


def _stale_linkers(files, old, produced, dropped=None):
    """Sources of kept files that link a page whose file is gone from the release (unpublished, deleted,
    moved): they must be rendered again so no public link answers 404. ``dropped``: the only paths of
    ``old`` that may be missing from ``files`` (an incremental build), else every path is compared.

    An incremental build finds the linking files through ``old``'s link index (``linked_from``, derived
    once per process after a swap, ``_build_release``, and carried from build to build): a kept file is
    ``old``'s own entry, so it links what ``old`` says. A full build, or one whose ``old`` has no index
    yet, reads every kept file's links."""
    candidates = old.files if dropped is None else dropped
    vanished = {p for p in candidates if p.endswith(".html") and p not in files}
    if not vanished:
        return set()
    if dropped is None or old._links is None or settings.SITE_CHECK_MANIFEST_PARTS:
        scanned = {
            e["source"]
            for p, e in files.items()
            if p not in produced and vanished.intersection(e.get("links", ()))
        }
        if dropped is None or old._links is None:
            return scanned
    index, sources = old.linked_from(), set()
    for gone in vanished:
        for path in index.get(gone, ()):
            entry = files.get(path)
            if entry is not None and path not in produced:
                sources.add(entry["source"])
    if settings.SITE_CHECK_MANIFEST_PARTS and sources != scanned:
        raise AssertionError(f"Linkers from the link index differ from a scan: {sources ^ scanned}")
    return sources


def _changed_models(page_ids):
    """The page models of the pages an incremental build was asked for, or None when one of them is gone
    (its type is unknown: every static-files hook then runs)."""
    from django.contrib.contenttypes.models import ContentType

    types = dict(Page.objects.filter(pk__in=page_ids).values_list("pk", "content_type_id"))
    if set(types) != set(page_ids):
        return None
    models = {ContentType.objects.get_for_id(pk).model_class() for pk in set(types.values())}
    return None if None in models else models


def _build_release(page_ids, progress, fresh=False, narrow=None):
    site = Site.objects.get(is_default_site=True)
    old = Manifest() if fresh else live_manifest()
    full = page_ids is None or _needs_full(page_ids, old, site)
    defer_search = not full  # an incremental build makes its pages live first (_search_follow_up)
    plan_clock = time.monotonic()
    ctx = RenderContext(site, public_pages(site))
    ctx.changed_models = None if full else _changed_models(page_ids)
    if full:
        sources, pages_map, page_count = _plan_full(site, ctx)
        pages_changed = None
    else:
        sources, pages_map, page_count, pages_changed = _plan_incremental(site, ctx, page_ids, old, narrow)
    ctx.sources = None if full else frozenset(sources)  # the sitemap index recomputes only these parts

    clock = time.monotonic()
    timings = {"plan": clock - plan_clock}
    # Every output is written into the new release as soon as it is rendered (only changed bytes; see
    # ``_Stream``); the build keeps manifest entries, never the site's bytes.
    target = LocalRelease()
    try:
        # 1. Render everything that may have changed, on every core for large builds; a failing source
        # is isolated.
        stream = _Stream(target, old)
        rendered, failures, workers = _render_sources(sources, ctx, stream, progress)
        hidden = _new_failed_pages(failures, old)
        with _hiding(hidden):
            if hidden:
                # A new page that cannot be rendered is left out together with every link to it. What
                # was written so far may link it: the release is started again. This pass renders in
                # this process, the only one that sees the rolled-back transaction hiding the pages.
                target.abandon()
                target = LocalRelease()
                stream = _Stream(target, old)
                ctx = RenderContext(site, public_pages(site), changed_models=ctx.changed_models)
                keep = {s for s in sources if s not in failures and parse_spec(s)[1] not in hidden}
                rendered, more, _ = _render_sources(keep, ctx, stream, progress, workers=1)
                failures.update(more)
                for pk in hidden:
                    pages_map.pop(str(pk), None)
                    if pages_changed is not None:
                        pages_changed.add(str(pk))
            for path, data in _static_files().items():
                rendered[path] = stream.put(path, data, entry_for(data, "static"))

            # 2. The new file list: untouched outputs of the live release plus what was just rendered. A
            # source that failed keeps its previous files (same bytes, shared with the live release).
            produced = {e["source"] for e in rendered.values()}
            replaced = (sources | produced | EVERY_BUILD) - set(failures)
            # Media: carried from the live release and updated for the references that changed, when this
            # process built it (``old.media_state``); else every file is listed again (``_add_media``).
            media_state = None if full else old.media_state
            if full:
                files = {p: e for p, e in old.files.items() if e.get("source") in failures}
                dropped_paths = None
            else:
                # The live release's files, less those of every source rendered again (and of the hooks
                # that ran, and the media when they are listed again): found through the manifest's source
                # index, so this costs what changed, not the size of the site. The search files stay as
                # they are: the follow-up release re-indexes (_search_follow_up).
                keep_hooks = set(failures) | ctx.skipped_hooks
                hooks_ran = old.source_groups().get("hook", set()) - keep_hooks
                files, dropped_paths = dict(old.files), []
                media_again = {"media"} if media_state is None else set()
                _drop_sources(files, old, replaced | hooks_ran | media_again, dropped_paths)
            files.update(rendered)
            del rendered
            # Outputs that link a page that went away (listed from the linking side) are rendered again.
            for _round in range(3):
                linkers = _stale_linkers(files, old, stream.produced, dropped_paths) - set(failures)
                if not linkers:
                    break
                if full:
                    for path in [p for p, e in files.items() if e["source"] in linkers]:
                        del files[path]
                else:
                    _drop_sources(files, old, linkers, dropped_paths)
                more_rendered, more, _ = _render_sources(linkers, ctx, stream, with_hooks=False, workers=1)
                failures.update(more)
                files.update(more_rendered)
            changed = None if full else stream.produced.union(dropped_paths)
            media_state = _add_media(files, stream, old, site, changed, media_state, dropped_paths)
            # The live release's paths this one no longer holds (found from the paths dropped above, not by
            # comparing every path of the two releases).
            gone = None if full else {p for p in dropped_paths if p not in files}

        timings["render"] = time.monotonic() - clock
        if full:
            ctx.release_memory()  # the search workers fork from a smaller process (peak memory, issue 15)
        # 3. Files kept from the live release must be there to share.
        if target.previous is None and set(files) - stream.produced:
            raise MissingFile(next(iter(set(files) - stream.produced)))
        clock = time.monotonic()
        if defer_search:
            # The shards this change touches are marked "not indexed" before the pages go live: if the
            # follow-up never runs (killed process), the next build re-indexes them.
            touched = _touched_shards(files, old, stream.produced, gone)
            search.forget_indexed(touched)
            indexed = None
        else:
            indexed = _search_index(target, files, old, stream)
        timings["search"] = time.monotonic() - clock
        # Old addresses as server rules too (nginx file, S3 redirect metadata), from the same list as the
        # redirect pages of this release (cms.publishing.redirect_rules).
        redirects = static_redirects(ctx.site, ctx)
        s3_redirects = redirect_rules.s3_redirect_locations(redirects)
        clock = time.monotonic()
        manifest, manifest_sha256, written = _finish_release(
            target,
            files,
            pages_map,
            old,
            stream,
            timings,
            s3_redirects,
            full=full,
            gone=gone,
            pages_changed=pages_changed,
            media_state=media_state,
        )
        timings["finish"] = time.monotonic() - clock - timings.get("upload", 0)
        if indexed is not None:
            # Only a live index counts as made with this list of pupils' names (a failed build's does not).
            search.mark_indexed(*indexed)
    except BaseException:
        target.abandon()
        raise
    if not full and manifest._links is None:
        # The link index of the pages release, once per process and after the swap (about 1 s at 50,000
        # pages): the next builds carry it, and find the pages linking a removed page from it.
        manifest.linked_from()
    try:
        redirect_rules.write_nginx_redirects(redirects)
    except OSError:
        # The release is live; the HTML redirect pages still work. Say so, do not fail the build.
        path = redirect_rules.nginx_redirects_path()
        logger.exception("Không ghi được quy tắc chuyển hướng nginx (%s)", path)
    return BuildResult(
        release_id=target.release_id,
        live_release_id=target.release_id,
        file_ops=dict(target.ops),
        files=[*files, *manifest.parts_sha, MANIFEST_PATH],
        written=sorted(written),
        deleted=sorted(set(old.files) - set(files) if gone is None else gone),
        pages=page_count,
        full=full,
        timings=timings,
        failures=failures,
        hidden=sorted(hidden),
        manifest_sha256=manifest_sha256,
        workers=workers,
        follow_up=SearchFollowUp(manifest, old, set(stream.written), s3_redirects) if defer_search else None,
    )


def _finish_release(
    target,
    files,
    pages_map,
    old,
    stream,
    timings,
    s3_redirects,
    full=False,
    supersedes=None,
    gone=None,
    pages_changed=None,
    media_state=None,
):
    """Write the manifest of the release being built (only its changed parts), store the approved copy,
    drop the files the live release had and this one has not, upload to S3 when configured, and swap the
    release in. Returns ``(manifest, manifest_sha256, paths written)``.

    Only what this build rendered (``stream.produced``) or dropped can differ from ``old``'s entries, so
    an incremental build computes only the parts of those folders (``Manifest.parts(changed=…)``).
    ``gone``: the paths of ``old`` that ``files`` lacks, when the caller knows them (else every path of
    both is compared); ``pages_changed``: the ids whose ``pages_map`` entry may differ from ``old``'s
    (None: every entry is compared); ``media_state``: kept with the manifest for the next build
    (``_add_media``)."""
    written = list(stream.written)
    manifest = Manifest(
        release=target.release_id, built_at=timezone.now().isoformat(), files=files, pages=pages_map
    )
    manifest.media_state = media_state
    if gone is None:
        gone = set(old.files) - set(files)
    # Only the manifest parts whose content changed are written (the root always); the others are
    # carried over with their folders (decision record 0015).
    changed = None if full else stream.produced | gone

    def write_part(path, data):
        target.write(path, data)
        written.append(path)

    parts = manifest.parts(previous=old, changed=changed, write=write_part, pages_changed=pages_changed)
    if changed is not None:
        manifest.carry_indexes(old, changed)
        if settings.SITE_CHECK_MANIFEST_PARTS:
            manifest.check_against_whole(parts[-1][1])
    for path, digest, data in parts:
        if data is not None and (path == MANIFEST_PATH or old.parts_sha.get(path) != digest):
            target.write(path, data)
            written.append(path)
    manifest_bytes = parts[-1][2]
    # The approved copy, outside the served folder, for the integrity check (verify_site).
    manifest_sha256 = integrity.save_approved_manifest(
        target.release_id,
        manifest_bytes,
        parts,
        target.locate,
        parts_sha=manifest.parts_sha,
        digest_counts=manifest.digest_counts(),
        shared=manifest.shared_digests(),
    )
    target.remove(gone | manifest.parts_gone(old))
    target.finish()
    if s3.s3_configured():
        clock = time.monotonic()
        s3.publish(target.path, manifest, manifest_bytes, redirects=s3_redirects)
        timings["upload"] = time.monotonic() - clock
    if supersedes:
        release.mark_superseded(supersedes)  # before the swap, so the prune it starts drops it
    target.activate()
    remember_manifest(manifest, manifest_bytes)  # the next build here reads only the root
    return manifest, manifest_sha256, written


def _touched_shards(files, old, produced, gone):
    """Search shards whose pages an incremental build added, changed or removed (from the manifest
    entries of the outputs it rendered and of the files it dropped: ``gone``, the paths of ``old`` that
    ``files`` lacks)."""
    shards = set()
    for path in produced:
        new, previous = files.get(path), old.files.get(path)
        if new == previous:
            continue  # rendered again with the same bytes (and links, refs, shard)
        for entry in (new, previous):
            if entry and entry.get("shard"):
                shards.add(entry["shard"])
    for path in gone:
        if old.files[path].get("shard"):
            shards.add(old.files[path]["shard"])
    return shards


def _search_release(base, old, changed, s3_redirects):
    """The search follow-up of an incremental build: a release equal to ``base`` (the manifest of the
    release that just went live) whose search index covers its pages. ``old``: the manifest before that
    build; ``changed``: the paths it wrote. Returns a BuildResult (release, files, written, timings)."""
    target = LocalRelease()
    try:
        stream = _Stream(target, base)
        timings = {}
        clock = time.monotonic()
        files, dropped = dict(base.files), []
        _drop_sources(files, base, SEARCH_SOURCES, dropped)
        indexed = _search_index(target, files, old, stream, changed=changed)
        timings["search"] = time.monotonic() - clock
        if not indexed[0] and not stream.written:
            target.abandon()  # every shard was up to date (no searchable page changed, same pupils' names)
            return None
        gone = {path for path in dropped if path not in files}
        manifest, manifest_sha256, written = _finish_release(
            target,
            files,
            base.pages,
            base,
            stream,
            timings,
            s3_redirects,
            supersedes=base.release,
            gone=gone,
            pages_changed=set(),
            media_state=base.media_state,
        )
        search.mark_indexed(*indexed)
    except BaseException:
        target.abandon()
        raise
    return BuildResult(
        release_id=target.release_id,
        file_ops=dict(target.ops),
        files=[*files, *manifest.parts_sha, MANIFEST_PATH],
        written=sorted(written),
        deleted=sorted(gone),
        full=False,
        timings=timings,
        manifest_sha256=manifest_sha256,
    )


def _drop_sources(files, old, sources, dropped):
    """Remove from ``files`` (a copy of ``old.files`` being updated) the live release's files of
    ``sources``, found through ``old``'s source index; appends each removed path to ``dropped``. A path
    another source has produced since keeps its new entry."""
    by_source = old.by_source()
    for source in sources:
        for path in by_source.get(source, ()):
            entry = files.get(path)
            if entry is not None and entry.get("source") == source:
                del files[path]
                dropped.append(path)


def _add_media(files, stream, old, site, changed=None, state=None, dropped=None):
    """Add the media files of every public object the release's outputs use (see ``media``); new ones
    are written right away. Returns the ``media.MediaState`` to keep with the new manifest.

    ``changed``: the only paths whose entries differ from ``old``'s (an incremental build): the references
    are then counted from ``old``'s counts, not from every file. ``state``: ``old``'s media state when
    ``files`` still holds ``old``'s media files: only the files of references that came or went, and
    renditions made since, are added or removed (removed paths are appended to ``dropped``), unless a
    rendition or document went away meanwhile; then, or without ``state``, every media file is listed
    again (``files`` holds none of them on entry then, as in a full build)."""
    refs = media.site_refs(site)
    if changed is None:
        for entry in files.values():
            refs.update(entry.get("refs", ()))
    else:
        refs.update(old.refs_after(files, changed))
    refs = frozenset(refs)
    delta = media.changes_since(state, refs) if state is not None else None
    if delta is None:
        if state is not None:  # files holds the live release's media: list them all again
            _drop_sources(files, old, {"media"}, dropped)
        mark, wanted, remove = media.table_mark(), media.storage_owners(refs), ()
    else:
        remove, wanted, mark = delta
    for name in remove:
        path = f"media/{name}"
        entry = files.get(path)
        if entry is not None and entry.get("source") == "media":
            del files[path]
            dropped.append(path)
    missing = {}
    for name in sorted(wanted):
        path = f"media/{name}"
        if path in files and delta is not None:
            continue
        if path in old.files:
            files[path] = old.files[path]
            continue
        try:
            with default_storage.open(name, "rb") as fh:
                data = fh.read()
        except OSError:
            # A file missing from storage is left out (logged); it never fails the build.
            logger.warning("Media file %s is missing from storage", name)
            missing[name] = wanted[name]
            continue
        files[path] = stream.put(path, data, entry_for(data, "media"))
    new_state = media.MediaState(refs, mark, missing)
    if delta is not None and settings.SITE_CHECK_MANIFEST_PARTS:
        _check_media(files, refs, missing)
    return new_state


def _check_media(files, refs, missing):
    """Test settings (``SITE_CHECK_MANIFEST_PARTS``): the media files found from the changes equal those
    listed from every reference; raises AssertionError naming the difference."""
    expected = {f"media/{name}" for name in media.storage_owners(refs) if name not in missing}
    found = {path for path, entry in files.items() if entry.get("source") == "media"}
    if expected != found:
        lacking, extra = sorted(expected - found)[:10], sorted(found - expected)[:10]
        raise AssertionError(f"Incremental media differ: missing {lacking}, extra {extra}")


def _search_index(target, files, old, stream, changed=None):
    """Re-index only the shards whose pages were added, changed or removed; keep the others' files.

    The shards are independent: a full build indexes them in worker processes (``parallel``), which read
    the pages this build wrote (``target.locate``); a publish re-indexes one shard in this process."""
    new_members = search.shard_members(files)
    old_members = search.shard_members(old.files)
    written = set(stream.written if changed is None else changed)
    from cms.core.people import pupil_full_names

    # Once per build (it reads every article), not per shard. A shard indexed while another list of
    # pupils' names applied is indexed again even if its pages did not change: a pupil added to a class
    # after pages naming them were indexed is then shown by given name in every year's index.
    names = pupil_full_names()
    names_digest = search.names_digest(names)
    entries, todo = {}, []
    old_index = {}  # shard -> {path: entry} of its index files in the live release
    by_source = old.by_source()
    for source in SEARCH_SOURCES:
        for path in by_source.get(source, ()):
            old_index.setdefault(path.split("/", 2)[1], {})[path] = old.files[path]
    for shard, paths in new_members.items():
        unchanged = paths == old_members.get(shard) and not written.intersection(paths)
        if unchanged and search.indexed_with(shard, names_digest):
            kept = old_index.get(shard, {})
            _materialise(target, kept, stream)
            entries.update(kept)
        else:
            todo.append((shard, paths))

    def consume(_index, built):
        for path, data in built.items():
            entries[path] = stream.put(path, data, entry_for(data, SEARCH_SOURCE))

    workers = parallel.workers_for(sum(len(paths) for _, paths in todo))
    parallel.run_chunks(
        [[item] for item in sorted(todo)],
        lambda chunk: search.build_shard(
            target.locate, *chunk[0], names=names, digests={p: files[p]["sha256"] for p in chunk[0][1]}
        ),
        consume,
        workers,
    )
    data = search.shards_json(new_members)
    entries[search.SHARDS_PATH] = stream.put(search.SHARDS_PATH, data, entry_for(data, SEARCH_SOURCE))
    files.update(entries)
    return [shard for shard, _ in todo], names_digest


def _materialise(target, files, stream):
    """Check that every file listed but not rendered by this build can be shared from the live release
    (rendered ones were written as they came, see ``_Stream``); raises ``MissingFile`` otherwise."""
    for path in files:
        if path not in stream.produced and not target.keep(path):
            raise MissingFile(path)
