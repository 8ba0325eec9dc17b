"""Renderers turn one output source (see ``cms.publishing.outputs``) into files: ``{path: bytes}``."""

from bisect import bisect_left

from cms.core import render_cache
from cms.core.addresses import public_base_url

from .. import search_index
from ..outputs import parse_spec
from ..render import output_path_for_url, render_page, render_route, render_template
from . import feeds, redirects, sitemaps


class BuildCache:
    """What every render of one build reads once: shared by all its (fresh, anonymous) render requests.

    Its ``store`` is the build's ``cms.core.render_cache`` store: the school's settings, the restricted
    pages (``public.py``), the main menu and footer pages (``portal_nav``), the sites' root paths, the
    pupils' names, and the ``PageIndex`` of the public pages when the build loaded them all. Everything is
    computed by the same rules a single anonymous render uses (live, public, approved settings), so the
    output is unchanged; a new build (a new ``RenderContext``) starts empty, which is what invalidates it.
    """

    def __init__(self, site):
        self.site = site
        self.store = {"site": site}

    def activate(self):
        """Context manager: renders inside it share this cache."""
        return render_cache.active(self.store)

    @property
    def index(self):
        return self.store.get("page_index")


class RenderContext:
    """What renderers share during one build: the site, a cache of its public pages by id and the
    ``BuildCache`` of values every render reads.

    A full build gives it the ``PageIndex`` of every public page (``use_index``): then a page that is not
    in the index is known not to be public without a query, pages are fetched in batches of
    ``LOAD_BATCH``, and every fetched page gets its (indexed) parent, so ``get_parent()`` is free.
    """

    LOAD_BATCH = 40

    def __init__(self, site, public_pages, changed_models=None, sources=None):
        self.site = site
        # The sources an incremental build renders (None: a full build, or not known): renders that
        # summarise other outputs (the sitemap index) recompute only what these change. Forked render
        # workers (``parallel``) inherit it with the context.
        self.sources = sources
        # Page models an incremental build changes (None: a full build): static-files hooks that read
        # none of them are skipped and keep their files (``builder._hook_files``).
        self.changed_models = changed_models
        self.skipped_hooks = set()
        self._public_pages = public_pages  # queryset of public pages (specific)
        self._cache = {}
        self.cache = BuildCache(site)

    def use_index(self, index):
        """Plan and render from ``index`` (``outputs.PageIndex`` of every public page of the site)."""
        index.attach_parents()
        self.cache.store["page_index"] = index

    @property
    def index(self):
        """The ``PageIndex`` of every public page (full builds), else None."""
        return self.cache.index

    def release_memory(self):
        """Drop what rendering needed (the page index, the per-build caches, cached pages) once every
        output is rendered: a full build's search indexing and manifest then run without it (about 125 MB
        at 50,000 pages). Later lookups (redirect targets, a re-rendered linker) query as outside a
        full build."""
        import gc

        self.cache = BuildCache(self.site)
        self._cache.clear()
        gc.collect()

    def load(self, page_ids):
        """Fetch the pages ``page_ids`` not cached yet in one query per page type (public ones; the others
        are cached as None). A build loads a chunk's pages before rendering it."""
        missing = {pk for pk in page_ids if pk not in self._cache}
        index = self.index
        if index is not None:
            for pk in [pk for pk in missing if pk not in index]:
                self._cache[pk] = None  # not public: known without asking
                missing.discard(pk)
        if not missing:
            return
        with self.cache.activate():
            found = {page.pk: page for page in self._public_pages.filter(pk__in=missing)}
            prefetch_related_parts(found.values())
        if index is not None:
            index.attach_parents(found.values())
        for pk in missing:
            self._cache[pk] = found.get(pk)

    def forget(self, page_ids):
        """Drop ``page_ids`` from the cache: a full build keeps only the chunk it renders, so its memory
        does not grow with the number of pages."""
        for pk in page_ids:
            self._cache.pop(pk, None)

    def page(self, page_id):
        """The public page with ``page_id`` or None (unpublished, private, deleted)."""
        if page_id not in self._cache:
            index = self.index
            batch = [page_id]
            if index is not None and page_id in index:
                # The next public pages by id come with it (renders go through sources in order).
                ids = index.ids()
                start = bisect_left(ids, page_id)
                batch = [pk for pk in ids[start : start + self.LOAD_BATCH] if pk not in self._cache]
            self.load(batch)
        return self._cache[page_id]

    def url(self, page):
        return page.get_url(current_site=self.site) or "/"

    def sitemap_parts(self):
        """The sitemap parts (groups) this build re-renders, or None when every part may have changed
        (a full build, or sources not given)."""
        if self.sources is None:
            return None
        return {key for kind, key, _ in map(parse_spec, self.sources) if kind == "sitemap"}


def _related_parts(model):
    """What every render of a ``model`` page reads besides its own row: its inline children (Wagtail's
    child relations: attachments, document files, comments read by the media references) and the images
    its own fields point to (cover images). Names for ``prefetch_related_objects``, memoised per model."""
    names = _RELATED_PARTS.get(model)
    if names is None:
        from modelcluster.models import get_all_child_relations
        from wagtail.images import get_image_model

        image_model = get_image_model()
        names = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        names += [
            field.name
            for field in model._meta.concrete_fields
            if field.many_to_one and field.related_model is image_model
        ]
        _RELATED_PARTS[model] = names
    return names


_RELATED_PARTS = {}


def prefetch_related_parts(pages):
    """Load the related parts (``_related_parts``) of ``pages`` in one query per part and page type, as
    Django's ``prefetch_related`` does: a chunk of a build then asks nothing per page for them. The
    objects are the ones the page's own managers would return (same rows, same order)."""
    from django.db.models import prefetch_related_objects

    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for model, group in by_model.items():
        names = _related_parts(model)
        if names:
            prefetch_related_objects(group, *names)


def render_source(source, ctx):
    """Render one source; returns {path: bytes} (empty when the output no longer exists).

    Every render of the build shares ``ctx.cache`` (values read once per build, see ``BuildCache``).
    """
    with ctx.cache.activate():
        return _render_source(source, ctx)


def _render_source(source, ctx):
    kind, key, route = parse_spec(source)
    site = ctx.site
    if kind == "fixed":
        if key == "404":
            return {"404.html": render_template(site, "/404.html", "404.html")}
        if key == "robots":
            body = f"User-agent: *\nAllow: /\nSitemap: {public_base_url()}/sitemap.xml\n"
            return {"robots.txt": body.encode()}
        if key == "search":
            html = render_template(
                site, "/tim-kiem/", "publishing/search_page.html", search_index.search_page_context()
            )
            return {"tim-kiem/index.html": html}
        if key == "redirects":
            return redirects.render_redirects(site, ctx, public_base_url())
        raise ValueError(source)
    if kind == "sitemap-index":
        return {"sitemap.xml": sitemaps.render_index(site, public_base_url(), ctx.sitemap_parts())}
    if kind == "sitemap":
        data = sitemaps.render_group(key, site, public_base_url(), ctx.index)
        return {sitemaps.group_path(key): data} if data is not None else {}
    page = ctx.page(key)
    if page is None:
        return {}
    url = ctx.url(page)
    if kind == "page":
        return {output_path_for_url(url): render_page(page, site)}
    if kind == "route":
        html = render_route(page, site, route)
        return {output_path_for_url(url + route): html} if html is not None else {}
    if kind in ("rss", "atom"):
        if not callable(getattr(page, "feed_items", None)):
            return {}
        return {url.lstrip("/") + f"{kind}.xml": feeds.render_feed(page, site, kind, public_base_url())}
    raise ValueError(source)
