"""``manifest.json``: every published file with its sha256 and size, plus what the next build needs.

The integrity check (a later issue) compares the live site with ``files``; the incremental builder uses
``source`` (which output produced a file), ``refs`` (the images and documents a page uses, resolved
through the models: ``image:<id>``, ``document:<id>``) and ``pages`` (for each
public page, the outputs that show it) to know what to re-render and what to remove.
"""

import hashlib
import json
from dataclasses import dataclass, field

MANIFEST_PATH = "manifest.json"
FORMAT = 2  # 2: refs are object references (image:<id>, document:<id>), not media paths


def sha256(data):
    return hashlib.sha256(data).hexdigest()


@dataclass
class Manifest:
    """In-memory form of ``manifest.json``."""

    release: str = ""
    built_at: str = ""
    files: dict = field(default_factory=dict)  # path -> {"sha256", "size", "source", ["refs"], ["shard"]}
    pages: dict = field(default_factory=dict)  # str(page id) -> {"depth": int, "deps": [source, ...]}

    @classmethod
    def from_bytes(cls, data):
        raw = json.loads(data)
        if raw.get("format") != FORMAT:
            return cls()
        return cls(
            release=raw.get("release", ""),
            built_at=raw.get("built_at", ""),
            files=raw.get("files", {}),
            pages=raw.get("pages", {}),
        )

    def to_bytes(self):
        raw = {
            "format": FORMAT,
            "release": self.release,
            "built_at": self.built_at,
            "files": self.files,
            "pages": self.pages,
        }
        return json.dumps(raw, ensure_ascii=False, sort_keys=True, indent=1).encode()


def entry_for(data, source, refs=None, shard=None, links=None):
    """A manifest entry for file content ``data`` produced by ``source``.

    ``refs``: object references (``image:<id>``) of the page's images and documents; ``shard``: the
    search index shard of a searchable page.
    """
    entry = {"sha256": sha256(data), "size": len(data), "source": source}
    if refs:
        entry["refs"] = sorted(refs)
    if shard:
        entry["shard"] = shard
    if links:
        entry["links"] = sorted(links)  # internal pages this HTML links to (re-rendered when one goes)
    return entry
