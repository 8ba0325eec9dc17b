"""The integrity check of the public site (Quy chế, Điều 13.2: the administrator guards the portal against
defacement): the live site is compared with the manifest of the last good build.

- The approved manifest is kept outside the served folder (its root in
  ``<SITE_OUTPUT_DIR>/manifests/<release>.json``, its parts by sha256 in ``manifests/parts/``) and the root's
  sha256 in the build log (``SiteBuild.manifest_sha256``); the root lists its parts' hashes, so a changed
  ``/manifest.json`` or part on the live site cannot hide a change.
- ``verify()`` reports every added, changed and missing file of the local live release, and of the S3
  bucket when one is configured. A release is walked through its shared folders (symlinks into ``dirs/``,
  decision record 0015) and through nothing else: any other link, and any folder nobody published, is
  reported.
- ``repair()`` restores the approved bytes: from another release holding the same bytes, by rendering the
  file's source again, or from media storage, each only if its sha256 matches the manifest. A file is
  replaced by writing a new file and renaming it over the old one: releases share folders and, between
  versions of a folder, inodes, so writing in place would change every release. What cannot be restored
  that way is restored by a fresh full build (nothing linked from the altered release).
- ``daily_check(now)`` runs the check once per Vietnam day from the scheduler and e-mails the portal
  administrator when something differs.
"""

import hashlib
import json
import logging
import os
import shutil
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from cms.core.vietnamese import today_vn, vn_datetime

from . import alerts, release
from .manifest import MANIFEST_PATH, Manifest, sha256

logger = logging.getLogger(__name__)

CHECK_HOUR = 2  # the daily check runs at the first scheduler tick after 02:00, Vietnam time


class NoApprovedManifest(Exception):
    """No good build is recorded, or its saved manifest is missing or altered."""


@dataclass
class Report:
    """Differences between a live site and the approved manifest; paths relative to the site root."""

    target: str
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    repaired: list = field(default_factory=list)
    unrepaired: list = field(default_factory=list)

    @property
    def clean(self):
        return not (self.added or self.changed or self.missing)

    def lines(self):
        out = [f"[{self.target}]"]
        for label, paths in (("Thêm", self.added), ("Bị sửa", self.changed), ("Bị xoá", self.missing)):
            out += [f"  {label}: {path}" for path in paths]
        if self.repaired:
            out.append(f"  Đã khôi phục {len(self.repaired)} tệp.")
        if self.unrepaired:
            out.append(f"  Khôi phục bằng một lần dựng lại toàn bộ: {', '.join(self.unrepaired[:10])}")
        if self.clean:
            out.append("  Khớp với bản đã duyệt.")
        return out


# --- the approved manifest ------------------------------------------------------------------------------


def manifests_dir():
    return release.site_root() / "manifests"


def parts_dir():
    """The approved manifest parts, stored by their sha256 (``parts/ab/ab12….json``): a part shared by
    several releases is stored once, and a build stores only the parts it changed."""
    return manifests_dir() / "parts"


def _part_file(digest):
    return parts_dir() / digest[:2] / f"{digest}.json"


def _store(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


# Digests of parts known to be stored, per parts folder (this process stored or found them). Pruning
# removes only parts no kept release uses, and a kept release's parts are never removed, so a digest of a
# live part stays valid; ``prune_manifests`` forgets the ones it deletes.
_known_parts = {}

SHARED_SUFFIX = ".shared"  # manifests/<release>.shared: the parts that manifest lists at several folders
_parts_lock = threading.Lock()
_pinned = {}  # parts folder -> the parts of the manifest this process stored last (see save)


def save_approved_manifest(
    release_id, data, parts=(), locate=None, parts_sha=None, digest_counts=None, shared=None
):
    """Keep the manifest of a finished build outside the served folder; returns the sha256 of its root
    ``data`` (which lists the sha256 of every part, so it covers them all).

    ``parts``: ``Manifest.parts()``'s list; each part not stored yet is stored by its sha256. A part
    carried over from the previous build (bytes None) is normally stored already; if not, it is read
    with ``locate(path)`` (the release being built) and checked against its sha256. ``parts_sha``: every
    part of the manifest ({path: sha256}, ``Manifest.parts_sha``) when ``parts`` lists only the changed
    ones (an incremental build). ``digest_counts`` ({sha256: folders}, never changed afterwards) and
    ``shared`` (the sha256 listed at two folders or more), when the caller carries them from build to build
    (``Manifest.digest_counts``): then nothing here costs the number of parts (issue 15).
    """
    folder = parts_dir()
    known = _known_parts.setdefault(str(folder), set())
    if digest_counts is None:
        if parts_sha is not None:
            digests = list(parts_sha.values())
        else:
            digests = [digest for path, digest, _part in parts if path != MANIFEST_PATH]
        digest_counts = Counter(digests)
        shared = None
    if shared is None:
        shared = {digest for digest, count in digest_counts.items() if count > 1}
    with _parts_lock:
        # Until its release is kept, this build's parts are held against a prune running meanwhile: it
        # may reuse a stored part that only dropped releases listed (``prune_manifests``). Any container
        # of the hashes does (membership only).
        _pinned[str(folder)] = digest_counts
    for path, digest, part in parts:
        if path == MANIFEST_PATH or digest in known:
            continue
        # A part this process stored or saw is not looked up again: the long-running build worker checks
        # only the parts of the folders a publish touched, not one file per folder of the site.
        target = folder / digest[:2] / f"{digest}.json"
        if target.exists():
            known.add(digest)
            continue
        if part is None and locate is not None:
            part = locate(path).read_bytes()
        if part is not None and sha256(part) == digest:
            _store(target, part)
            known.add(digest)
    # The parts listed at more than one folder (identical folders), for the prune's tree comparison;
    # written before the root, so a root is never without it.
    _store(manifests_dir() / f"{release_id}{SHARED_SUFFIX}", json.dumps(sorted(shared)).encode())
    _store(manifests_dir() / f"{release_id}.json", data)
    return sha256(data)


def _stored_part(path, digest):
    return _part_file(digest).read_bytes()


def prune_manifests(keep, full=False, stats=None):
    """Drop saved manifests of releases that no longer exist (``keep``: names of kept releases), and the
    stored parts that only they list (runs in the background prune, ``release.prune``).

    Incremental: a dropped root is compared with each kept root in step (``_diff``), reading parts only
    where the two differ; a part is deleted when some dropped root lists it at a folder where no kept root
    lists the same part, and no kept root lists it anywhere it differs from that dropped root. Parts are
    content-addressed, so the same part can sit at two folders of one manifest: those (``.shared``,
    written with each root) are never deleted here. The cost follows the folders that changed between the
    dropped and the kept releases. ``full`` (or a root without its ``.shared`` list, or a part that
    cannot be read) marks every part the kept roots list and deletes every other stored part, including
    those of builds killed before they saved a root.

    Never deleted: a root or part written after this prune started, the root of a build still running
    (named after a release newer than the newest kept one) and the parts it lists, and the parts of the
    manifest this process saved last (a build storing them now may reuse a part only dropped releases
    listed). ``stats`` (``parts_read``, ``parts_removed``, ``full_parts``) counts the work.
    """
    stats = stats if stats is not None else {}
    stats.setdefault("parts_read", 0)
    stats.setdefault("parts_removed", 0)
    folder = manifests_dir()
    if not folder.is_dir():
        return stats
    # A build running meanwhile stores its parts, then its root, before its release exists: anything
    # written after this prune started is left for the next one.
    started = time.time() - 1
    newest = max(keep) if keep else ""
    held, dropped = [], []  # roots whose parts stay; roots to delete
    for path in folder.glob("*.json"):
        if path.stem in keep or path.stem > newest or not _older(path, started):
            held.append(path)
        else:
            dropped.append(path)
    used = None
    if not full and dropped and held:
        try:
            used = _diff(held, dropped, stats)
        except (OSError, ValueError):
            used = None  # something unreadable: mark the kept trees in full below
    elif not full and not dropped:
        return stats
    if used is None:
        stats["full_parts"] = True
        used = set()
        try:
            for path in held:
                _mark(json.loads(path.read_bytes()), used, stats)
        except (OSError, ValueError):
            return stats  # an unreadable kept manifest: keep every part rather than guess
        candidates = (p.stem for p in parts_dir().glob("*/*.json")) if parts_dir().is_dir() else ()
    else:
        used, candidates = used
    for path in dropped:
        path.unlink(missing_ok=True)
        folder.joinpath(path.stem + SHARED_SUFFIX).unlink(missing_ok=True)
    known = _known_parts.get(str(parts_dir()), set())
    for digest in candidates:
        if digest in used:
            continue
        path = _part_file(digest)
        with _parts_lock:
            if digest in _pinned.get(str(parts_dir()), ()) or not _older(path, started):
                continue
            known.discard(digest)  # stored again if a later build makes the same part
            path.unlink(missing_ok=True)
        stats["parts_removed"] += 1
    if stats.get("full_parts"):
        for path in folder.glob("*" + SHARED_SUFFIX):
            if not folder.joinpath(path.stem + ".json").exists() and _older(path, started):
                path.unlink(missing_ok=True)
    return stats


def _diff(held, dropped, stats):
    """Compare each dropped root with each held one; returns ``(used, candidates)``: the parts that must
    stay and the parts that only dropped roots may list. Raises OSError or ValueError when a root, its
    ``.shared`` list or a part cannot be read."""
    cache = {}

    def load(digest):
        if digest not in cache:
            cache[digest] = json.loads(_part_file(digest).read_bytes())
            stats["parts_read"] += 1
        return cache[digest]

    def root_of(path):
        shared = json.loads(path.with_name(path.stem + SHARED_SUFFIX).read_bytes())
        return json.loads(path.read_bytes()), set(shared)

    held = [root_of(path) for path in held]
    used, candidates = set(), set()
    for path in dropped:
        mine, shared = root_of(path)
        used |= shared
        only_mine = None
        for theirs, their_shared in held:
            used |= their_shared
            gone, kept = _compare(mine, theirs, load)
            used |= kept
            only_mine = gone if only_mine is None else only_mine & gone
        candidates |= only_mine or set()
    return used, candidates


def _compare(a, b, load):
    """Walk two manifest trees (roots or parts) in step, reading parts only where they differ: returns
    the parts ``a`` lists at a folder where ``b`` lists another part (or none), and the same for ``b``."""
    only_a, only_b, seen = set(), set(), set()
    todo = [(a, b)]
    while todo:
        x, y = todo.pop()
        x_dirs, y_dirs = (x or {}).get("dirs", {}), (y or {}).get("dirs", {})
        for name in x_dirs.keys() | y_dirs.keys():
            dx, dy = x_dirs.get(name), y_dirs.get(name)
            if dx == dy or (dx, dy) in seen:
                continue
            seen.add((dx, dy))
            if dx:
                only_a.add(dx)
            if dy:
                only_b.add(dy)
            todo.append((load(dx) if dx else None, load(dy) if dy else None))
    return only_a, only_b


def _mark(content, used, stats=None):
    """Add to ``used`` the hashes of every part below ``content`` (a root or a part). A part already
    marked is not read again: releases share most of their tree, so the kept releases cost about one
    tree, not one each."""
    todo = [content]
    while todo:
        for digest in todo.pop().get("dirs", {}).values():
            if digest not in used:
                used.add(digest)
                todo.append(json.loads(_part_file(digest).read_bytes()))
                if stats is not None:
                    stats["parts_read"] += 1


def _older(path, moment):
    try:
        return path.stat().st_mtime < moment
    except OSError:
        return False


def release_manifest(release_id):
    """The saved manifest of release ``release_id``, checked against the build log: ``(Manifest, bytes)``
    (``bytes``: the root's).

    Raises NoApprovedManifest when no good build produced that release, or its saved manifest is missing or
    altered (its sha256 differs from the one the build log recorded, or a part differs from the sha256
    its parent lists).
    """
    from .models import SiteBuild

    build = (
        SiteBuild.objects.filter(status__in=[SiteBuild.Status.SUCCESS, SiteBuild.Status.PARTIAL])
        .filter(Q(release=release_id or "-") | Q(search_release=release_id or "-"))
        .order_by("-pk")
        .first()
    )
    if build is None:
        name = release_id or "(chưa có)"
        raise NoApprovedManifest(f"Không có lần xuất bản thành công nào tạo ra bản {name}.")
    # A build's pages release, or the release of its search follow-up (builder._search_follow_up).
    expected = build.search_manifest_sha256 if build.search_release == release_id else build.manifest_sha256
    path = manifests_dir() / f"{release_id}.json"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NoApprovedManifest(f"Không đọc được danh mục tệp đã duyệt {path}.") from exc
    if expected and sha256(data) != expected:
        raise NoApprovedManifest("Danh mục tệp đã duyệt bị sửa (mã băm không khớp nhật ký xuất bản).")
    try:
        return Manifest.from_bytes(data, _stored_part), data
    except (OSError, ValueError) as exc:
        # The stored parts cannot be trusted any more: the next build stores every part it uses again.
        _known_parts.clear()
        what = (
            f"Thiếu một phần của danh mục tệp đã duyệt ({exc.filename})"
            if isinstance(exc, OSError)
            else "Một phần của danh mục tệp đã duyệt bị sửa (mã băm không khớp)"
        )
        raise NoApprovedManifest(
            f"{what}. Chạy `manage.py build_site` để dựng và duyệt lại toàn bộ trang, rồi kiểm tra lại."
        ) from exc


def approved_manifest():
    """The manifest of the release that is live (the one ``current`` points to), checked against the build
    log. After ``rollback_site`` that is the rolled-back release's own manifest, not the newest build's.
    Raises NoApprovedManifest."""
    live = release.live_release()
    if live is None:
        raise NoApprovedManifest("Chưa có lần xuất bản thành công nào.")
    return release_manifest(live)


# --- verify ---------------------------------------------------------------------------------------------


def _file_sha(path):
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _expected(manifest, manifest_bytes):
    """{path: sha256} of every file a release must hold: the outputs, the manifest's parts and its root."""
    return {
        **{p: e["sha256"] for p, e in manifest.files.items()},
        **manifest.parts_sha,
        MANIFEST_PATH: sha256(manifest_bytes),
    }


def _release_entries(root, expected):
    """Walk the release folder ``root`` as a reader would, following only the legitimate shared folders.

    Returns ``(files, intruders)``: ``files`` maps each release-relative path of a file (or of a link
    that is not a legitimate shared folder) to its path; ``intruders`` lists folders nobody published
    (``"name/"``: a real folder or a folder link holding no listed file, or a shared folder reached
    twice). A legitimate link is a directory symlink whose target resolves to a folder directly under
    ``dirs/`` of the site (decision record 0015); any other link is reported like a file, so a link
    to a file, or to a folder outside ``dirs/``, is never followed and shows as changed or added.
    """
    store = release.dirs_dir().resolve()
    wanted = set()  # every folder that holds a listed file ("a", "a/b", ...)
    for rel in expected:
        parts = rel.split("/")[:-1]
        wanted.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    files, intruders, seen = {}, [], set()
    todo = [(Path(root), "")]
    while todo:
        folder, base = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            rel = base + entry.name
            if entry.is_symlink():
                target = Path(os.path.realpath(entry.path))
                if not (target.parent == store and target.is_dir()):
                    files[rel] = Path(entry.path)  # a link to a file, out of dirs/, or dangling
                    continue
                if rel not in wanted or target in seen:
                    intruders.append(rel + "/")
                    continue
                seen.add(target)
                todo.append((target, rel + "/"))
            elif entry.is_dir():
                if rel not in wanted:
                    intruders.append(rel + "/")
                    continue
                todo.append((Path(entry.path), rel + "/"))  # an old-layout release (real folders)
            else:
                files[rel] = Path(entry.path)
    return files, intruders


def verify_local(manifest, manifest_bytes, root=None):
    """Compare the local live folder with ``manifest``; returns a Report (target "local")."""
    root = Path(root or release.current_dir())
    report = Report("local")
    expected = _expected(manifest, manifest_bytes)
    present, intruders = _release_entries(root, expected) if root.exists() else ({}, [])
    report.added += sorted([*(set(present) - set(expected)), *intruders])
    for rel, digest in sorted(expected.items()):
        path = present.get(rel)
        if path is None:
            report.missing.append(rel)
        elif path.is_symlink() or not path.is_file() or _file_sha(path) != digest:
            report.changed.append(rel)
    return report


def verify_s3(manifest, manifest_bytes, storage=None):
    """Compare the S3 bucket with ``manifest``: every object is read and hashed. Report target "s3"."""
    from .targets import s3

    storage = storage or s3.site_storage()
    report = Report("s3")
    expected = _expected(manifest, manifest_bytes)
    present = {obj.key for obj in storage.bucket.objects.all()}
    for key in sorted(present - set(expected)):
        report.added.append(key)
    for key, digest in sorted(expected.items()):
        if key not in present:
            report.missing.append(key)
            continue
        body = storage.bucket.Object(key).get()["Body"].read()
        if sha256(body) != digest:
            report.changed.append(key)
    return report


def _verify_unlocked():
    """Check the live site(s) against the last good build; returns a list of Reports."""
    from .targets import s3

    manifest, data = approved_manifest()
    reports = [verify_local(manifest, data)]
    if s3.s3_configured():
        reports.append(verify_s3(manifest, data))
    return reports


# --- repair ---------------------------------------------------------------------------------------------


def _replace(root, rel, data):
    """Write ``data`` to a new file and rename it over ``root/rel`` (never writing into a shared inode)."""
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.repair")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _approved_part(manifest, rel):
    """The approved bytes of manifest part ``rel`` (from the store outside the served folder)."""
    return _stored_part(rel, manifest.parts_sha[rel])


def _approved_bytes(rel, entry, live_root):
    """The approved bytes of ``rel`` (sha256 must match ``entry``), or None if none can be found."""
    digest = entry["sha256"]
    # 1. Another release holding the same bytes (a file replaced or deleted, not modified in place).
    for name in reversed(release.list_releases()):
        if (release.releases_dir() / name).resolve() == live_root:
            continue  # the altered release itself
        candidate = release.releases_dir() / name / rel
        if candidate.is_file():
            data = candidate.read_bytes()
            if sha256(data) == digest:
                return data
    # 2. Produced again from the approved content.
    data = _reproduce(rel, entry)
    if data is not None and sha256(data) == digest:
        return data
    return None


def _reproduce(rel, entry):
    from django.core.files.storage import default_storage
    from wagtail import hooks
    from wagtail.models import Site

    from .public import public_pages
    from .render import site_static_dirs
    from .renderers import RenderContext, render_source

    source = entry.get("source", "")
    try:
        if source == "media":
            with default_storage.open(rel.removeprefix("media/"), "rb") as fh:
                return fh.read()
        if source == "static":
            for folder in site_static_dirs():
                path = Path(folder) / rel.removeprefix("static/")
                if path.is_file():
                    return path.read_bytes()
            return None
        site = Site.objects.get(is_default_site=True)
        if source.startswith("hook:"):
            for fn in hooks.get_hooks("register_static_files"):
                if source == f"hook:{fn.__module__}.{fn.__name__}":
                    data = (fn(site) or {}).get(rel)
                    return data.encode() if isinstance(data, str) else data
            return None
        if source in ("search", "pagefind", ""):  # the search index: rebuilt, not repaired alone
            return None
        ctx = RenderContext(site, public_pages(site))
        return render_source(source, ctx).get(rel)
    except Exception:  # noqa: BLE001 - a source that cannot be produced is repaired by a full build
        logger.exception("Could not reproduce %s", rel)
        return None


def _sharing_releases(root, rel):
    """Other kept release folders whose ``rel`` is the very same file as ``root/rel``: the same shared
    folder (``dirs/``) or a hard link of it in another version of that folder."""
    target = root / rel
    if not target.is_file():
        return []
    sharing = []
    for name in release.list_releases():
        folder = (release.releases_dir() / name).resolve()
        other = folder / rel
        if folder != root and other.is_file() and not other.is_symlink() and os.path.samefile(other, target):
            sharing.append(folder)
    return sharing


def _remove(root, rel):
    """Remove an added entry: a file or a link (never what a link points to), or a real folder."""
    path = root / rel.rstrip("/")
    if path.is_symlink() or path.is_file():
        path.unlink(missing_ok=True)
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def repair_local(report, manifest, manifest_bytes, root=None, rebuild=True):
    """Restore the local release folder ``root`` (default: the live one) to ``manifest``; fills
    ``report.repaired`` / ``report.unrepaired``.

    Added entries go first (a foreign link is unlinked, what it points to is left alone), so a missing
    file behind it is written into a real folder of this release. A file changed in place changed every
    release sharing it (the same shared folder, or hard links between versions of a folder): each of them
    gets the approved bytes back too, by rename, so a later ``rollback_site`` cannot bring the defacement
    back; the spare folder copies (``spares.forget``) are dropped for the same reason. What cannot be
    restored is rebuilt by a fresh full build (``rebuild``; otherwise it stays in ``report.unrepaired``).
    """
    root = Path(root or release.current_dir()).resolve()
    if not report.clean:
        # Spare folder copies hard-link the same files and copy the same links: one made before this
        # repair may hold what was defaced, and would bring it back at the next publish.
        from . import spares

        spares.forget(release.site_root())
    for rel in report.added:
        _remove(root, rel)
        report.repaired.append(rel)
    for rel in report.changed + report.missing:
        if rel == MANIFEST_PATH or rel in manifest.parts_sha:
            _replace(root, rel, manifest_bytes if rel == MANIFEST_PATH else _approved_part(manifest, rel))
            report.repaired.append(rel)
            continue
        data = _approved_bytes(rel, manifest.files[rel], root)
        if data is None:
            report.unrepaired.append(rel)
            continue
        for folder in _sharing_releases(root, rel):
            # The same inode held the approved bytes there too (same sha256 in both manifests).
            _replace(folder, rel, data)
        _replace(root, rel, data)
        report.repaired.append(rel)
    if report.unrepaired and rebuild:
        from .builder import build_site

        # Nothing is linked from the altered release: every file is written anew.
        build_site(trigger="verify_site --repair: dựng lại toàn bộ", fresh=True)
    return report


def _check_release_unlocked(release_id):
    """Verify the release folder ``release_id`` against its own manifest and repair what differs (without a
    rebuild): used before a rollback makes it live. Returns the Report; ``report.unrepaired`` lists what
    could not be restored. Raises NoApprovedManifest."""
    manifest, data = release_manifest(release_id)
    root = (release.releases_dir() / release_id).resolve()
    report = verify_local(manifest, data, root)
    if not report.clean:
        repair_local(report, manifest, data, root, rebuild=False)
    return report


def repair_s3(report, manifest, manifest_bytes, storage=None):
    """Bring the bucket back to ``manifest`` using the (verified) local live release."""
    from django.core.files.base import ContentFile

    from .targets import s3

    storage = storage or s3.site_storage()
    root = release.current_dir()
    expected = _expected(manifest, manifest_bytes)
    for key in report.changed + report.missing:
        if key == MANIFEST_PATH:
            data = manifest_bytes
        elif key in manifest.parts_sha:
            data = _approved_part(manifest, key)
        else:
            data = (root / key).read_bytes()
        if sha256(data) != expected[key]:
            report.unrepaired.append(key)
            continue
        storage.delete(key)
        storage.save(key, ContentFile(data))
        report.repaired.append(key)
    for key in report.added:
        storage.delete(key)
        report.repaired.append(key)
    return report


def _repair_unlocked():
    """Verify, then restore every difference (local first, then S3); returns the Reports."""
    manifest, data = approved_manifest()
    local = verify_local(manifest, data)
    if not local.clean:
        repair_local(local, manifest, data)
        manifest, data = approved_manifest()  # a fresh build made a new approved manifest
    reports = [local]
    from .targets import s3

    if s3.s3_configured():
        remote = verify_s3(manifest, data)
        if not remote.clean:
            repair_s3(remote, manifest, data)
        reports.append(remote)
    return reports


# --- alerts and the daily run ---------------------------------------------------------------------------


def alert(reports, repaired):
    """E-mail the portal administrator (and the principal after a repair) about differences."""
    if all(r.clean for r in reports):
        return 0
    body = "\n".join(line for r in reports for line in r.lines())
    if repaired:
        subject = "[Cổng thông tin] Trang công khai bị thay đổi ngoài quy trình và đã được khôi phục"
        kinds = (alerts.ADMINISTRATOR, alerts.PRINCIPAL)
    else:
        subject = "[Cổng thông tin] Trang công khai khác với bản đã duyệt"
        kinds = (alerts.ADMINISTRATOR,)
    intro = (
        "Kiểm tra toàn vẹn (Điều 13.2 Quy chế) thấy trang công khai khác với bản đã duyệt lần gần nhất.\n"
        "Khôi phục: python manage.py verify_site --repair\n\n"
    )
    return alerts.send(subject, intro + body, *kinds)


def record(reports, repaired, now=None):
    """Store the check in the log (``SiteCheck``)."""
    from .models import SiteCheck

    return SiteCheck.objects.create(
        checked_at=now or timezone.now(),
        clean=all(r.clean for r in reports),
        repaired=repaired,
        report="\n".join(line for r in reports for line in r.lines())[:20000],
    )


def daily_check(now=None):
    """Periodic job: once per Vietnam day (after 02:00) verify the live site and alert on differences."""
    from .models import SiteCheck

    now = now or timezone.now()
    if vn_datetime(now).hour < CHECK_HOUR:
        return None
    today = today_vn(now)
    last = SiteCheck.objects.order_by("-checked_at").first()
    if last is not None and today_vn(last.checked_at) >= today:
        return None
    try:
        reports = verify()
    except NoApprovedManifest as exc:
        SiteCheck.objects.create(checked_at=now, clean=False, report=str(exc))
        alerts.send("[Cổng thông tin] Không kiểm tra được trang công khai", str(exc), alerts.ADMINISTRATOR)
        return None
    record(reports, repaired=False, now=now)
    alert(reports, repaired=False)
    return reports


# --- entry points: one at a time with the builds ---------------------------------------------------------


def _locked(fn):
    """Run ``fn`` holding the build lock (``builder.build_lock``): a check or a repair never compares a
    release while a build swaps ``current``, and a repair never writes old files into a new release."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from .builder import build_lock

        with build_lock():
            return fn(*args, **kwargs)

    return wrapper


verify = _locked(_verify_unlocked)
verify.__doc__ = _verify_unlocked.__doc__
repair = _locked(_repair_unlocked)
check_release = _locked(_check_release_unlocked)
