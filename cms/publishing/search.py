"""The search index, split into shards so a publish re-indexes only a bounded set of pages.

An index is built from all its pages at once. Each searchable page (HTML with ``data-search-body``)
therefore belongs to a *shard* (``page.search_shard()``, e.g. the article's year; default ``chung``), each
shard is its own index under ``chi-muc/<shard>/`` (``search_index``), and the search page queries every
shard listed in ``chi-muc/shards.json``. A publish re-indexes only the shards whose pages changed, so its
cost depends on the size of one shard, not of the site.
"""

import hashlib
import json
import os
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


def build_shard(locate, shard, paths, digests=None, names=None):
    """Index the pages ``paths`` as one shard; returns {"chi-muc/<shard>/…": bytes}.

    ``locate(rel)`` gives the file of the release being built (a release folder also works). ``digests``
    ({path: sha256 of the file}, from the manifest) lets unchanged pages come from the records cache
    (:class:`RecordsCache`): a publish then parses only the pages that changed, not the whole shard.
    ``names``: ``pupil_full_names()`` when the caller indexes several shards (read once per build).

    The index is the site's own pre-folded syllable index (``search_index``, decision 0016).
    """
    from cms.core.people import pupil_full_names, redact

    if not callable(locate):
        folder = Path(locate)

        def locate(rel):
            return folder / rel

    if names is None:
        names = pupil_full_names()  # the index shows pupils by given name only, as bylines do
    cache = RecordsCache(shard, names) if digests is not None else None
    records = []
    # One string object per distinct term: a shard's records hold every page's terms at once (hundreds a
    # page, most of them shared with other pages), which would otherwise be one copy per page.
    canonical = {}
    for rel in paths:
        digest = (digests or {}).get(rel)
        found = cache.get(rel, digest) if cache is not None else None
        if found is None:
            html = locate(rel).read_bytes()
            found = []
            for record in search_index.extract_all(html, search_index.url_for_path(rel)):
                record = {k: redact(v, names) if k != "url" else v for k, v in record.items()}
                # The index needs the terms, never the text again: it is not kept (nor cached).
                record["terms"] = sorted(search_index.terms_of(record.pop("text")))
                found.append(record)
            if cache is not None and digest:
                cache.put(rel, digest, found)
        for record in found:
            record.pop("text", None)  # a record cached before the text was left out
            record["terms"] = [canonical.setdefault(term, term) for term in record["terms"]]
        records.extend(found)
    del canonical
    if cache is not None:
        cache.save(paths)
    return {f"{SEARCH_DIR}/{shard}/{name}": data for name, data in search_index.build_index(records).items()}


def names_digest(names):
    """A digest of the pupils' names a shard is redacted with (``pupil_full_names()``)."""
    return hashlib.sha256(json.dumps(sorted(names.items())).encode()).hexdigest()


def _records_dir():
    from . import release

    return release.site_root() / ".search-records"


def indexed_with(shard, digest):
    """True when ``shard``'s index was last built with the names of ``digest`` (its records cache says so;
    no cache: False, the shard is indexed again)."""
    try:
        return (_records_dir() / f"{_SAFE.sub('-', shard)}.names").read_text() == digest
    except OSError:
        return False


def mark_indexed(shards, digest):
    """Record that the live index of ``shards`` was made with the names of ``digest`` (after the release
    holding it went live): read by ``indexed_with`` on every build, a few bytes per shard."""
    folder = _records_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for shard in shards:
        path = folder / f"{_SAFE.sub('-', shard)}.names"
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(digest)
        os.replace(tmp, path)


def forget_indexed(shards=None):
    """Mark ``shards`` (None: every shard) as not indexed (``indexed_with`` answers False until
    ``mark_indexed``). Done before a release whose pages changed in them goes live, so a search follow-up
    that never runs is made up for by the next build; and for every shard after a rollback, which puts
    another release's index live (made with the pupils' names of its day)."""
    folder = _records_dir()
    if shards is None:
        markers = folder.glob("*.names")
    else:
        markers = [folder / f"{_SAFE.sub('-', shard)}.names" for shard in shards]
    for marker in markers:
        marker.unlink(missing_ok=True)


class RecordsCache:
    """The redacted search records (with their terms) of one shard's pages, by path and file sha256.

    Kept beside the releases (``SITE_OUTPUT_DIR/.search-records/<shard>.json``, never served): re-indexing a
    shard after a publish parses only the pages whose bytes changed. The cache is void when the list of
    pupils' names to redact changes (its digest is stored), so a name is never kept in a cached record.
    A missing or unreadable cache only costs time.
    """

    def __init__(self, shard, names):
        from . import release

        self.path = release.site_root() / ".search-records" / f"{_SAFE.sub('-', shard)}.json"
        self.names = names_digest(names)
        self.pages = {}
        try:
            raw = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            raw = {}
        if isinstance(raw, dict) and raw.get("names") == self.names and isinstance(raw.get("pages"), dict):
            self.pages = raw["pages"]

    def get(self, rel, digest):
        """Cached records of ``rel`` if its file still has ``digest``; else None."""
        entry = self.pages.get(rel)
        if digest and entry and entry.get("sha256") == digest:
            return entry["records"]
        return None

    def put(self, rel, digest, records):
        self.pages[rel] = {"sha256": digest, "records": records}

    def save(self, paths):
        """Write the cache for exactly ``paths`` (pages that left the shard are dropped)."""
        keep = set(paths)
        data = {"names": self.names, "pages": {p: e for p, e in self.pages.items() if p in keep}}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        with open(tmp, "w", encoding="utf-8") as fh:
            # Written page by page: a shard's records are not held a second time as one string, and each
            # piece goes through the C encoder (``json.dump`` to a file takes the pure-Python one: a quarter
            # of the time of indexing a shard). Same document as ``json.dump(data)``.
            fh.write(f'{{"names":{encode(data["names"])},"pages":{{')
            for position, (path, entry) in enumerate(data["pages"].items()):
                fh.write(f"{',' if position else ''}{encode(path)}:{encode(entry)}")
            fh.write("}}")
        os.replace(tmp, self.path)
