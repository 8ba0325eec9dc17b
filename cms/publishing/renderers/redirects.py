"""Old addresses of the static site: one small HTML page per Wagtail ``Redirect``.

A page whose slug changed or that moved gets a ``Redirect`` from Wagtail (``WAGTAILREDIRECTS_AUTO_CREATE``);
people can also add redirects in the admin ("Chuyển hướng"). The static site has no Django to answer them,
so every redirect becomes ``<old path>/index.html`` with ``<meta http-equiv="refresh">`` (browsers follow
it at once) and ``<link rel="canonical">`` (search engines move the ranking to the new address). Server-side
rules (nginx ``return 301``, S3 ``x-amz-website-redirect-location``) can be generated from the same list
(``static_redirects``) by the deploy files.
"""

from django.utils.html import escape
from wagtail.contrib.redirects.models import Redirect

from ..outputs import has_feed
from ..public import public_pages

PAGE = """<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Trang đã chuyển địa chỉ</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{absolute}">
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>Trang này đã chuyển sang địa chỉ mới: <a href="{target}">{absolute}</a>.</p>
</body>
</html>
"""


def _target(redirect, site, ctx):
    """The public address a redirect points to, or None when its page is not public (nothing to show)."""
    if redirect.redirect_page_id:
        page = ctx.page(redirect.redirect_page_id)
        if page is None:
            return None
        url = ctx.url(page)
        route = (redirect.redirect_page_route_path or "").lstrip("/")
        return url + route
    link = (redirect.redirect_link or "").strip()
    return link if link.startswith(("http://", "https://", "/")) else None


# Old addresses ending like these are files (a feed), not folders: their redirect page is the file itself.
FILE_SUFFIXES = (".xml", ".json")


def redirect_page_path(old_path):
    """The release path of the redirect page for ``old_path``: ``<old>/index.html``, or ``<old>`` itself for
    a file address (``/goc-hoc-sinh/rss.xml``), where nginx and S3 answer 301 and a folder would never be
    asked for."""
    name = old_path.strip("/")
    return name if name.endswith(FILE_SUFFIXES) else name + "/index.html"


def _own_addresses(page):
    """The addresses a page publishes below its own, relative to it: its routes (a section's archives
    ``luu-tru/2026/``) and its feeds (``rss.xml``, ``atom.xml``)."""
    addresses = []
    routes = getattr(page, "static_routes", None)
    if callable(routes):
        addresses += list(routes())
    if has_feed(page):
        addresses += ["rss.xml", "atom.xml"]
    return addresses


def _moved_page(redirect):
    """True for a redirect Wagtail recorded when a page was renamed or moved: what that page published
    below its old address existed too. A redirect made in the admin to a page points one address only
    (deriving the page's routes would invent addresses that never existed, thousands for a catalogue)."""
    route = (redirect.redirect_page_route_path or "").strip("/")
    return bool(redirect.redirect_page_id and redirect.automatically_created and not route)


def static_redirects(site, ctx):
    """``[(old_path, target)]`` for every redirect of ``site`` (or of all sites) the static site can serve,
    sorted by old path.

    A redirect Wagtail recorded for a renamed or moved page also moves what that page publishes below its
    address: a renamed section's feeds and archives (``/old/rss.xml`` → ``/new/rss.xml``), which Wagtail
    does not record, so subscribers keep their feed (``_moved_page``). A redirect made for such an address
    in the admin wins over the derived one.

    Skipped: paths with a query string (a static file cannot match them), targets that are not public, and
    old paths where a public page lives now (the page wins, as in Wagtail's middleware; with its own feeds
    and archives).
    """
    redirects = list(
        (Redirect.objects.filter(site__isnull=True) | Redirect.objects.filter(site=site)).order_by("old_path")
    )
    root = site.root_page.url_path.rstrip("/")
    # Only the public pages at the redirects' old addresses: the query costs O(redirects), not O(site)
    # (every publish renders this file).
    wanted = sorted({f"{root}{redirect.old_path.rstrip('/')}/" for redirect in redirects})
    pages = public_pages(site, specific=False)
    live_paths = set()
    for start in range(0, len(wanted), 500):  # bounded parameter lists, whatever the number of redirects
        batch = wanted[start : start + 500]
        live_paths.update(pages.filter(url_path__in=batch).values_list("url_path", flat=True))
    # Every target page in one query per page type, not one per redirect (every publish renders this).
    ctx.load({redirect.redirect_page_id for redirect in redirects if redirect.redirect_page_id})
    found, derived = {}, {}
    for redirect in redirects:
        old_path = redirect.old_path.rstrip("/")
        if not old_path or "?" in old_path or ".." in old_path.split("/"):
            continue
        if f"{root}{old_path}/" in live_paths:
            continue
        target = _target(redirect, site, ctx)
        if target and target.rstrip("/") != old_path:
            found[old_path] = target
            if _moved_page(redirect):
                page = ctx.page(redirect.redirect_page_id)
                for address in _own_addresses(page):
                    derived.setdefault(f"{old_path}/{address.strip('/')}", target + address)
    for old_path, target in derived.items():
        found.setdefault(old_path, target)
    return sorted(found.items())


def render_redirects(site, ctx, base_url):
    """``{"<old path>/index.html": bytes}`` for every static redirect (see module docstring)."""
    files = {}
    for old_path, target in static_redirects(site, ctx):
        absolute = target if target.startswith(("http://", "https://")) else base_url + target
        html = PAGE.format(target=escape(target), absolute=escape(absolute))
        files[redirect_page_path(old_path)] = html.encode()
    return files
