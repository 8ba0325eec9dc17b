"""S3-compatible target through django-storages: referenced files first, then pages, then the manifest
(its changed parts, the root last), then stale objects removed.

S3 has no multi-object transaction. Uploading in this order means a reader never gets a page whose
images or search chunks are missing, and the manifest (what the integrity check and the next build
trust) only changes once every file it lists is in place. A failure midway leaves the old manifest, so
the next build uploads the difference again.
"""

import json

from django.conf import settings
from django.core.files.base import ContentFile

from ..manifest import FORMAT, MANIFEST_PATH, part_path, sha256
from .headers import cache_control, content_type


def s3_configured():
    """True when ``SITE_S3`` names a bucket (production: env PORTAL_SITE_S3_BUCKET)."""
    return bool((getattr(settings, "SITE_S3", None) or {}).get("bucket_name"))


def site_storage():
    """The django-storages S3Storage for the public site, with per-file headers.

    ``storage.redirects`` (``{key: target}``, set by ``publish``) gives an object the website redirect
    ``WebsiteRedirectLocation`` (``x-amz-website-redirect-location``): the bucket's website endpoint answers
    301 to the target, the object keeps its HTML redirect page (``cms.publishing.redirect_rules``).
    """
    from storages.backends.s3 import S3Storage

    class SiteS3Storage(S3Storage):
        redirects = {}

        def get_object_parameters(self, name):
            params = super().get_object_parameters(name)
            params["ContentType"] = content_type(name)
            params["CacheControl"] = cache_control(name)
            target = self.redirects.get(name)
            if target:
                params["WebsiteRedirectLocation"] = target
            return params

    options = {"querystring_auth": False, "file_overwrite": True, "default_acl": None}
    options.update(settings.SITE_S3)
    return SiteS3Storage(**options)


def _phase(path):
    # 0: files pages reference (media, static, search chunks); 1: pages, feeds, JSON and the search entry
    # point (which names the chunks); the manifest is uploaded separately, last.
    if path.startswith(("media/", "static/")):
        return 0
    if path.startswith("chi-muc/") and not path.endswith(("index.json", "shards.json")):
        return 0
    return 1


def _read(storage, key):
    with storage.open(key, "rb") as fh:
        return fh.read()


def remote_manifest(storage):
    """The manifest root currently in the bucket ({} if none)."""
    try:
        return json.loads(_read(storage, MANIFEST_PATH))
    except (FileNotFoundError, OSError, ValueError):
        return {}


def _remote_differences(storage, root, new_parts):
    """What the bucket's manifest says about the folders that differ from the new release.

    Walks the remote hash tree from ``root`` and reads a folder's part only when its sha256 differs from
    the new release's: O(changed folders) requests, not O(site). Returns ``(files, parts, same)``: the
    remote entries of the folders read, the sha256 of every remote part seen, and the folders whose
    part is identical in both (nothing below them is uploaded or deleted).
    """
    if root.get("format") == 2:
        return root.get("files", {}), {}, set()
    if root.get("format") != FORMAT:
        return {}, {}, set()
    files, parts, same = {}, {}, set()
    todo = [("", root)]
    while todo:
        folder, content = todo.pop()
        for name, entry in content.get("files", {}).items():
            files[f"{folder}/{name}" if folder else name] = entry
        for name, digest in content.get("dirs", {}).items():
            child = f"{folder}/{name}" if folder else name
            path = part_path(child)
            parts[path] = digest
            if new_parts.get(path) == digest:
                same.add(child)
                continue
            try:
                data = _read(storage, path)
                if sha256(data) != digest:
                    raise ValueError(path)
                todo.append((child, json.loads(data)))
            except (FileNotFoundError, OSError, ValueError):
                continue  # an unreadable part: its files are uploaded again, stale ones stay
    return files, parts, same


def _under(path, folders):
    folder = path.rpartition("/")[0]
    while folder:
        if folder in folders:
            return True
        folder = folder.rpartition("/")[0]
    return False


def publish(release_dir, manifest, manifest_bytes, storage=None, redirects=None):
    """Bring the bucket in line with the release; returns (uploaded paths, deleted paths).

    ``manifest``: the release's ``Manifest`` after ``parts()`` (its ``parts_sha`` filled), ``manifest_bytes``
    its root. Changed files go first (in dependency order), then the changed manifest parts (children
    before parents), the root last; then stale files and parts are deleted. ``redirects``: ``{object key:
    target}`` of the redirect pages (``redirect_rules.s3_redirect_locations``); those objects get the
    website redirect metadata. A redirect page's bytes change with its target, so a changed target is
    uploaded again like any changed file.
    """
    storage = storage or site_storage()
    storage.redirects = dict(redirects or {})
    new, new_parts = manifest.files, manifest.parts_sha
    old, old_parts, same = _remote_differences(storage, remote_manifest(storage), new_parts)
    changed = [
        p for p, e in new.items() if old.get(p, {}).get("sha256") != e["sha256"] and not _under(p, same)
    ]
    changed.sort(key=lambda p: (_phase(p), p))
    for path in changed:
        storage.save(path, ContentFile((release_dir / path).read_bytes()))
    parts = [p for p, digest in new_parts.items() if old_parts.get(p) != digest]
    parts.sort(key=lambda p: (-p.count("/"), p))
    for path in parts:
        storage.save(path, ContentFile((release_dir / path).read_bytes()))
    storage.save(MANIFEST_PATH, ContentFile(manifest_bytes))
    stale = sorted(set(old) - set(new)) + sorted(set(old_parts) - set(new_parts))
    for path in stale:
        storage.delete(path)
    return changed + parts + [MANIFEST_PATH], stale
