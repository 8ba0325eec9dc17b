"""Local target: each build is a new release, swapped in with one atomic rename of `current`.

A release shares every unchanged *directory* with the previous one (decision record 0015). Directory
versions live in ``dirs/<version>/`` (immutable once written); a release is a small root folder
``releases/<id>/`` whose sub-folders are relative symlinks to directory versions. A build creates a new
version only for the directories where a file was written or removed, and for their ancestors (path
copying, as in a persistent tree): inside such a directory the unchanged files are hard-linked and the
unchanged sub-directories are symlinked to their existing versions. The file operations of a publish
are therefore proportional to the changed outputs and the entries of the directories holding them,
never to the size of the site. Nothing that a live release reaches is ever modified, so the swap of
`current` stays atomic: a reader resolves one release and sees only its files.

Servers follow symlinks (nginx by default, ``serve_site``, the S3 upload reads through them); walk a
release with ``release.walk_files`` (``Path.rglob`` does not enter symlinked folders before 3.13).
"""

import os
import shutil
from pathlib import PurePosixPath

from django.conf import settings

from .. import release, spares
from ..manifest import MANIFEST_PATH, Manifest, sha256

# The manifest this process last made live, by the sha256 of its root: the next build in the same process
# (the task worker) reuses it instead of reading one part per folder again (about 0.25 s at 1,000 pages,
# growing with the number of folders). Read only: builds derive new dictionaries from it.
_remembered = {}


def remember(manifest, root_bytes):
    """Keep ``manifest`` (whose root is ``root_bytes``) for the next ``live_manifest()`` in this process."""
    _remembered.clear()
    _remembered[sha256(root_bytes)] = manifest


def live_manifest():
    """The manifest of the live release with all its parts (empty before the first build, or if it is
    unreadable or does not match its parts: the next build is then a full one). Only the root is read
    when this process built the live release (``remember``)."""
    try:
        root = release.current_dir().resolve()  # resolved once: one release, even mid-swap
        data = (root / MANIFEST_PATH).read_bytes()
        known = _remembered.get(sha256(data))
        if known is not None:
            return known
        return Manifest.from_bytes(data, lambda path, _digest: (root / path).read_bytes())
    except (OSError, ValueError):
        return Manifest()


# A folder that loses more entries than this in one build is made afresh, not from its spare copy.
SPARE_MAX_EDITS = 64


def _parent(rel):
    parent = PurePosixPath(rel).parent.as_posix()
    return "" if parent == "." else parent


class LocalRelease:
    """A release being built next to the live one; ``activate()`` swaps it in, ``abandon()`` drops it.

    ``ops`` counts the file-system operations of the build (``write``, ``link``, ``symlink``,
    ``mkdir``): the O(changed) guarantee is tested on these counts.
    """

    def __init__(self):
        self.release_id, self.path = release.start_release()
        live = release.current_dir()
        self.previous = live.resolve() if live.exists() else None
        self._versions = {"": self.path}  # directory (release-relative) -> its new version folder
        self._removed = set()
        self._written = set()
        self._count = 0
        self.ops = {"write": 0, "link": 0, "symlink": 0, "mkdir": 0, "spare": 0, "unlink": 0}
        self._finished = False
        # Complete copies of large live folder versions (``spares``): a new version of such a folder is
        # the copy, renamed into place, with only its changed entries edited (decision record 0015).
        self._spares = spares.Available(release.site_root()) if self.previous is not None else None
        self._spared = set()  # folders whose new version started as a spare
        self._large = []  # (folder, version) of the new versions worth a spare after the swap

    # --- building --------------------------------------------------------------------------------------
    def _version(self, rel_dir, spare=True):
        """The new version folder of directory ``rel_dir`` (created on first use; from the live version's
        spare copy when there is one and ``spare``)."""
        folder = self._versions.get(rel_dir)
        if folder is None:
            self._count += 1
            folder = release.dirs_dir() / f"{self.release_id}.{self._count}"
            if spare and self._claim_spare(rel_dir, folder):
                self.ops["spare"] += 1
                self._spared.add(rel_dir)
            else:
                folder.mkdir(parents=True)
                self.ops["mkdir"] += 1
            self._versions[rel_dir] = folder
        return folder

    def _claim_spare(self, rel_dir, folder):
        """Take the spare copy of the live version of ``rel_dir`` as ``folder`` (False: there is none)."""
        if not rel_dir or not self._spares:
            return False
        try:
            version = PurePosixPath(os.readlink(self.previous / rel_dir)).name
        except OSError:
            return False  # new folder, or a real folder of an old-layout release
        folder.parent.mkdir(parents=True, exist_ok=True)
        return self._spares.claim(rel_dir, version, folder)

    def write(self, rel, data):
        """Create file ``rel`` with ``data`` in the new release."""
        folder = self._version(_parent(rel))
        target = folder / PurePosixPath(rel).name
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        self._written.add(rel)
        self.ops["write"] += 1

    def keep(self, rel):
        """``rel`` is carried over unchanged from the live release (shared, nothing to do now)."""
        return self.previous is not None

    def remove(self, rels):
        """Files of the live release that the new one no longer has."""
        self._removed |= set(rels)

    def locate(self, rel):
        """The file ``rel`` of the release being built: written by this build, else the live one's."""
        folder = self._versions.get(_parent(rel))
        if folder is not None and (folder / PurePosixPath(rel).name).is_file():
            return folder / PurePosixPath(rel).name
        return self.previous / rel

    def read(self, rel):
        return self.locate(rel).read_bytes()

    def _old_dir(self, rel_dir):
        if self.previous is None:
            return None
        old = self.previous / rel_dir if rel_dir else self.previous
        return old if old.is_dir() else None

    def _link_target(self, rel_dir, version):
        """Relative symlink text from the folder of ``rel_dir`` to directory version ``version``."""
        return f"../../{release.DIRS}/{version}" if rel_dir == "" else f"../{version}"

    def _adopt(self, old):
        """Copy a directory of an old-layout release (real folders) into directory versions; returns the
        version name. Runs once, on the first build after an upgrade."""
        self._count += 1
        name = f"{self.release_id}.{self._count}"
        folder = release.dirs_dir() / name
        folder.mkdir(parents=True)
        self.ops["mkdir"] += 1
        for entry in os.scandir(old):
            if entry.is_symlink():
                os.symlink(os.readlink(entry.path), folder / entry.name)
                self.ops["symlink"] += 1
            elif entry.is_dir():
                os.symlink(f"../{self._adopt(entry.path)}", folder / entry.name)
                self.ops["symlink"] += 1
            else:
                os.link(entry.path, folder / entry.name)
                self.ops["link"] += 1
        return name

    def finish(self):
        """Give every changed directory (and its ancestors) a complete new version: unchanged files
        hard-linked, unchanged sub-directories symlinked to their current version."""
        if self._finished:
            return
        self._finished = True
        dirty = set(self._versions)
        for rel in self._removed:
            dirty.add(_parent(rel))
        for rel_dir in list(dirty):
            while rel_dir:
                rel_dir = _parent(rel_dir)
                dirty.add(rel_dir)
        children = {}
        for rel_dir in dirty:
            if rel_dir:
                children.setdefault(_parent(rel_dir), []).append(rel_dir)
        empty = set()
        minimum = settings.SITE_SPARE_MIN_ENTRIES
        removed_in = {}
        for rel in self._removed:
            removed_in[_parent(rel)] = removed_in.get(_parent(rel), 0) + 1
        for rel_dir in sorted(dirty, key=lambda d: (-d.count("/") - (1 if d else 0), d)):
            # A folder that only loses entries takes its spare only when it loses few of them: a search
            # shard's content-addressed folder goes away whole, and emptying a copy would cost more.
            gone = removed_in.get(rel_dir, 0) + sum(1 for c in children.get(rel_dir, ()) if c in empty)
            folder = self._version(rel_dir, spare=gone <= SPARE_MAX_EDITS)
            if rel_dir in self._spared:
                self._edit_spared(rel_dir, folder, children.get(rel_dir, ()), empty)
                with os.scandir(folder) as entries:
                    emptied = next(entries, None) is None
                if emptied:
                    folder.rmdir()
                    empty.add(rel_dir)
                else:
                    self._large.append((rel_dir, folder.name))
                continue
            present = set(os.listdir(folder))
            count = len(present)
            old = self._old_dir(rel_dir)
            if old is not None:
                for entry in os.scandir(old):
                    name = entry.name
                    rel = f"{rel_dir}/{name}" if rel_dir else name
                    if name in present or rel in dirty or name.endswith(".tmp"):
                        continue
                    # A link in a directory version is always a folder link (no file links are made);
                    # d_type answers is_symlink() without a system call, is_dir() would stat the target.
                    if entry.is_symlink():
                        version = PurePosixPath(os.readlink(entry.path)).name
                        os.symlink(self._link_target(rel_dir, version), folder / name)
                        self.ops["symlink"] += 1
                        count += 1
                    elif entry.is_dir():
                        os.symlink(self._link_target(rel_dir, self._adopt(entry.path)), folder / name)
                        self.ops["symlink"] += 1
                        count += 1
                    elif rel not in self._removed:
                        os.link(entry.path, folder / name)
                        self.ops["link"] += 1
                        count += 1
            for child in children.get(rel_dir, ()):
                name = PurePosixPath(child).name
                if child in empty:
                    continue
                os.symlink(self._link_target(rel_dir, self._versions[child].name), folder / name)
                self.ops["symlink"] += 1
                count += 1
            if rel_dir and not count:
                folder.rmdir()  # every file of this directory went away: it is left out
                empty.add(rel_dir)
            elif rel_dir and old is not None and minimum > 0 and count >= minimum:
                # Worth a spare: large, and a folder that lives on from build to build (a new
                # content-addressed folder, such as a search shard's, is never edited, only replaced).
                self._large.append((rel_dir, folder.name))

    def _edit_spared(self, rel_dir, folder, children, empty):
        """Make ``folder``, a copy of the live version of ``rel_dir``, into its new version: remove the
        files this build dropped, and point the changed sub-folders at their new versions (or remove
        them when they went away). The files this build wrote are in place already (``write``)."""
        prefix = f"{rel_dir}/"
        for rel in self._removed:
            if rel.startswith(prefix) and "/" not in rel[len(prefix) :] and rel not in self._written:
                try:
                    os.unlink(folder / rel[len(prefix) :])
                    self.ops["unlink"] += 1
                except FileNotFoundError:
                    pass
        for child in children:
            path = folder / PurePosixPath(child).name
            if child in empty:
                if path.is_symlink():  # not a file of the same name written by this build
                    path.unlink()
                    self.ops["unlink"] += 1
                continue
            tmp = path.with_name(path.name + ".tmp")
            os.symlink(self._link_target(rel_dir, self._versions[child].name), tmp)
            os.replace(tmp, path)  # replaces the old link itself (rename does not follow it)
            self.ops["symlink"] += 1

    def activate(self):
        self.finish()
        return release.activate(self.release_id, self.path, spares=self._large)

    def abandon(self):
        release.abandon(self.path)
        for rel_dir, folder in self._versions.items():
            if rel_dir:
                shutil.rmtree(folder, ignore_errors=True)
