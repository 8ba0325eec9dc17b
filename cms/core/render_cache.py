"""Values shared by the renders of one static build (read once per build, not once per page).

A static build renders thousands of pages, each as a fresh anonymous request, so Wagtail's per-request
caches (site settings, site root paths) and every "once per page" lookup (the school's settings, the
restricted pages, the main menu) were paid again for every page. While a build renders, the publishing
engine activates a *store* (``active(store)``, a plain dict owned by its ``BuildCache``); ``cached(key,
compute)`` then computes a value once and shares it with every later render of the same build. Outside a
build (the admin, previews, tests) nothing is active and ``cached`` simply calls ``compute()``, so dynamic
views keep reading fresh data.

Only values that cannot change while one build runs may be cached here, and only values computed by the
same rules a single render uses (live and public pages, the approved settings row): what an anonymous
visitor sees is unchanged, it is only computed once. A new build starts with an empty store.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_store = ContextVar("portal_render_cache", default=None)
_MISSING = object()


@contextmanager
def active(store):
    """Make ``store`` (a dict) the cache of the renders inside this block; ``None`` disables caching."""
    token = _store.set(store)
    try:
        yield store
    finally:
        _store.reset(token)


def cached(key, compute):
    """``compute()``, computed once per active store under ``key`` (a hashable); uncached outside a build."""
    store = _store.get()
    if store is None:
        return compute()
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = store[key] = compute()
    return value


def current(key, default=None):
    """What the active store holds under ``key`` (put there by the build), else ``default``."""
    store = _store.get()
    return default if store is None else store.get(key, default)


def parent_of(page):
    """``page.get_parent()``, answered from the build's index of public pages when it holds the parent (a
    full build, ``cms.publishing.outputs.PageIndex``), so listings and feeds ask nothing per item."""
    index = current("page_index")
    if index is not None and "_cached_parent_obj" not in page.__dict__:
        parent = index.parent(page)
        if parent is not None:
            return parent
    return page.get_parent()


def school_settings(site):
    """The school's approved settings (``SchoolSettings``) for ``site``, with the logo loaded; read once per
    build. The row always holds the approved values (``cms.core.models.SchoolSettings``)."""
    from .models import SchoolSettings

    def load():
        return SchoolSettings.base_queryset().select_related("logo").get_or_create(site=site)[0]

    return cached(("school_settings", site.pk), load)


def install():
    """Cache page URLs per build: Wagtail computes a page's URL parts (a ``reverse()`` and a walk of the
    sites' root paths) every time ``page.url`` is read, some forty times per rendered page (menus,
    breadcrumbs, listings). While a store is active the parts are computed once per page and address
    (``url_path``); outside a build Wagtail's method runs unchanged. Called once from the publishing app's
    ``ready()``."""
    from wagtail.models import Page

    original = Page.get_url_parts
    if getattr(original, "_render_cached", False):
        return

    def get_url_parts(self, request=None):
        store = _store.get()
        if store is None or self.pk is None:
            return original(self, request)
        key = ("url_parts", self.pk, self.url_path)
        parts = store.get(key, _MISSING)
        if parts is _MISSING:
            parts = store[key] = original(self, request)
        return parts

    get_url_parts._render_cached = True
    get_url_parts.__doc__ = original.__doc__
    Page.get_url_parts = get_url_parts
