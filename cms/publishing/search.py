"""The Pagefind search index, split into shards so a publish re-indexes only a bounded set of pages.

Pagefind has no incremental mode: an index is built from all its pages at once. Each searchable page
(HTML with ``data-pagefind-body``) therefore belongs to a *shard* (``page.search_shard()``, e.g. the
article's year; default ``chung``), each shard is its own Pagefind bundle under ``pagefind/<shard>/``, and the
search page merges the bundles listed in ``pagefind/shards.json`` (Pagefind's ``mergeIndex``). A publish
re-indexes only the shards whose pages changed, so its cost depends on the size of one shard, not of the site.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SEARCH_DIR = "pagefind"
SHARDS_PATH = f"{SEARCH_DIR}/shards.json"
DEFAULT_SHARD = "chung"
MARKER = b"data-pagefind-body"
_SAFE = re.compile(r"[^a-z0-9-]+")


def shard_for(page, html):
    """The shard of a rendered page, or None if the page is not searchable."""
    if MARKER not in html:
        return None
    custom = getattr(page, "search_shard", None)
    key = str(custom()) if callable(custom) else DEFAULT_SHARD
    return _SAFE.sub("-", key.lower()).strip("-") or DEFAULT_SHARD


def shard_members(files):
    """{shard: sorted HTML paths} from manifest file entries."""
    members = {}
    for path, entry in files.items():
        if entry.get("shard"):
            members.setdefault(entry["shard"], []).append(path)
    return {shard: sorted(paths) for shard, paths in members.items()}


def shards_json(shards):
    """The list of shard bundles the search page merges, newest first."""
    return json.dumps(sorted(shards, reverse=True)).encode()


def build_shard(locate, shard, paths):
    """Index the pages ``paths`` as one shard; returns {"pagefind/<shard>/…": bytes}.

    ``locate(rel)`` gives the file of the release being built (a release folder also works).
    """
    if not callable(locate):
        folder = Path(locate)

        def locate(rel):
            return folder / rel

    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        site, out = Path(tmp) / "site", Path(tmp) / "out"
        for rel in paths:
            # The shard's pages at their own paths, so Pagefind gives results their real URLs. Links only:
            # nothing may write into a release's files (they are shared with the live release).
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(locate(rel), target)
            except OSError:
                shutil.copyfile(locate(rel), target)
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out), "--silent"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise RuntimeError(f"Pagefind lỗi: {result.stderr.strip() or result.stdout.strip()}")
        return {
            f"{SEARCH_DIR}/{shard}/{path.relative_to(out).as_posix()}": path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file()
        }
