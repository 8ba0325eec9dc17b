"""The search index, split into shards so a publish re-indexes only a bounded set of pages.

An index is built from all its pages at once. Each searchable page (HTML with ``data-search-body``)
therefore belongs to a *shard* (``page.search_shard()``, e.g. the article's year; default ``chung``), each
shard is its own index under ``chi-muc/<shard>/`` (``search_index``), and the search page queries every
shard listed in ``chi-muc/shards.json``. A publish re-indexes only the shards whose pages changed, so its
cost depends on the size of one shard, not of the site.
"""

import json
import re
from pathlib import Path

from . import search_index

SEARCH_DIR = "chi-muc"
SHARDS_PATH = f"{SEARCH_DIR}/shards.json"
DEFAULT_SHARD = "chung"
MARKER = b"data-search-body"
ITEM_MARKER = b"data-search-item"  # a list page whose items are results of their own (search_index)
_SAFE = re.compile(r"[^a-z0-9-]+")


def shard_for(page, html):
    """The shard of a rendered page, or None if the page is not searchable."""
    if MARKER not in html and ITEM_MARKER not in html:
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


def build_shard(locate, shard, paths, names=None):
    """Index the pages ``paths`` as one shard; returns {"chi-muc/<shard>/…": bytes}.

    ``locate(rel)`` gives the file of the release being built (a release folder also works). ``names``:
    ``pupil_full_names()`` when the caller indexes several shards (read once per build, not per shard).

    The index is the site's own pre-folded syllable index (``search_index``, decision 0016).
    """
    from cms.core.people import pupil_full_names, redact

    if not callable(locate):
        folder = Path(locate)

        def locate(rel):
            return folder / rel

    if names is None:
        names = pupil_full_names()  # the index shows pupils by given name only, as bylines do
    records = []
    for rel in paths:
        html = locate(rel).read_bytes()
        for record in search_index.extract_all(html, search_index.url_for_path(rel)):
            records.append({k: redact(v, names) if k != "url" else v for k, v in record.items()})
    return {f"{SEARCH_DIR}/{shard}/{name}": data for name, data in search_index.build_index(records).items()}
