"""The outputs of the static site and the dependency graph: which outputs show which page.

Every output file is produced by a *source*, a short string kept in the manifest next to the file:

- ``page:<id>``               the page's own HTML
- ``route:<id>:<sub/path/>``  an extra page the model serves under its URL (e.g. a month archive)
- ``rss:<id>`` / ``atom:<id>`` the feeds of a page that has ``feed_items()``
- ``sitemap:<group>``         one sitemap per top-level section and year (``tin-tuc-su-kien-2026``;
                              ``trang-khac`` for other pages): ``sitemap_group``
- ``sitemap-index``, ``fixed:404``, ``fixed:robots``, ``fixed:search``: rendered on every build
- ``fixed:redirects``: one page per Wagtail ``Redirect`` at its old address (``renderers/redirects.py``),
  rendered on every build
- ``hook``, ``static``, ``media``, ``search``: files from other apps, static assets, referenced media
  and the search index.

Page models take part through optional methods (duck typing, so no app imports this one):

- ``static_routes()``: sub-paths the page serves besides itself (published in full builds);
- ``static_routes_for(page)``: the sub-paths that list ``page`` (re-rendered when it changes);
- ``feed_items()``: pages for the RSS/Atom feeds, newest first;
- ``static_dependents()``: other pages whose output lists this page (e.g. the home page's notice box).
  They are re-rendered together with the page's ancestors up to the home page, which are always
  dependents (section listings, home page).
"""

from cms.core.vietnamese import vn_date

OTHER_SITEMAP = "trang-khac"
ALWAYS_SPECS = ("fixed:404", "fixed:redirects", "fixed:robots", "fixed:search", "sitemap-index")


def page_spec(page_id):
    return f"page:{page_id}"


def route_spec(page_id, route):
    return f"route:{page_id}:{route}"


def feed_specs(page_id):
    return [f"rss:{page_id}", f"atom:{page_id}"]


def sitemap_spec(group):
    return f"sitemap:{group}"


def parse_spec(spec):
    """Split a source string into (kind, page id or group or None, route or None)."""
    kind, _, rest = spec.partition(":")
    if kind == "route":
        page_id, _, route = rest.partition(":")
        return kind, int(page_id), route
    if kind in ("page", "rss", "atom"):
        return kind, int(rest), None
    return kind, rest or None, None


def has_feed(page):
    return callable(getattr(page, "feed_items", None))


def dependents(page, site):
    """Pages whose output lists ``page``: its ancestors up to home, plus ``page.static_dependents()``."""
    pages = {p.pk: p for p in page.get_ancestors().filter(depth__gte=site.root_page.depth).specific()}
    custom = getattr(page, "static_dependents", None)
    if callable(custom):
        for other in custom() or ():
            pages.setdefault(other.pk, other.specific)
    return list(pages.values())


def own_specs(page):
    """Everything ``page`` publishes by itself: its HTML, its extra routes and its feeds."""
    specs = {page_spec(page.pk)}
    routes = getattr(page, "static_routes", None)
    if callable(routes):
        specs |= {route_spec(page.pk, route) for route in routes()}
    if has_feed(page):
        specs |= set(feed_specs(page.pk))
    return specs


def listing_specs(dependent, page):
    """The outputs of ``dependent`` that show ``page``: its HTML, the routes listing it, its feeds."""
    specs = {page_spec(dependent.pk)}
    routes_for = getattr(dependent, "static_routes_for", None)
    if callable(routes_for):
        specs |= {route_spec(dependent.pk, route) for route in routes_for(page)}
    if has_feed(dependent):
        specs |= set(feed_specs(dependent.pk))
    return specs


def page_deps(page, site):
    """Every output that shows ``page``: its own page, its dependents' listings and feeds, its sitemap."""
    specs = {page_spec(page.pk), sitemap_spec(sitemap_group(page, site))}
    for dependent in dependents(page, site):
        specs |= listing_specs(dependent, page)
    return specs


def sitemap_group(page, site):
    """Which sitemap part lists ``page``: ``<section slug>-<year>`` (``tin-tuc-su-kien-2026``) for a page
    of a top-level section, ``<section slug>`` if the page has no year (``sitemap_year``), or the part
    for other pages (``trang-khac``: home and top-level leaf pages).

    A section's pages are split by year so a publish rewrites one year's part, never the whole section
    (issue 15; a section of 40,000 pages would also near the protocol's 50,000-URL limit).
    """
    home_depth = site.root_page.depth
    if page.depth <= home_depth:
        return OTHER_SITEMAP
    top = page if page.depth == home_depth + 1 else page.get_ancestors().get(depth=home_depth + 1)
    if not top.specific_class.allowed_subpage_models():
        return OTHER_SITEMAP  # a leaf page (e.g. "Lịch sử trường") is not a section
    year = sitemap_year(page)
    return f"{top.slug}-{year}" if year else top.slug


def sitemap_year(page):
    """The year of ``page``'s sitemap part: the year of its own date if its model names one
    (``sitemap_date_field``: an article's publication date, a document's issue date), else the Vietnam
    year of its first publication; None if neither is known. Stable: a later publish does not move it.
    """
    field = getattr(page.specific_class, "sitemap_date_field", None)
    if field:
        value = getattr(
            page if isinstance(page, page.specific_class) else page.specific_deferred, field, None
        )
        if value is not None:
            return value.year
    return vn_date(page.first_published_at).year if page.first_published_at else None


def is_structural(depth, site):
    """Home and top-level pages appear in every page's navigation: a change there rebuilds everything."""
    return depth <= site.root_page.depth + 1
