"""The one rule of what is public. Every output of the static engine goes through it."""

from django.utils import timezone
from wagtail.models import Page, get_page_models


def public_pages(site, specific=True, now=None):
    """Every live page of ``site`` that anonymous visitors may see: the single rule of what is public.

    A page model may define a classmethod ``not_yet_public(now)`` returning the ids (a ``values("pk")``
    queryset) of its live pages that are not public yet, e.g. a notice whose display window starts later.
    """
    now = now or timezone.now()
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
    for model in get_page_models():
        hidden = vars(model).get("not_yet_public")
        if hidden is not None:
            pages = pages.exclude(pk__in=model.not_yet_public(now))
    return pages.specific() if specific else pages


def _private_q(self):
    """Wagtail's ``PageQuerySet.private_q`` without its join: same result, no page-table scan.

    Wagtail reads ``PageViewRestriction.objects.select_related("page")``; SQLite plans that join as a
    scan of every page probing the (usually empty) restriction table, on every ``.public()`` — several
    times per rendered page, so each render cost grew with the site. Reading the few restricted ids
    first and then their paths by primary key is two indexed lookups (one when nothing is private).
    """
    from django.db.models import Q

    from cms.core import render_cache

    q = Q()
    # Read once per static build (restrictions cannot change while one build renders), else every time.
    for restricted in render_cache.cached("restricted_pages", _restricted_pages):
        q |= self.descendant_of_q(restricted, inclusive=True)
    return q if q else Q(pk__in=[])


def _restricted_pages():
    """The pages that carry a view restriction (pk, path and depth only)."""
    from wagtail.models import PageViewRestriction

    ids = list(PageViewRestriction.objects.values_list("page_id", flat=True))
    return list(Page.objects.filter(pk__in=ids).only("pk", "path", "depth")) if ids else []


def _subtree_q(path):
    """Pages whose path starts with ``path``, as a range the path index answers.

    Wagtail writes ``path__startswith`` (``LIKE 'x%'``); SQLite cannot use an index for a
    case-insensitive LIKE on a BINARY column, so every "children of", "descendants of" and "siblings of"
    read the whole page index. Tree paths only hold ``0-9A-Z``, so ``path <= x + 'ZZ…'`` bounds the
    same set exactly.
    """
    from django.db.models import Q

    return Q(path__gte=path, path__lte=path + "Z" * (Page._meta.get_field("path").max_length - len(path)))


def _descendant_of_q(self, other, inclusive=False):
    from django.db.models import Q

    q = _subtree_q(other.path) & Q(depth__gte=other.depth)
    if not inclusive:
        q &= ~Q(pk=other.pk)
    return q


def _sibling_of_q(self, other, inclusive=True):
    from django.db.models import Q

    q = _subtree_q(self.model._get_parent_path_from_path(other.path)) & Q(depth=other.depth)
    if not inclusive:
        q &= ~Q(pk=other.pk)
    return q


def install_private_q():
    """Make Wagtail's tree filters index lookups (see ``_private_q`` and ``_subtree_q``); called once
    from the app's ready(). Results are unchanged; only the SQL differs."""
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = _private_q
    PageQuerySet.descendant_of_q = _descendant_of_q
    PageQuerySet.sibling_of_q = _sibling_of_q
