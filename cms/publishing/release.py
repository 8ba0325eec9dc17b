"""Local release folders with an atomic `current` symlink, so readers never see a half-built site."""

import os
import shutil
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
    prune()
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


def prune():
    """Keep the newest SITE_KEEP_RELEASES releases (and always the live one); drop stale partial builds."""
    keep = max(1, settings.SITE_KEEP_RELEASES)
    live = live_release()
    releases = list_releases()
    for name in releases[:-keep]:
        if name != live:
            shutil.rmtree(releases_dir() / name, ignore_errors=True)
    from .integrity import prune_manifests

    prune_manifests(set(list_releases()))
    for stale in releases_dir().glob(".building-*"):
        # A build left over from a killed process: older than every finished release.
        if releases and stale.name.removeprefix(".building-") < releases[-1]:
            shutil.rmtree(stale, ignore_errors=True)
