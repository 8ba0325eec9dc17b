"""Renderers turn one output source (see ``cms.publishing.outputs``) into files: ``{path: bytes}``."""

from cms.core.addresses import public_base_url

from .. import search_index
from ..outputs import parse_spec
from ..render import output_path_for_url, render_page, render_route, render_template
from . import feeds, redirects, sitemaps


class RenderContext:
    """What renderers share during one build: the site and a cache of its public pages by id."""

    def __init__(self, site, public_pages):
        self.site = site
        self._public_pages = public_pages  # queryset of public pages (specific)
        self._cache = {}

    def preload(self, pages):
        for page in pages:
            self._cache[page.pk] = page

    def load(self, page_ids):
        """Fetch the pages ``page_ids`` not cached yet in one query per page type (public ones; the others
        are cached as None). A build loads a chunk's pages before rendering it."""
        missing = {pk for pk in page_ids if pk not in self._cache}
        if missing:
            found = {page.pk: page for page in self._public_pages.filter(pk__in=missing)}
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
            self._cache[page_id] = self._public_pages.filter(pk=page_id).first()
        return self._cache[page_id]

    def url(self, page):
        return page.get_url(current_site=self.site) or "/"


def render_source(source, ctx):
    """Render one source; returns {path: bytes} (empty when the output no longer exists)."""
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
        return {"sitemap.xml": sitemaps.render_index(site, public_base_url())}
    if kind == "sitemap":
        data = sitemaps.render_group(key, site, public_base_url())
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
