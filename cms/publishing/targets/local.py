"""Local target: each build is a new release folder, swapped in with one atomic rename of `current`.

Unchanged files are hard-linked from the live release, so a release costs only the files that changed.
Hard links share bytes with the live release: files are therefore only ever created, never rewritten.
"""

import os
import shutil

from .. import release
from ..manifest import MANIFEST_PATH, Manifest


def live_manifest():
    """The manifest of the live release (empty before the first build or if unreadable)."""
    path = release.current_dir() / MANIFEST_PATH
    try:
        return Manifest.from_bytes(path.read_bytes())
    except (OSError, ValueError):
        return Manifest()


class LocalRelease:
    """A release being built next to the live one; ``activate()`` swaps it in, ``abandon()`` drops it."""

    def __init__(self):
        self.release_id, self.path = release.start_release()
        live = release.current_dir()
        self.previous = live.resolve() if live.exists() else None

    def write(self, rel, data):
        """Create a new file ``rel`` with ``data``."""
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)

    def keep(self, rel):
        """Carry ``rel`` over unchanged from the live release (hard link, or copy across file systems)."""
        source = self.previous / rel if self.previous else None
        if source is None or not source.is_file():
            return False
        target = self.path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return True

    def read(self, rel):
        return (self.path / rel).read_bytes()

    def activate(self):
        return release.activate(self.release_id, self.path)

    def abandon(self):
        release.abandon(self.path)
