"""Local release folders with an atomic `current` symlink, so readers never see a half-built site.

Layout (see ``targets.local`` and decision record 0015)::

    current -> releases/<id>          the live release (one rename(2) swaps it)
    releases/<id>/                    a release root: its files, and symlinks to directory versions
    dirs/<id>.<n>/                    immutable directory versions shared between releases

Old releases are removed in a background thread after the swap (never on the path to "live"); a
directory version is deleted once no kept release reaches it.
"""

import logging
import os
import shutil
import threading
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone


def site_root():
    """The folder that holds `releases/` and the `current` symlink."""
    return Path(settings.SITE_OUTPUT_DIR)


def current_dir():
    """The path readers are served from (a symlink to the live release)."""
    return site_root() / "current"


def releases_dir():
    return site_root() / "releases"


DIRS = "dirs"


def dirs_dir():
    """The folder of shared directory versions."""
    return site_root() / DIRS


def walk_files(root):
    """Release-relative paths (posix) of every file under ``root``, following the shared folders."""
    root = Path(root)
    files = []
    for folder, _dirs, names in os.walk(root, followlinks=True):
        base = Path(folder).relative_to(root)
        files += [(base / name).as_posix() for name in names]
    return sorted(files)


def new_release_id():
    """A sortable, unique release name."""
    return timezone.now().strftime("%Y%m%d-%H%M%S-%f") + "-" + uuid.uuid4().hex[:6]


def start_release():
    """Create an empty hidden folder to build the next release into; returns (release_id, path)."""
    release_id = new_release_id()
    path = releases_dir() / f".building-{release_id}"
    path.mkdir(parents=True)
    return release_id, path


def live_release():
    """Name of the release `current` points to, or None before the first build."""
    link = current_dir()
    if not link.is_symlink():
        return None
    return Path(os.readlink(link)).name


def activate(release_id, building_path, spares=()):
    """Move the finished build into place and swap `current` to it with one rename(2). ``spares``: the
    (folder, version) pairs of large folder versions to copy for the next build (``cms.publishing.spares``),
    in the clean-up thread."""
    final = releases_dir() / release_id
    os.replace(building_path, final)
    tmp_link = site_root() / f".current-{release_id}"
    os.symlink(Path("releases") / release_id, tmp_link)
    os.replace(tmp_link, current_dir())  # atomic: readers see the old release or the new one, never a mix
    prune_in_background(spares=spares)
    return final


def switch_to(release_id):
    """Point `current` at an existing release (used by rollback)."""
    if not (releases_dir() / release_id).is_dir():
        raise FileNotFoundError(release_id)
    tmp_link = site_root() / f".current-{release_id}"
    os.symlink(Path("releases") / release_id, tmp_link)
    os.replace(tmp_link, current_dir())


SUPERSEDED = ".superseded"  # marker beside a release folder: ``releases/<id>.superseded``


def mark_superseded(release_id):
    """Release ``release_id`` only made a build's pages live; the search follow-up that completes it is
    live now (decision 0015 §4b). It is no rollback target (its search index is the older one) and does
    not count among the SITE_KEEP_RELEASES kept: the next prune drops it."""
    (releases_dir() / f"{release_id}{SUPERSEDED}").touch()


def is_superseded(release_id):
    return (releases_dir() / f"{release_id}{SUPERSEDED}").exists()


def list_releases():
    """Finished releases, oldest first."""
    if not releases_dir().is_dir():
        return []
    return sorted(p.name for p in releases_dir().iterdir() if p.is_dir() and not p.name.startswith("."))


def abandon(building_path):
    """Remove a build that failed; the live release is untouched."""
    shutil.rmtree(building_path, ignore_errors=True)


logger = logging.getLogger(__name__)
_prune_lock = threading.Lock()
_prune_threads = []  # the clean-up threads started by this process and maybe still running


def prune_in_background(spares=()):
    """Start ``prune`` in a daemon thread (one at a time) and return at once; before it, the thread makes
    the spare copies of ``spares`` ((folder, version) pairs) for the next build (``spares.refresh``)."""
    thread = threading.Thread(
        target=_prune_safely, args=(site_root(), tuple(spares)), name="prune-releases", daemon=True
    )
    _prune_threads[:] = [t for t in _prune_threads if t.is_alive()] + [thread]
    thread.start()


def wait_for_prune(timeout=60):
    """Wait for the background clean-ups (spares and prune) started by the swaps of this process (tests,
    management commands, the benchmark): a publish swaps twice (pages, then search), so two may run."""
    for thread in list(_prune_threads):
        thread.join(timeout)


def _prune_safely(root, spare_candidates=()):
    from . import spares

    try:
        # Spares first: they make the next publish cheaper; the prune only frees space.
        spares.refresh(root, spare_candidates)
    except Exception:  # noqa: BLE001 - without a spare the next publish copies the folder itself
        logger.exception("Making spare folder copies failed")
    try:
        prune(root)
    except Exception:  # noqa: BLE001 - a failed clean-up is retried after the next swap
        logger.exception("Removing old releases failed")


def prune(root=None, full=False):
    """Keep the newest SITE_KEEP_RELEASES releases (and always the live one); drop the others, stale
    partial builds, and the directory versions and manifest parts only the dropped releases used.

    Incremental (the default, after every swap): each dropped release's tree is compared with the kept
    ones (``_drop_unshared``), so the cost follows what the dropped releases do not share with the kept
    ones, not the size of the site. A full sweep (``_sweep``: mark every version the kept releases
    reach, delete the rest) also finds what no release links any more, such as the leftovers of a killed
    build; it runs when ``full`` is set (``manage.py build_site``), when a stale ``.building-*`` folder
    shows that a build was killed, and when the incremental pass cannot read a folder it needs.

    Returns the counters of the work done (also kept in ``last_prune``): ``listed`` (folders listed),
    ``removed`` (directory versions deleted), ``parts_read`` and ``parts_removed`` (manifest parts),
    ``full`` (whether a full sweep of the folders ran) and ``full_parts`` (of the parts).
    """
    global last_prune
    root = Path(root) if root is not None else site_root()
    stats = {"listed": 0, "removed": 0, "parts_read": 0, "parts_removed": 0}
    stats.update(full=False, full_parts=False)
    with _prune_lock:
        keep = max(1, settings.SITE_KEEP_RELEASES)
        releases_path = root / "releases"
        link = root / "current"
        live = Path(os.readlink(link)).name if link.is_symlink() else None
        releases = (
            sorted(p.name for p in releases_path.iterdir() if p.is_dir() and not p.name.startswith("."))
            if releases_path.is_dir()
            else []
        )
        newest = releases[-1] if releases else ""
        # A pages-only release whose search follow-up went live counts for nothing: dropped once not live.
        superseded = {name for name in releases if (releases_path / f"{name}{SUPERSEDED}").exists()}
        complete = [name for name in releases if name not in superseded]
        dropped = [name for name in complete[:-keep] if name != live]
        dropped += [name for name in sorted(superseded) if name != live]
        kept = [name for name in complete[-keep:]] + ([live] if live and live not in complete[-keep:] else [])
        # A build left over from a killed process: older than every finished release. Its directory
        # versions are linked by no release, so only a full sweep finds them.
        stale = [p for p in releases_path.glob(".building-*") if p.name.removeprefix(".building-") < newest]
        full = bool(full or stale)
        if dropped and not full:
            try:
                _drop_unshared(root, dropped, kept, newest, stats)
            except OSError:
                logger.warning("Old releases could not be compared with the kept ones: full sweep")
                full = True
        for name in dropped:
            shutil.rmtree(releases_path / name, ignore_errors=True)
        for marker in releases_path.glob(f"*{SUPERSEDED}") if releases_path.is_dir() else ():
            if not (releases_path / marker.name.removesuffix(SUPERSEDED)).is_dir():
                marker.unlink(missing_ok=True)
        for folder in stale:
            shutil.rmtree(folder, ignore_errors=True)
        if full:
            _sweep(root, kept, newest, stats)
    from .integrity import prune_manifests

    prune_manifests(set(list_releases()), full=full, stats=stats)
    last_prune = stats
    return stats


last_prune = None  # the counters of the last prune of this process (see ``prune``)


def _links(folder, stats):
    """The sub-folders of ``folder``: {name: directory version name} for the links into ``dirs/`` (one
    listing, counted in ``stats["listed"]``). Real sub-folders (an old-layout release) hold no links."""
    stats["listed"] += 1
    links = {}
    for entry in os.scandir(folder):
        if entry.is_symlink():
            links[entry.name] = os.path.basename(os.readlink(entry.path))
    return links


def _drop_unshared(root, dropped, kept, newest, stats):
    """Delete the directory versions that the ``dropped`` releases reach and no ``kept`` one does.

    A version of folder ``p`` is only ever linked at path ``p`` (``targets.local``: a new release links
    the live release's version of the same folder, or a version of its own). So the trees are walked in
    step: where a kept release links the same version at the same path, the whole sub-tree is shared and
    skipped; elsewhere the dropped version is garbage, its sub-folders are compared in turn, and it is
    deleted. Cost: the folders the dropped releases do not share with the kept ones (and the kept
    releases' versions of the same paths), whatever the size of the site. Versions named after a release
    newer than ``newest`` belong to a build still running and are never deleted.

    Raises OSError when a kept folder cannot be listed (the caller then sweeps in full). A dropped
    version already gone (an earlier prune stopped half-way) is skipped.
    """
    store = root / DIRS
    listings = {}  # a kept folder -> its links (kept releases share most versions: each listed once)

    def kept_links(folder):
        if folder not in listings:
            listings[folder] = _links(folder, stats)
        return listings[folder]

    seen = set()
    todo = [(root / "releases" / name, [root / "releases" / other for other in kept]) for name in dropped]
    while todo:
        folder, twins = todo.pop()
        try:
            mine = _links(folder, stats)
        except FileNotFoundError:
            continue
        theirs = [kept_links(twin) for twin in twins]
        for name, version in mine.items():
            if version in seen:
                continue
            seen.add(version)
            same = [links[name] for links in theirs if name in links]
            if version in same:
                continue  # shared with a kept release at this path: so is everything below it
            todo.append((store / version, [store / other for other in same]))
        if folder.parent == store and folder.name.split(".", 1)[0] <= newest:
            shutil.rmtree(folder, ignore_errors=True)  # its sub-folders are already listed above
            stats["removed"] += 1


def _sweep(root, kept, newest, stats=None):
    """Delete directory versions that no kept release reaches (every folder they reach is listed).
    Versions made by a build still running (named after a release newer than ``newest``) are left
    alone."""
    stats = stats if stats is not None else {"listed": 0, "removed": 0}
    stats["full"] = True
    store = root / DIRS
    if not store.is_dir():
        return
    reachable, todo = set(), [root / "releases" / name for name in kept]
    while todo:
        folder = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        stats["listed"] += 1
        for entry in entries:
            if entry.is_symlink():
                version = Path(os.readlink(entry.path)).name
                if version not in reachable:
                    reachable.add(version)
                    todo.append(store / version)
    for entry in os.scandir(store):
        if entry.name not in reachable and entry.name.split(".", 1)[0] <= newest:
            shutil.rmtree(entry.path, ignore_errors=True)
            stats["removed"] += 1
