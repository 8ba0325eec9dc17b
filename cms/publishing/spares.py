"""Spare copies of large folder versions, made after a swap so the next publish does not copy them.

A release gives a new version to every folder on the path to a changed file (``targets.local``), and a
new version holds one entry per entry of the old one: a section folder with one sub-folder per article
costs one symlink per article on every publish in that section (about 8,800 at 50,000 pages, a third of
the time to "live"). Instead, right after a swap, a background thread copies each large folder version
that the build made live into ``spares/`` (decision record 0015, "Spare folder versions"). The next build
that needs a new version of the same folder, while that version is still the live one, *renames* the
spare into ``dirs/`` (one rename(2)) and changes only the entries that differ. The copy is the same
work as before, moved off the path to "live".

Layout::

    spares/<quoted folder>@<version>/     a complete copy of dirs/<version> (the folder's live version)
    spares/.tmp-<pid>-<hex>/              a copy being made (renamed into place when complete)

Rules that keep it safe across threads and processes:

- A spare is visible only once complete (made under a temporary name, then renamed).
- Whoever takes a spare, a build or the clean-up, does so by renaming it away (atomic): one wins, the
  other finds nothing.
- A build uses the spare of ``<folder>@<version>`` only if ``<version>`` is the live release's version of
  that folder, so the copy equals exactly what it replaces.
- Spares hold relative links (``../<child version>``) that resolve once renamed into ``dirs/``; nothing
  serves or reads ``spares/``.
"""

import logging
import os
import shutil
import time
import uuid
from pathlib import Path
from urllib.parse import quote, unquote

from django.conf import settings

logger = logging.getLogger(__name__)

SPARES = "spares"
_TMP = ".tmp-"
_TRASH = ".trash-"
STALE_TMP_S = 600  # a temporary copy older than this belongs to a killed process


def spares_dir(root):
    """The folder of spare copies under the site root ``root`` (beside ``dirs/`` and ``releases/``)."""
    return Path(root) / SPARES


def spare_name(rel_dir, version):
    """The spare's folder name for folder ``rel_dir`` (release-relative) at directory version ``version``."""
    return f"{quote(rel_dir, safe='')}@{version}"


def _parse(name):
    """(rel_dir, version) of a spare's folder name, or None for a temporary or foreign name."""
    if name.startswith(".") or "@" not in name:
        return None
    quoted, version = name.rsplit("@", 1)
    return unquote(quoted), version


def available(root):
    """Names of the complete spares under ``root`` (one listing; an empty set when there are none)."""
    try:
        return {name for name in os.listdir(spares_dir(root)) if _parse(name)}
    except FileNotFoundError:
        return set()


def claim(root, rel_dir, version, dest):
    """Move the spare of ``rel_dir`` at ``version`` to ``dest`` (a new directory version's path, which must
    not exist). Returns True when the spare was taken, False when there is none (or another process took
    it first): the caller then makes the folder the usual way."""
    try:
        os.rename(spares_dir(root) / spare_name(rel_dir, version), dest)
    except FileNotFoundError:
        return False
    return True


def _copy(source, dest):
    """Copy the folder version ``source`` entry by entry into the new folder ``dest``: links keep their
    text, files are hard-linked (directory versions hold no real sub-folders). Returns the entry count."""
    os.mkdir(dest)
    count = 0
    for entry in os.scandir(source):
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), os.path.join(dest, entry.name))
        else:
            os.link(entry.path, os.path.join(dest, entry.name))
        count += 1
    return count


def _discard(root, name):
    """Remove spare ``name`` after taking it by rename (so a build cannot be handed half a folder)."""
    trash = spares_dir(root) / f"{_TRASH}{uuid.uuid4().hex}"
    try:
        os.rename(spares_dir(root) / name, trash)
    except FileNotFoundError:
        return
    shutil.rmtree(trash, ignore_errors=True)


def _live_version(root, rel_dir):
    """The directory version the live release links at ``rel_dir``, or None (gone, or not a link)."""
    try:
        return os.path.basename(os.readlink(Path(root) / "current" / rel_dir))
    except OSError:
        return None


def refresh(root, candidates):
    """After a swap: copy each of ``candidates`` ((rel_dir, version) pairs, the large folder versions the
    build made live) that has at least ``SITE_SPARE_MIN_ENTRIES`` entries into a spare, then remove the
    spares that no longer match the live release (their folder got another version, or went away), and
    temporary copies left by a killed process. Returns {"made": n, "removed": n}.

    Runs in the release clean-up thread (``release.prune_in_background``), never on the path to "live".
    Errors are logged by the caller; a missing spare only makes the next publish slower."""
    stats = {"made": 0, "removed": 0}
    minimum = settings.SITE_SPARE_MIN_ENTRIES
    folder = spares_dir(root)
    have = available(root)
    for rel_dir, version in candidates:
        name = spare_name(rel_dir, version)
        if minimum <= 0 or name in have or len(name) > 200 or _live_version(root, rel_dir) != version:
            continue
        source = Path(root) / "dirs" / version
        folder.mkdir(exist_ok=True)
        tmp = folder / f"{_TMP}{os.getpid()}-{uuid.uuid4().hex}"
        try:
            if sum(1 for _ in os.scandir(source)) < minimum:
                continue
            _copy(source, tmp)
            os.rename(tmp, folder / name)  # visible only now, complete
            stats["made"] += 1
        except OSError:
            # The version went away meanwhile (pruned after a newer swap), or the copy exists already.
            shutil.rmtree(tmp, ignore_errors=True)
    for name in available(root):
        rel_dir, version = _parse(name)
        if _live_version(root, rel_dir) != version:
            _discard(root, name)
            stats["removed"] += 1
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        entries = []
    for entry in entries:
        if entry.name.startswith((_TMP, _TRASH)):
            try:
                old = time.time() - entry.stat(follow_symlinks=False).st_mtime > STALE_TMP_S
            except FileNotFoundError:
                continue
            if old:
                shutil.rmtree(entry.path, ignore_errors=True)
    return stats
