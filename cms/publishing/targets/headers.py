"""HTTP headers for published files: Content-Type and Cache-Control by path."""

import mimetypes
import re

SHORT = "public, max-age=60, must-revalidate"
MEDIUM = "public, max-age=3600"
IMMUTABLE = "public, max-age=31536000, immutable"

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".webp": "image/webp",
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".pagefind": "application/wasm",
}
# Files whose name changes whenever their content does: Wagtail renditions and originals get unique
# names, the search index names its chunks by hash.
_IMMUTABLE = re.compile(
    r"^(media/(images|original_images)/"
    r"|chi-muc/[^/]+/[0-9a-f]{12}/)"
)


def content_type(path):
    """Content-Type for a site path."""
    name = path.rsplit("/", 1)[-1]
    if name == "rss.xml":
        return "application/rss+xml; charset=utf-8"
    if name == "atom.xml":
        return "application/atom+xml; charset=utf-8"
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def cache_control(path):
    """Short caching for pages and feeds (they change on publish), long for content-addressed assets."""
    if _IMMUTABLE.match(path):
        return IMMUTABLE
    if path.startswith(("static/", "chi-muc/")) and not path.endswith((".json", ".js")):
        return MEDIUM
    if path.startswith("static/"):
        return MEDIUM
    return SHORT
