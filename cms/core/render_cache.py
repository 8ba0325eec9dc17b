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

    # ``page.url`` (no request) reads the sites' root paths from Django's cache (unpickled at each read)
    # for every page object: once per build instead, the value each render request already carries.
    original_root_paths = Page._get_site_root_paths

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        if _store.get() is None or kwargs:
            return original_root_paths(self, cache_object, **kwargs)
        from wagtail.models import Site

        return cached("site_root_paths", Site.get_site_root_paths)

    _get_site_root_paths.__doc__ = original_root_paths.__doc__
    Page._get_site_root_paths = _get_site_root_paths


def install_renditions():
    """Read each image's renditions once per build: Wagtail looks renditions up for every ``{% image %}``
    and ``{% srcset_image %}`` (cover images, cards of every listing, the logo: about three lookups per
    rendered page). Its rendition cache (``CACHES["renditions"]``, per process and bounded) kept missing
    at the size of a school, so each lookup was a query. While a store is active, an image that has no
    prefetched renditions of its own finds them in the store: the rows of every rendition of that image,
    read in one query the first time the build (the process) needs them and kept as tuples by filter spec
    and focal point key (small at any size). A lookup matches as Wagtail matches prefetched renditions
    (same spec, same focal point key, the image's first such row) and makes a fresh rendition object for
    each filter asked only (a rendition's ``alt`` reads its image, which may carry a block's contextual alt
    text, so no two image objects share one). A rendition the build creates makes the image's rows be read
    again. Outside a build Wagtail's methods run unchanged. Called once from the publishing app's
    ``ready()``.
    """
    from wagtail.images.models import AbstractImage

    original_find = AbstractImage.find_existing_renditions
    if getattr(original_find, "_render_cached", False):
        return
    own_prefetched = AbstractImage._get_prefetched_renditions
    original_add = AbstractImage._add_to_prefetched_renditions

    def find_existing_renditions(self, *filters):
        store = _store.get()
        if store is None or self.pk is None or own_prefetched(self) is not None:
            return original_find(self, *filters)
        model = self.get_rendition_model()
        key = ("renditions", model, self.pk)
        entry = store.get(key)
        if entry is None:
            columns = [field.attname for field in model._meta.concrete_fields]
            rows = {}
            for row in model.objects.filter(image_id=self.pk).values_list(
                "filter_spec", "focal_point_key", *columns
            ):
                rows.setdefault((row[0], row[1]), row[2:])
            entry = store[key] = (columns, rows)
        columns, rows = entry
        db = model.objects.db
        found = {}
        for filter in filters:
            row = rows.get((filter.spec, filter.get_cache_key(self)))
            if row is not None:
                rendition = model.from_db(db, columns, row)
                rendition._state.fields_cache = {"image": self}
                rendition._from_cache = True  # as Wagtail marks prefetched ones: not written to its cache
                found[filter] = rendition
        return found

    def _add_to_prefetched_renditions(self, rendition):
        original_add(self, rendition)
        store = _store.get()
        if store is not None:
            store.pop(("renditions", self.get_rendition_model(), self.pk), None)

    find_existing_renditions._render_cached = True
    find_existing_renditions.__doc__ = original_find.__doc__
    AbstractImage.find_existing_renditions = find_existing_renditions
    AbstractImage._add_to_prefetched_renditions = _add_to_prefetched_renditions

    # The store replaces Wagtail's rendition cache during a build: writing each rendition found into it
    # (pickled, at every ``{% image %}``) is skipped.
    from django.core.cache.backends.dummy import DummyCache
    from django.utils.functional import cached_property, classproperty
    from wagtail.images.models import AbstractRendition, Filter

    original_backend = AbstractRendition.__dict__["cache_backend"].fget
    no_cache = DummyCache("portal-build", {})
    AbstractRendition.cache_backend = classproperty(
        lambda cls: no_cache if _store.get() is not None else original_backend(cls)
    )

    # A filter's operations are parsed from its spec (with a signature check per operation) for every
    # ``Filter`` object, and the image tags make one per use: once per spec and build instead.
    original_operations = Filter.__dict__["operations"].func

    def operations(self):
        store = _store.get()
        if store is None:
            return original_operations(self)
        key = ("filter_operations", self.spec)
        found = store.get(key)
        if found is None:
            found = store[key] = original_operations(self)
        return found

    operations = cached_property(operations)
    operations.__set_name__(Filter, "operations")
    Filter.operations = operations
