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

    spares/<quoted folder>@<version>@<epoch>/   a complete copy of dirs/<version> (the folder's live version)
    spares/.tmp-<pid>-<hex>/                    a copy being made (renamed into place when complete)
    spares/.epoch                               the current epoch: a repair of the site starts a new one

Rules that keep it safe across threads and processes:

- A spare is visible only once complete (made under a temporary name, then renamed).
- Whoever takes a spare, a build or the clean-up, does so by renaming it away (atomic): one wins, the
  other finds nothing.
- A build uses the spare of ``<folder>@<version>`` only if ``<version>`` is the live release's version of
  that folder, so the copy equals exactly what it replaces.
- Spares hold relative links (``../<child version>``) that resolve once renamed into ``dirs/``; nothing
  serves or reads ``spares/``.
- A spare hard-links the folder's files, so a file defaced in place is defaced in its spares too. An
  integrity repair (``integrity.repair_local``) therefore starts a new *epoch* (``forget``): spares of an
  older epoch, including one a thread was still copying during the repair, are never used again.
- A claimed spare must be a real folder (not a link planted in ``spares/``), or it is refused.
"""

import logging
import os
import shutil
import stat
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


def spare_name(rel_dir, version, epoch):
    """The spare's folder name for folder ``rel_dir`` (release-relative) at directory version ``version``,
    made in ``epoch``."""
    return f"{quote(rel_dir, safe='')}@{version}@{epoch}"


def _parse(name):
    """(rel_dir, version, epoch) of a spare's folder name, or None for a temporary or foreign name."""
    if name.startswith(".") or name.count("@") != 2:
        return None
    quoted, version, epoch = name.split("@")
    return unquote(quoted), version, epoch


def epoch(root):
    """The current epoch of the spares under ``root`` ("0" before the first repair)."""
    try:
        return (spares_dir(root) / ".epoch").read_text().strip() or "0"
    except (OSError, UnicodeDecodeError):
        return "0"


def _names(root):
    try:
        return [name for name in os.listdir(spares_dir(root)) if _parse(name)]
    except OSError:  # no folder yet, or something else in its place: no spares, only slower builds
        return []


class Available:
    """The complete spares of the current epoch under ``root``, listed once for one build."""

    def __init__(self, root):
        self.root = root
        self.epoch = epoch(root) if settings.SITE_SPARE_MIN_ENTRIES > 0 else None
        self.names = set(_names(root)) if self.epoch is not None else set()

    def __bool__(self):
        return bool(self.names)

    def claim(self, rel_dir, version, dest):
        """Move the spare of ``rel_dir`` at ``version`` to ``dest`` (a new directory version's path, which
        must not exist). True when taken; False when there is none, another process took it first, or it
        is not a real folder: the caller then makes the folder the usual way."""
        name = spare_name(rel_dir, version, self.epoch)
        if name not in self.names:
            return False
        source = spares_dir(self.root) / name
        try:
            if not stat.S_ISDIR(os.lstat(source).st_mode):
                return False  # a link or a file planted in spares/ is never moved into dirs/
            os.rename(source, dest)
        except FileNotFoundError:
            return False
        if os.path.islink(dest) or not dest.is_dir():  # swapped between the check and the rename
            os.unlink(dest)
            return False
        return True


def forget(root):
    """Start a new epoch and remove every spare (after a repair of the site: a spare may hold a hard link
    to a file that was defaced in place, or a link that was tampered with)."""
    folder = spares_dir(root)
    try:
        folder.mkdir(exist_ok=True)
        tmp = folder / f"{_TMP}epoch-{uuid.uuid4().hex}"
        tmp.write_text(uuid.uuid4().hex)
        os.replace(tmp, folder / ".epoch")
    except OSError:
        logger.exception("Không ghi được kỷ nguyên mới của bản sao dự phòng (%s)", folder)
    for name in _names(root):
        _discard(root, name)


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
    if os.path.isdir(trash) and not os.path.islink(trash):
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.unlink(trash)  # a file or a link someone put there


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
    now = epoch(root)  # read before copying: a repair meanwhile makes these copies void
    have = set(_names(root))
    for rel_dir, version in candidates:
        name = spare_name(rel_dir, version, now)
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
    current = epoch(root)
    for name in _names(root):
        rel_dir, version, made_in = _parse(name)
        if made_in != current or _live_version(root, rel_dir) != version:
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
