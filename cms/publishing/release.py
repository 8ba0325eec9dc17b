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


def activate(release_id, building_path):
    """Move the finished build into place and swap `current` to it with one rename(2)."""
    final = releases_dir() / release_id
    os.replace(building_path, final)
    tmp_link = site_root() / f".current-{release_id}"
    os.symlink(Path("releases") / release_id, tmp_link)
    os.replace(tmp_link, current_dir())  # atomic: readers see the old release or the new one, never a mix
    prune_in_background()
    return final


def switch_to(release_id):
    """Point `current` at an existing release (used by rollback)."""
    if not (releases_dir() / release_id).is_dir():
        raise FileNotFoundError(release_id)
    tmp_link = site_root() / f".current-{release_id}"
    os.symlink(Path("releases") / release_id, tmp_link)
    os.replace(tmp_link, current_dir())


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
_prune_thread = None


def prune_in_background():
    """Start ``prune`` in a daemon thread (one at a time) and return at once."""
    global _prune_thread
    thread = threading.Thread(target=_prune_safely, args=(site_root(),), name="prune-releases", daemon=True)
    _prune_thread = thread
    thread.start()


def wait_for_prune(timeout=60):
    """Wait for the background prune started by the last swap (tests, management commands)."""
    if _prune_thread is not None:
        _prune_thread.join(timeout)


def _prune_safely(root):
    try:
        prune(root)
    except Exception:  # noqa: BLE001 - a failed clean-up is retried after the next swap
        logger.exception("Removing old releases failed")


def prune(root=None):
    """Keep the newest SITE_KEEP_RELEASES releases (and always the live one); drop stale partial builds
    and every directory version no kept release reaches."""
    root = Path(root) if root is not None else site_root()
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
        for name in releases[:-keep]:
            if name != live:
                shutil.rmtree(releases_path / name, ignore_errors=True)
        kept = [name for name in releases[-keep:]] + ([live] if live and live not in releases[-keep:] else [])
        for stale in releases_path.glob(".building-*"):
            # A build left over from a killed process: older than every finished release.
            if releases and stale.name.removeprefix(".building-") < releases[-1]:
                shutil.rmtree(stale, ignore_errors=True)
        _sweep(root, kept, releases[-1] if releases else "")
    from .integrity import prune_manifests

    prune_manifests(set(list_releases()))


def _sweep(root, kept, newest):
    """Delete directory versions that no kept release reaches. Versions made by a build still running
    (named after a release newer than ``newest``) are left alone."""
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
        for entry in entries:
            if entry.is_symlink():
                version = Path(os.readlink(entry.path)).name
                if version not in reachable:
                    reachable.add(version)
                    todo.append(store / version)
    for entry in os.scandir(store):
        if entry.name not in reachable and entry.name.split(".", 1)[0] <= newest:
            shutil.rmtree(entry.path, ignore_errors=True)
