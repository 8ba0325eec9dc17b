"""The outputs of the static site and the dependency graph: which outputs show which page.

Every output file is produced by a *source*, a short string kept in the manifest next to the file:

- ``page:<id>``               the page's own HTML
- ``route:<id>:<sub/path/>``  an extra page the model serves under its URL (e.g. a month archive)
- ``rss:<id>`` / ``atom:<id>`` the feeds of a page that has ``feed_items()``
- ``sitemap:<group>``         one sitemap per top-level section and month (``tin-tuc-su-kien-2026-11``,
                              file ``sitemaps/tin-tuc-su-kien/2026/11.xml``; ``trang-khac`` for other
                              pages): ``sitemap_group``
- ``sitemap-index``, ``fixed:404``, ``fixed:robots``, ``fixed:search``: rendered on every build
- ``fixed:redirects``: one page per Wagtail ``Redirect`` at its old address (``renderers/redirects.py``),
  rendered on every build
- ``hook``, ``static``, ``media``, ``search``: files from other apps, static assets, referenced media
  and the search index.

Page models take part through optional methods (duck typing, so no app imports this one):

- ``static_routes()``: sub-paths the page serves besides itself (published in full builds);
- ``static_routes_for(page)``: the sub-paths that list ``page`` (re-rendered when it changes);
- ``feed_items()``: pages for the RSS/Atom feeds, newest first;
- ``static_dependents(index=None)``: other pages whose output lists this page (e.g. the home page's notice
  box). They are re-rendered together with the page's ancestors up to the home page, which are always
  dependents (section listings, home page). A full build passes a ``PageIndex`` of every public page, from
  which the method answers without queries; called without it (an incremental build, a periodic job), it
  reads the database.
"""

from bisect import bisect_left
from operator import attrgetter

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


# Page fields every indexed page carries (``load_index``): what planning, menus, breadcrumbs and neighbour
# links read. Page models add their own with ``static_index_fields`` (e.g. an article's publication date).
INDEX_FIELDS = (
    "id",
    "path",
    "depth",
    "numchild",
    "title",
    "slug",
    "url_path",
    "content_type_id",
    "live",
    "locale_id",
    "seo_title",
    "search_description",
    "show_in_menus",
    "first_published_at",
    "last_published_at",
)


def load_index(pages):
    """A ``PageIndex`` of the pages of the queryset ``pages`` (``public_pages(site, specific=False)``) as
    *light* specific instances: only ``INDEX_FIELDS`` and each model's ``static_index_fields`` are loaded
    (one query, plus one per model that declares fields), so the index stays small at any size (about a
    kilobyte a page). Any other field is deferred: reading it still works (Django loads it) but costs a
    query, so renders use the fully loaded pages of ``RenderContext`` for the page itself.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import DEFERRED

    rows = list(pages.values_list(*INDEX_FIELDS))
    ids = {row[0] for row in rows}
    models, extras, layouts = {}, {}, {}
    found = []
    for row in rows:
        values = dict(zip(INDEX_FIELDS, row, strict=True))
        content_type = values["content_type_id"]
        if content_type not in models:
            model = ContentType.objects.get_for_id(content_type).model_class()
            models[content_type] = model
            if model is not None:
                # The sitemap's date too (``sitemap_month``): a part is chosen for every page of a build.
                dated = getattr(model, "sitemap_date_field", None)
                fields = tuple(
                    dict.fromkeys((*getattr(model, "static_index_fields", ()), *([dated] if dated else [])))
                )
                extras[model] = (
                    {r[0]: r[1:] for r in model._default_manager.values_list("pk", *fields) if r[0] in ids}
                    if fields
                    else {}
                )
                links = [field.attname for field in model._meta.parents.values() if field is not None]
                layouts[model] = (fields, links, [f.attname for f in model._meta.concrete_fields])
        model = models[content_type]
        if model is None:
            continue  # a page type whose code is gone: not rendered either
        fields, links, attnames = layouts[model]
        values.update(zip(fields, extras[model].get(values["id"], ()), strict=False))
        for link in links:
            values[link] = values["id"]
        page = model.from_db("default", attnames, [values.get(a, DEFERRED) for a in attnames])
        # Wagtail's ``specific_class``, ``specific`` and ``specific_deferred`` (cached_properties read for
        # every page by planning and renders; the page is its own specific instance) set as plain
        # attributes, with the values Wagtail would compute: a cached_property stores through
        # ``__dict__[name]``, which turns the instance's key-sharing dictionary into a full one (≈ 730
        # bytes more a page, in the build process and again in every worker that reads it).
        page.specific_class = model
        page.specific = page.specific_deferred = page
        found.append(page)
    return PageIndex(found)


class PageIndex:
    """The public pages of one build, answering tree questions from their paths, without queries.

    Wagtail stores the tree as materialised paths (treebeard): a page's ancestors are the prefixes of its
    path, its parent the path less one step. A full build loads every public page once (``load_index``) and
    plans and renders from this index instead of asking the database per page. ``pages``: specific page
    instances. Non-public pages are not in the index; a question about one answers None (the caller falls
    back to the database, so an answer is never different from Wagtail's).
    """

    def __init__(self, pages):
        from wagtail.models import Page

        self.step = Page.steplen
        self.by_pk = {page.pk: page for page in pages}
        self.by_path = {page.path: page for page in self.by_pk.values()}
        self._children = None
        self._memo = {}

    def __contains__(self, page_id):
        return page_id in self.by_pk

    def get(self, page_id):
        """The public page with ``page_id``, or None."""
        return self.by_pk.get(page_id)

    def pages(self):
        """Every indexed page in tree order."""
        return [self.by_path[path] for path in sorted(self.by_path)]

    def ids(self):
        """Ids of every public page, ascending."""
        return self.memo("ids", lambda: sorted(self.by_pk))

    def parent(self, page):
        """The parent of ``page`` if it is public, else None."""
        return self.by_path.get(page.path[: -self.step])

    def ancestors(self, page, min_depth=1):
        """Ancestors of ``page`` from ``min_depth`` down, top first; None if one of them is not public."""
        found = []
        for depth in range(min_depth, page.depth):
            ancestor = self.by_path.get(page.path[: depth * self.step])
            if ancestor is None:
                return None
            found.append(ancestor)
        return found

    def children(self, page):
        """The public children of ``page`` in tree order."""
        return self.children_of_path(page.path)

    def children_of_path(self, path):
        """The public children of the page at ``path`` in tree order."""
        if self._children is None:
            grouped = {}
            for child_path in sorted(self.by_path):
                grouped.setdefault(child_path[: -self.step], []).append(self.by_path[child_path])
            self._children = grouped
        return self._children.get(path, [])

    def memo(self, key, compute):
        """``compute()`` once per index under ``key``: for data a page model derives for all its pages."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def ordered_siblings(self, page, model, fields):
        """The public children of ``page``'s parent that are ``model``s, sorted by the attributes ``fields``
        (e.g. ``("publication_date", "pk")``), and the position of ``page`` among them: ``(pages, position)``;
        position None if ``page`` is not one of them."""
        parent_path = page.path[: -self.step]
        key = attrgetter(*fields)

        def build():
            found = sorted((p for p in self.children_of_path(parent_path) if isinstance(p, model)), key=key)
            return found, [key(p) for p in found]

        found, keys = self.memo(("ordered_siblings", parent_path, model, tuple(fields)), build)
        position = bisect_left(keys, key(page))
        while position < len(found) and keys[position] == key(page):
            if found[position].pk == page.pk:
                return found, position
            position += 1
        return found, None

    def is_section(self, page):
        """True if ``page``'s type may have children (a section, for the sitemaps)."""
        model = page.specific_class
        return self.memo(("is_section", model), lambda: bool(model.allowed_subpage_models()))

    def attach_parents(self, pages=None):
        """Give ``pages`` (default: the indexed ones) their indexed parent as treebeard's cached parent, so
        ``get_parent()`` in templates and models costs no query (a non-public parent is still read from
        the database)."""
        for page in self.by_pk.values() if pages is None else pages:
            parent = self.parent(page)
            if parent is not None:
                page._cached_parent_obj = parent


def dependents(page, site, index=None):
    """Pages whose output lists ``page``: its ancestors up to home, plus ``page.static_dependents()``.

    With ``index`` (a ``PageIndex`` of the public pages, full builds) the answer needs no query and lists
    only public pages: a non-public dependent has no output to re-render.
    """
    ancestors = index.ancestors(page, site.root_page.depth) if index is not None else None
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=site.root_page.depth).specific()
    pages = {p.pk: p for p in ancestors}
    custom = getattr(page, "static_dependents", None)
    if callable(custom):
        others = custom(index=index) if index is not None else custom()
        for other in others or ():
            if index is None or other.pk in index:
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


def page_deps(page, site, index=None):
    """Every output that shows ``page``: its own page, its dependents' listings and feeds, its sitemap.

    ``index``: a ``PageIndex`` of the public pages (full builds): answered without per-page queries.
    """
    specs = {page_spec(page.pk), sitemap_spec(sitemap_group(page, site, index))}
    for dependent in dependents(page, site, index):
        specs |= listing_specs(dependent, page)
    return specs


def sitemap_group(page, site, index=None):
    """Which sitemap part lists ``page``: ``<section slug>-<year>-<month>`` (``tin-tuc-su-kien-2026-11``) for
    a page of a top-level section, ``<section slug>`` if the page has no date (``sitemap_month``), or the
    part for other pages (``trang-khac``: home and top-level leaf pages).

    A section's pages are split by month so a publish rewrites one month's part, whose size follows how
    much the section publishes in a month, never the size of the section or of a year (issue 15; decision
    record 0015, section 3b).
    """
    home_depth = site.root_page.depth
    if page.depth <= home_depth:
        return OTHER_SITEMAP
    top = None
    if page.depth == home_depth + 1:
        top = page
    elif index is not None:
        top = index.by_path.get(page.path[: (home_depth + 1) * index.step])
    if top is None:
        top = page.get_ancestors().get(depth=home_depth + 1)
    if not (index.is_section(top) if index is not None else top.specific_class.allowed_subpage_models()):
        return OTHER_SITEMAP  # a leaf page (e.g. "Lịch sử trường") is not a section
    month = sitemap_month(page)
    return f"{top.slug}-{month[0]}-{month[1]:02d}" if month else top.slug


def sitemap_month(page):
    """``(year, month)`` of ``page``'s sitemap part: the month of its own date if its model names one
    (``sitemap_date_field``: an article's publication date, a document's issue date), else the Vietnam
    month of its first publication; None if neither is known. Stable: a later publish does not move it.
    """
    field = getattr(page.specific_class, "sitemap_date_field", None)
    if field:
        value = getattr(
            page if isinstance(page, page.specific_class) else page.specific_deferred, field, None
        )
        if value is not None:
            return value.year, value.month
    if page.first_published_at:
        day = vn_date(page.first_published_at)
        return day.year, day.month
    return None


def is_structural(depth, site):
    """Home and top-level pages appear in every page's navigation: a change there rebuilds everything."""
    return depth <= site.root_page.depth + 1
