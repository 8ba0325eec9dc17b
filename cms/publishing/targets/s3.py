"""S3-compatible target through django-storages: referenced files first, then pages, then the manifest,
then stale objects removed.

S3 has no multi-object transaction. Uploading in this order means a reader never gets a page whose
images or search chunks are missing, and the manifest (what the integrity check and the next build
trust) only changes once every file it lists is in place. A failure midway leaves the old manifest, so
the next build uploads the difference again.
"""

import json

from django.conf import settings
from django.core.files.base import ContentFile

from ..manifest import MANIFEST_PATH
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


def remote_manifest(storage):
    """The manifest currently in the bucket ({} if none)."""
    try:
        with storage.open(MANIFEST_PATH, "rb") as fh:
            return json.loads(fh.read())
    except (FileNotFoundError, OSError, ValueError):
        return {}


def publish(release_dir, manifest_bytes, storage=None, redirects=None):
    """Bring the bucket in line with the release; returns (uploaded paths, deleted paths).

    ``redirects``: ``{object key: target}`` of the redirect pages (``redirect_rules.s3_redirect_locations``);
    those objects get the website redirect metadata. A redirect page's bytes change with its target, so a
    changed target is uploaded again like any changed file.
    """
    storage = storage or site_storage()
    storage.redirects = dict(redirects or {})
    new = json.loads(manifest_bytes)["files"]
    old = remote_manifest(storage).get("files", {})
    changed = [p for p, e in new.items() if old.get(p, {}).get("sha256") != e["sha256"]]
    changed.sort(key=lambda p: (_phase(p), p))
    for path in changed:
        storage.save(path, ContentFile((release_dir / path).read_bytes()))
    storage.save(MANIFEST_PATH, ContentFile(manifest_bytes))
    stale = sorted(set(old) - set(new))
    for path in stale:
        storage.delete(path)
    return changed, stale
