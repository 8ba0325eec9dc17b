"""Server-side redirects of the static site from Wagtail ``Redirect``s: nginx rules and S3 object metadata.

The static redirect pages (``renderers/redirects.py``: ``meta refresh`` + ``rel=canonical``) work
everywhere; a real HTTP 301 is better for search engines and for links to files. Both outputs here come
from the same list, ``static_redirects(site, ctx)``:

- **nginx**: ``nginx_rules(redirects)`` gives ``location = /old { return 301 /new/; }`` blocks (with and
  without the trailing slash). The builder writes them, after the release is live, to
  ``SITE_NGINX_REDIRECTS`` (default ``<SITE_OUTPUT_DIR>/nginx-redirects.conf``), replacing the file
  atomically and only when it changed; ``deploy/nginx/site.conf`` includes it inside the site's server
  block and ``deploy/systemd/portal-nginx-redirects@.path`` reloads nginx when it changes (nginx reads
  included files only at load). ``manage.py nginx_redirects`` prints or writes the same file.
- **S3** (static website hosting): ``s3_redirect_locations(redirects)`` maps each redirect page's object
  key (``old/path/index.html``) to its target; ``targets.s3.publish`` stores it as the object's
  ``WebsiteRedirectLocation`` (header ``x-amz-website-redirect-location``), so the website endpoint answers
  301 while the object still holds the HTML page for other readers.

Targets are site paths ("/tin-tuc/bai-moi/") or absolute http(s) addresses; anything nginx could read as
a variable or a delimiter is percent-encoded, and old paths nginx cannot match literally are left to the
HTML page.
"""

import os
from pathlib import Path
from urllib.parse import quote, unquote

from django.conf import settings

HEADER = (
    "# Chuyển hướng địa chỉ cũ của cổng thông tin\n"
    "# (tạo tự động từ “Chuyển hướng” của Wagtail; đừng sửa tay).\n"
    "# Included inside the site's server block (deploy/nginx/site.conf).\n"
)
# Characters kept as they are in a target address; everything else (spaces, quotes, "$", braces,
# non-ASCII) is percent-encoded so nginx never interpolates or splits it.
_TARGET_SAFE = ":/?#[]@!&'()*+,;=%~-._"


def safe_target(target):
    """``target`` percent-encoded for an HTTP ``Location`` (ASCII only) and an nginx ``return`` string
    (never a ``$`` variable, a quote or a space); ``%`` escapes already there are kept."""
    return quote(target, safe=_TARGET_SAFE)


def _location_path(old_path):
    """The decoded path nginx compares ``location =`` with, quoted for the config, or None if unusable."""
    path = unquote(old_path)
    if not path.startswith("/") or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in path):
        return None
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_rules(redirects):
    """The nginx config text for ``[(old_path, target)]`` (``static_redirects``): one exact-match
    ``location`` per address form ("/old" and "/old/"), each answering ``301`` to the target."""
    lines = [HEADER]
    seen = set()
    for old_path, target in redirects:
        base = "/" + old_path.strip("/")
        for form in (base, base + "/"):
            location = _location_path(form)
            if location is None or location in seen:
                continue
            seen.add(location)
            lines.append(f'location = {location} {{ return 301 "{safe_target(target)}"; }}\n')
    return "".join(lines)


def s3_redirect_locations(redirects):
    """``{object key: target}`` for the redirect pages (``old/path/index.html``, or the file itself for a
    feed's old address: ``renderers.redirects.redirect_page_path``) of ``redirects``."""
    from .renderers.redirects import redirect_page_path

    return {redirect_page_path(old_path): safe_target(target) for old_path, target in redirects}


def nginx_redirects_path():
    """Where the builder writes the nginx rules: ``SITE_NGINX_REDIRECTS``, else beside the releases."""
    configured = getattr(settings, "SITE_NGINX_REDIRECTS", None)
    return Path(configured) if configured else Path(settings.SITE_OUTPUT_DIR) / "nginx-redirects.conf"


def write_nginx_redirects(redirects, path=None):
    """Write ``nginx_rules(redirects)`` to ``path`` (default ``nginx_redirects_path()``) with a rename, only
    if the text changed (the reload unit watches the file). Returns True when the file was written."""
    path = Path(path) if path else nginx_redirects_path()
    text = nginx_rules(redirects)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
    return True


def current_redirects(site=None):
    """``static_redirects`` of ``site`` (default: the default site) with a fresh render context."""
    from wagtail.models import Site

    from .public import public_pages
    from .renderers import RenderContext
    from .renderers.redirects import static_redirects

    site = site or Site.objects.get(is_default_site=True)
    return static_redirects(site, RenderContext(site, public_pages(site)))
