"""HTTP headers for published files: Content-Type and Cache-Control by path, and the security headers.

``security_headers()`` is the ONE place the public site's security headers are defined: the dev server
(``manage.py serve_site``, the tests' static server) sends them, and the production web server / CDN
configuration must send the same values (``docs/architecture.md``, "Security headers").
"""

import base64
import functools
import hashlib
import mimetypes
import re

# Templates whose inline <script> (without src, not JSON-LD) the Content-Security-Policy allows by hash.
INLINE_SCRIPT_TEMPLATES = ("base.html", "publishing/search_page.html")
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*ld\+json)[^>]*>(.*?)</script>", re.DOTALL)


@functools.cache
def _inline_script_hashes():
    """CSP hashes of the inline scripts of the public templates (they hold no template variables)."""
    from django.template.loader import get_template

    hashes = []
    for name in INLINE_SCRIPT_TEMPLATES:
        try:
            source = open(get_template(name).origin.name, encoding="utf-8").read()
        except Exception:  # noqa: BLE001 - a missing template only means no hash for it
            continue
        for body in _INLINE_SCRIPT.findall(source):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    return tuple(hashes)


def content_security_policy():
    """The public site's CSP: only its own files; inline scripts by hash; no WebAssembly, no eval."""
    scripts = " ".join(("'self'", *_inline_script_hashes()))
    return "; ".join(
        (
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


def security_headers():
    """{header: value} sent with every response of the public site (dev server and production)."""
    return {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": content_security_policy(),
    }


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
}
# Files whose name changes whenever their content does: Wagtail renditions and originals get unique
# names, the search index (chi-muc/) names its chunks by hash, collectstatic's manifest storage puts a hash
# in static names.
_IMMUTABLE = re.compile(
    r"^(media/(images|original_images)/"
    r"|static/.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$"  # ManifestStaticFilesStorage names (portal.3f9a1c2b4d5e.css)
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
