"""The build's manifest: every published file with its sha256 and size, plus what the next build needs.

The integrity check compares the live site with ``files``; the incremental builder uses ``source``
(which output produced a file), ``refs`` (the images and documents a page uses, resolved through the
models: ``image:<id>``, ``document:<id>``) and ``pages`` (for each public page, the outputs that show
it) to know what to re-render and what to remove.

On disk (format 3, decision record 0015) the manifest is a hash tree that follows the release's folders,
so a publish rewrites only the parts of the folders it touched, like the shared directory versions:

- ``<folder>/.manifest.json``: ``{"files": {name: entry}, "dirs": {name: sha256 of its part}, "pages":
  {id: entry}}`` for every folder of the site; a page's entry of the pages map sits in the part of the
  folder that holds its own HTML (``page:<id>``), so it is rewritten with it;
- ``manifest.json`` (the root): ``format``, ``release``, ``built_at`` and the top folder's ``files``,
  ``dirs`` and ``pages`` (pages without a file of their own too).

Hashing the root therefore covers every part, and every part is checked against the hash its parent
lists when it is read. Format 2 (one ``manifest.json`` holding every ``files`` and ``pages`` entry) is
still read, so the first build after an upgrade stays incremental.
"""

import hashlib
import json
from bisect import bisect_left
from dataclasses import dataclass, field
from json.encoder import encode_basestring

MANIFEST_PATH = "manifest.json"
PART_NAME = ".manifest.json"  # a folder's part, inside the folder
FORMAT = 3  # 3: a hash tree of parts; 2: one file (still read)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def part_path(folder):
    """The part of folder ``folder`` (release-relative, posix, not empty)."""
    return f"{folder}/{PART_NAME}"


def is_manifest_path(path):
    """True for the root and every part (names no output may take)."""
    return path in (MANIFEST_PATH, PART_NAME) or path.endswith("/" + PART_NAME)


def _join(folder, name):
    return f"{folder}/{name}" if folder else name


def _dumps(raw):
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def _dumps_str(raw):
    return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# A map of a part ("dirs", "files" or "pages") with more entries than this is serialised from its previous
# serialisation, entry by entry (``_encode_map``): a section's folder lists one sub-folder per article
# (about 8,700 at 50,000 pages, 730 KB), and a publish changes one or two of them.
BIG_MAP = 256


def _encode_item(key, value):
    """One ``"key":value`` member exactly as ``_dumps`` writes it inside its map."""
    return (
        encode_basestring(key)
        + ":"
        + (encode_basestring(value) if isinstance(value, str) else _dumps_str(value))
    )


def _encode_map(cache, current, changed):
    """``(sorted keys, their members)`` of the map ``current``: from ``cache`` (the same for the map
    before the change) updating only the keys ``changed`` (O(changed) encodings; the lists are copied, not
    changed in place), or from scratch without a cache."""
    if cache is None:
        keys = sorted(current)
        return keys, [_encode_item(key, current[key]) for key in keys]
    keys, members = list(cache[0]), list(cache[1])
    for key in changed:
        at = bisect_left(keys, key)
        present = at < len(keys) and keys[at] == key
        if key in current:
            member = _encode_item(key, current[key])
            if present:
                members[at] = member
            else:
                keys.insert(at, key)
                members.insert(at, member)
        elif present:
            del keys[at]
            del members[at]
    return keys, members


@dataclass
class Manifest:
    """In-memory form of the manifest: ``files`` and ``pages`` as one dictionary each, whatever the
    layout on disk. ``parts_sha`` (part path -> sha256, the root excluded) is filled by ``from_bytes``
    and by ``parts``."""

    release: str = ""
    built_at: str = ""
    files: dict = field(default_factory=dict)  # path -> {"sha256", "size", "source", ["refs"], ["shard"]}
    pages: dict = field(default_factory=dict)  # str(page id) -> {"depth": int, "deps": [source, ...]}
    parts_sha: dict = field(default_factory=dict, compare=False, repr=False)
    _contents: dict = field(default_factory=dict, compare=False, repr=False)  # part path -> its content
    _root: dict = field(default=None, compare=False, repr=False)  # the root's files, dirs and pages
    _homes: dict = field(default=None, compare=False, repr=False)  # page id -> folder of its entry
    _by_source: dict = field(default=None, compare=False, repr=False)  # source -> [paths]
    _refs: dict = field(default=None, compare=False, repr=False)  # object reference -> files listing it
    _groups: dict = field(default=None, compare=False, repr=False)  # "route:<id>" / "hook" -> {sources}
    _links: dict = field(default=None, compare=False, repr=False)  # linked path -> {files linking it}
    _digests: dict = field(default=None, compare=False, repr=False)  # part sha256 -> folders listing it
    _shared: set = field(default=None, compare=False, repr=False)  # the sha256 listed at two folders or more
    _parts_gone: list = field(default=None, compare=False, repr=False)  # parts of ``previous`` dropped
    # part path -> {map name: (sorted keys, serialised members)} of its big maps (``BIG_MAP``)
    _encoded: dict = field(default=None, compare=False, repr=False)
    # What the builder computed the media files from (``media.MediaState``), kept in memory only: the next
    # build in this process updates the media for what changed instead of listing every file again.
    media_state: object = field(default=None, compare=False, repr=False)

    @classmethod
    def from_bytes(cls, data, read_part=None):
        """Load from the root's bytes. ``read_part(path, sha256) -> bytes`` reads a part (format 3);
        a part whose sha256 differs from the one its parent lists raises ValueError, as does a format-3
        root without ``read_part``. An unknown format gives an empty manifest (a full build)."""
        raw = json.loads(data)
        if raw.get("format") == 2:
            return cls(
                release=raw.get("release", ""),
                built_at=raw.get("built_at", ""),
                files=raw.get("files", {}),
                pages=raw.get("pages", {}),
            )
        if raw.get("format") != FORMAT:
            return cls()
        if read_part is None:
            raise ValueError("A format-3 manifest needs its parts")
        manifest = cls(release=raw.get("release", ""), built_at=raw.get("built_at", ""))

        def read(path, digest):
            part = read_part(path, digest)
            if sha256(part) != digest:
                raise ValueError(f"Manifest part {path} does not match its parent")
            manifest.parts_sha[path] = digest
            content = json.loads(part)
            manifest._contents[path] = content
            return content

        manifest._root = {key: raw.get(key, {}) for key in ("files", "dirs", "pages")}
        todo = [("", raw)]
        while todo:
            folder, content = todo.pop()
            for name, entry in content.get("files", {}).items():
                manifest.files[_join(folder, name)] = entry
            manifest.pages.update(content.get("pages", {}))
            for name, digest in content.get("dirs", {}).items():
                child = _join(folder, name)
                todo.append((child, read(part_path(child), digest)))
        return manifest

    def parts(self, previous=None, changed=None, write=None, pages_changed=None):
        """The parts of this manifest, children before parents and the root last, as a list of
        ``(path, sha256, bytes)``. ``bytes`` is None for a part equal to ``previous``'s (the manifest
        it was built from): that part is carried over, not serialised again. Fills ``parts_sha``.

        ``changed``: the paths whose entry may differ from ``previous`` (added, changed or removed); then
        only the parts of their folders, of the folders of the pages whose entry or home changed, and
        of their ancestors are computed and listed (O(changed), issue 15); the others are ``previous``'s,
        unchanged. Without it (or without a ``previous`` read from a format-3 tree) every part is
        computed. A page's entry sits in the folder of its own ``index.html`` (else of the first of its
        files by folder), or in the root when it has none.

        ``pages_changed``: with ``changed``, the page ids whose ``pages`` entry may differ from
        ``previous``'s (added, changed or removed); every other entry must be ``previous``'s own object.
        Without it every entry is compared (O(pages)).

        ``write(path, bytes)``: called for each part (not the root) whose bytes were computed and differ
        from ``previous``'s, which is then listed with bytes None: a full build does not hold the bytes of
        every part at once (about 50 MB at 50,000 pages)."""
        if changed is not None and previous is not None and previous._root is not None:
            return self._changed_parts(previous, changed, pages_changed)
        self._digests = self._shared = self._parts_gone = self._encoded = None
        groups, homes = {"": {}}, {}
        for path, entry in self.files.items():
            folder, _, name = path.rpartition("/")
            groups.setdefault(folder, {})[name] = entry
            source = entry.get("source", "")
            if source.startswith("page:"):
                pk, rank = source[5:], (name != "index.html", folder)
                if pk not in homes or rank < homes[pk]:
                    homes[pk] = rank  # the folder of the page's own HTML
        pages, self._homes = {}, {}
        for pk, entry in self.pages.items():
            home = homes[pk][1] if pk in homes else ""
            self._homes[pk] = home
            pages.setdefault(home, {})[pk] = entry
        for folder in list(groups):
            while folder:
                folder = folder.rpartition("/")[0]
                groups.setdefault(folder, {})
        subdirs = {}
        for folder in groups:
            if folder:
                parent, _, name = folder.rpartition("/")
                subdirs.setdefault(parent, []).append(name)
        old_contents = previous._contents if previous is not None else {}
        old_sha = previous.parts_sha if previous is not None else {}
        self.parts_sha, self._contents = {}, {}
        out = []

        def add(path, content):
            self._contents[path] = content
            if old_contents.get(path) == content and path in old_sha:
                digest, data = old_sha[path], None
            else:
                data = _dumps(content)
                digest = sha256(data)
                if write is not None and old_sha.get(path) != digest:
                    write(path, data)
                    data = None
            self.parts_sha[path] = digest
            out.append((path, digest, data))

        def dirs_of(folder):
            return {name: self.parts_sha[part_path(_join(folder, name))] for name in subdirs.get(folder, ())}

        for folder in sorted(groups, key=lambda f: (-f.count("/"), f)):
            if folder:
                content = {"files": groups[folder], "dirs": dirs_of(folder), "pages": pages.get(folder, {})}
                add(part_path(folder), content)
        self._root = {"files": groups[""], "dirs": dirs_of(""), "pages": pages.get("", {})}
        out.append(self._root_part())
        return out

    def _root_part(self):
        data = _dumps({"format": FORMAT, "release": self.release, "built_at": self.built_at, **self._root})
        return (MANIFEST_PATH, sha256(data), data)

    def homes(self):
        """{page id: folder whose part holds its pages entry ("" = the root)}, derived once per manifest."""
        if self._homes is None:
            self._homes = {pk: "" for pk in (self._root or {}).get("pages", {})}
            for path, content in self._contents.items():
                folder = path[: -len(PART_NAME) - 1]
                for pk in content.get("pages", {}):
                    self._homes[pk] = folder
        return self._homes

    def _changed_parts(self, previous, changed, pages_changed=None):
        """``parts()`` for the folders ``changed`` touches, everything else carried over (see ``parts``)."""
        prev_contents, prev_sha = previous._contents, previous.parts_sha

        def prev_content(folder):
            return previous._root if folder == "" else prev_contents.get(part_path(folder))

        # New file groups of the folders holding a changed path; pages whose own files changed.
        deltas, page_ranks, lost = {}, {}, set()
        for path in changed:
            folder, _, name = path.rpartition("/")
            new = self.files.get(path)
            deltas.setdefault(folder, {})[name] = new
            old = previous.files.get(path)
            if new is not None and new.get("source", "").startswith("page:"):
                page_ranks.setdefault(new["source"][5:], []).append((name != "index.html", folder))
            if old is not None and old.get("source", "").startswith("page:"):
                lost.add(old["source"][5:])
        groups = {}
        for folder, delta in deltas.items():
            base = prev_content(folder)
            group = dict(base["files"]) if base else {}
            for name, entry in delta.items():
                if entry is None:
                    group.pop(name, None)
                else:
                    group[name] = entry
            groups[folder] = group

        def files_of(folder):
            if folder in groups:
                return groups[folder]
            base = prev_content(folder)
            return base["files"] if base else {}

        # Pages entries: moved to the folder of their own files, added, changed or removed.
        homes = dict(previous.homes())
        prev_pages = previous.pages
        candidates = set(page_ranks) | lost
        if pages_changed is not None:
            candidates |= set(pages_changed)
        else:
            candidates |= {pk for pk, entry in self.pages.items() if prev_pages.get(pk) is not entry}
            candidates |= set(prev_pages) - set(self.pages)
        page_edits = {}  # folder -> {pk: entry or None}
        for pk in candidates:
            old_home = homes.get(pk)
            if pk not in self.pages:
                new_home = None
            else:
                ranks = list(page_ranks.get(pk, ()))
                if old_home is not None:
                    source = f"page:{pk}"
                    kept = [n for n, e in files_of(old_home).items() if e.get("source") == source]
                    if kept:
                        ranks.append(("index.html" not in kept, old_home))
                new_home = min(ranks)[1] if ranks else ""
            if old_home is not None and old_home != new_home:
                page_edits.setdefault(old_home, {})[pk] = None
                del homes[pk]
            if new_home is not None:
                page_edits.setdefault(new_home, {})[pk] = self.pages[pk]
                homes[pk] = new_home
        self._homes = homes

        touched = set(groups) | set(page_edits)
        for folder in list(touched):
            while folder:
                folder = folder.rpartition("/")[0]
                touched.add(folder)
        self._contents, self.parts_sha = dict(prev_contents), dict(prev_sha)
        self._parts_gone = []
        self._encoded = dict(previous._encoded or {})
        out, results = [], {}  # results: folder -> sha256 of its new part, or None when it went away
        edited = {}  # folder -> {map name: keys that may differ from the previous part}

        def content_of(folder):
            base = prev_content(folder) or {"files": {}, "dirs": {}, "pages": {}}
            dirs, names = dict(base["dirs"]), []
            for child, digest in results.items():
                parent, _, name = child.rpartition("/")
                if parent == folder and child:
                    names.append(name)
                    if digest is None:
                        dirs.pop(name, None)
                    else:
                        dirs[name] = digest
            pages = base["pages"]
            if folder in page_edits:
                pages = dict(pages)
                for pk, entry in page_edits[folder].items():
                    if entry is None:
                        pages.pop(pk, None)
                    else:
                        pages[pk] = entry
            edited[folder] = {
                "dirs": names,
                "files": deltas.get(folder, ()),
                "pages": page_edits.get(folder, ()),
            }
            return {"files": files_of(folder), "dirs": dirs, "pages": pages}, base

        for folder in sorted(touched, key=lambda f: (-f.count("/") - (1 if f else 0), f)):
            content, base = content_of(folder)
            if folder == "":
                self._root = content
                continue
            path = part_path(folder)
            if not content["files"] and not content["dirs"]:
                # Emptied: the folder goes (its pages, if any, have moved with their files).
                self._contents.pop(path, None)
                self._encoded.pop(path, None)
                if self.parts_sha.pop(path, None) is not None:
                    self._parts_gone.append(path)
                results[folder] = None
                continue
            if path in prev_sha and content == base:
                digest, data = prev_sha[path], None
            else:
                data = self._serialise(path, content, edited[folder])
                digest = sha256(data)
            self._contents[path] = content
            self.parts_sha[path] = digest
            results[folder] = digest
            out.append((path, digest, data))
        self._carry_digests(previous, [(part_path(f), prev_sha.get(part_path(f))) for f in touched if f])
        out.append(self._root_part())
        return out

    def _serialise(self, path, content, edited):
        """``_dumps(content)`` for the part ``path``, its big maps from their previous serialisation
        (``_encode_map``; ``edited``: {map name: keys that may differ from the previous part})."""
        cached, kept, blocks = self._encoded.get(path) or {}, {}, []
        for name in ("dirs", "files", "pages"):  # the order of ``sort_keys``
            current = content[name]
            if len(current) > BIG_MAP:
                kept[name] = _encode_map(cached.get(name), current, edited[name])
                blocks.append(f'"{name}":{{{",".join(kept[name][1])}}}')
            else:
                blocks.append(f'"{name}":{_dumps_str(current)}')
        if kept:
            self._encoded[path] = kept
        else:
            self._encoded.pop(path, None)
        return ("{" + ",".join(blocks) + "}").encode()

    def _carry_digests(self, previous, touched):
        """This manifest's part-hash counts from ``previous``'s, for the parts ``touched`` (``[(path, its
        sha256 in previous or None)]``) only: O(changed parts); nothing when ``previous`` never derived
        them (``digest_counts`` derives them on use)."""
        if previous._digests is None:
            self._digests = self._shared = None
            return
        counts, shared = dict(previous._digests), set(previous._shared)
        for path, before in touched:
            after = self.parts_sha.get(path)
            if before == after:
                continue
            if before is not None:
                counts[before] -= 1
                if counts[before] == 1:
                    shared.discard(before)
                elif not counts[before]:
                    del counts[before]
            if after is not None:
                counts[after] = counts.get(after, 0) + 1
                if counts[after] == 2:
                    shared.add(after)
        self._digests, self._shared = counts, shared

    def digest_counts(self):
        """{part sha256: number of folders whose part it is} (content-addressed parts: two identical
        folders share one), derived once per manifest, then carried from build to build."""
        if self._digests is None:
            counts = {}
            for digest in self.parts_sha.values():
                counts[digest] = counts.get(digest, 0) + 1
            self._digests = counts
            self._shared = {digest for digest, count in counts.items() if count > 1}
        return self._digests

    def shared_digests(self):
        """The part hashes listed at more than one folder (for the prune of stored parts)."""
        self.digest_counts()
        return self._shared

    def parts_gone(self, previous):
        """The part paths of ``previous`` this manifest no longer has (emptied folders): known from an
        incremental ``parts()``, else every path of both is compared."""
        if self._parts_gone is not None:
            return set(self._parts_gone)
        return set(previous.parts_sha) - set(self.parts_sha)

    # --- indexes for O(changed) builds: derived once per manifest, then carried from build to build ------

    def by_source(self):
        """{source: [paths]} of the files (which output produced which files)."""
        if self._by_source is None:
            index = {}
            for path, entry in self.files.items():
                index.setdefault(entry.get("source", ""), []).append(path)
            self._by_source = index
        return self._by_source

    def ref_counts(self):
        """{object reference (``image:<id>``…): number of files whose entry lists it}."""
        if self._refs is None:
            counts = {}
            for entry in self.files.values():
                for ref in entry.get("refs", ()):
                    counts[ref] = counts.get(ref, 0) + 1
            self._refs = counts
        return self._refs

    def source_groups(self):
        """{"route:<page id>": {its route sources}, "hook": {static-files hook sources}}."""
        if self._groups is None:
            groups = {}
            for source in self.by_source():
                key = _group_of(source)
                if key:
                    groups.setdefault(key, set()).add(source)
            self._groups = groups
        return self._groups

    def linked_from(self):
        """{path: {paths of the files whose entry ``links`` it}}: who links a page that goes away."""
        if self._links is None:
            index = {}
            for path, entry in self.files.items():
                for link in entry.get("links", ()):
                    index.setdefault(link, set()).add(path)
            self._links = index
        return self._links

    def refs_after(self, files, changed):
        """The reference counts of ``files``, which differs from this manifest's only at ``changed``."""
        counts = dict(self.ref_counts())
        for path in changed:
            old, new = self.files.get(path), files.get(path)
            if old is new:
                continue
            for ref in old.get("refs", ()) if old else ():
                counts[ref] -= 1
                if not counts[ref]:
                    del counts[ref]
            for ref in new.get("refs", ()) if new else ():
                counts[ref] = counts.get(ref, 0) + 1
        return counts

    def carry_indexes(self, previous, changed):
        """Derive this manifest's indexes from ``previous``'s, which differs only at the paths ``changed``
        (O(changed)); an index ``previous`` never computed is not carried (it is derived on use)."""
        if previous._by_source is None:
            return
        index, touched = dict(previous._by_source), {}
        for path in changed:
            old, new = previous.files.get(path), self.files.get(path)
            if old is new:
                continue
            for entry, add in ((old, False), (new, True)):
                if entry is None:
                    continue
                source = entry.get("source", "")
                paths = touched.get(source)
                if paths is None:
                    paths = touched[source] = list(index.get(source, ()))
                if add:
                    paths.append(path)
                else:
                    paths.remove(path)
        groups = None
        if previous._groups is not None:
            groups = dict(previous._groups)
        for source, paths in touched.items():
            existed = source in index
            if paths:
                index[source] = paths
            else:
                index.pop(source, None)
            key = _group_of(source)
            if groups is not None and key and existed != bool(paths):
                members = set(groups.get(key, ()))
                (members.add if paths else members.discard)(source)
                if members:
                    groups[key] = members
                else:
                    groups.pop(key, None)
        self._by_source, self._groups = index, groups
        if previous._refs is not None:
            self._refs = previous.refs_after(self.files, changed)
        if previous._links is not None:
            self._links = _links_after(previous, self.files, changed)

    def check_against_whole(self, root_sha):
        """Test settings (``SITE_CHECK_MANIFEST_PARTS``): the parts computed for the changed folders only
        (``root_sha``: the root's sha256) and the carried indexes must equal those derived from scratch;
        raises AssertionError naming what differs."""
        whole = Manifest(release=self.release, built_at=self.built_at, files=self.files, pages=self.pages)
        expected = {path: digest for path, digest, _ in whole.parts()}
        found = {**self.parts_sha, MANIFEST_PATH: root_sha}
        if expected != found:
            differ = sorted(p for p in set(expected) | set(found) if expected.get(p) != found.get(p))
            raise AssertionError(f"Incremental manifest parts differ from the whole tree: {differ[:20]}")
        fresh = Manifest(files=self.files)
        if self._by_source is not None:
            carried = {source: sorted(paths) for source, paths in self._by_source.items()}
            if carried != {source: sorted(paths) for source, paths in fresh.by_source().items()}:
                raise AssertionError("The carried source index differs from the manifest's files")
        if self._refs is not None and self._refs != fresh.ref_counts():
            raise AssertionError("The carried reference counts differ from the manifest's files")
        if self._groups is not None and self._groups != fresh.source_groups():
            raise AssertionError("The carried source groups differ from the manifest's files")
        if self._links is not None and self._links != fresh.linked_from():
            raise AssertionError("The carried link index differs from the manifest's files")
        if self._digests is not None:
            whole_counts = Manifest(parts_sha=dict(self.parts_sha))
            if (self._digests, self._shared) != (whole_counts.digest_counts(), whole_counts.shared_digests()):
                raise AssertionError("The carried part-hash counts differ from the manifest's parts")

    def whole(self):
        """Everything in one dictionary (format-2 shape: ``files`` and ``pages``), for reports and backups."""
        return {
            "format": FORMAT,
            "release": self.release,
            "built_at": self.built_at,
            "files": self.files,
            "pages": self.pages,
        }


def _links_after(previous, files, changed):
    """``previous.linked_from()`` for ``files``, which differs from ``previous.files`` only at ``changed``
    (the sets of the touched links are copied, the others shared)."""
    links, copied = dict(previous._links), set()
    for path in changed:
        old, new = previous.files.get(path), files.get(path)
        if old is new:
            continue
        for entry, add in ((old, False), (new, True)):
            for link in entry.get("links", ()) if entry else ():
                if link not in copied:
                    copied.add(link)
                    links[link] = set(links.get(link, ()))
                (links[link].add if add else links[link].discard)(path)
    for link in copied:
        if not links[link]:
            del links[link]
    return links


def _group_of(source):
    if source.startswith("route:"):
        return "route:" + source.split(":", 2)[1]
    if source.startswith("hook:"):
        return "hook"
    return None


def read_tree(folder):
    """The manifest of the release folder ``folder`` (a ``Path``), parts read from the same folder.
    Raises OSError or ValueError when it is missing or does not match its parts."""
    return Manifest.from_bytes(
        (folder / MANIFEST_PATH).read_bytes(), lambda path, _digest: (folder / path).read_bytes()
    )


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
