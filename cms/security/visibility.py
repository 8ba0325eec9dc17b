"""Admin lookups show a person only pages and titles they may already see (choosers, searches, listings).

A page is visible to a person when it is live, when they own it, or when they may edit or publish it. Drafts
of others (a teacher's article before approval) never appear by title in a pupil's chooser or search.

Titles: a live page with a newer draft keeps its live title in the database row (and so in the search
index, built from the row), but Wagtail shows ``draft_title`` everywhere in the admin
(``Page.get_admin_display_title``). ``admin_display_title`` shows the draft title only to people who may see
the draft (``may_see_draft``: its owner, editors and publishers, the reviewer of its current stage); everyone
else sees the live title. ``install_title_guard`` (called at start-up) routes Wagtail's method through it
for the person of the current request (``ViewerMiddleware``; it must wrap the template rendering, which
happens after Wagtail's own log context has ended), so every admin listing follows: page chooser and its
search, explorer, page search, breadcrumbs, the admin API.
"""

from contextvars import ContextVar

from django.db.models import Q
from wagtail.admin.views.pages.search import SearchView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy


def visible_pages(user, pages):
    """``pages`` narrowed to those ``user`` may see: live, their own, or ones they may edit or publish."""
    if not user.is_authenticated:
        return pages.none()
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    return pages.filter(Q(live=True) | Q(owner=user) | Q(pk__in=editable.values("pk")))


class VisiblePagesSearchView(SearchView):
    """Wagtail's page search ("Tìm kiếm" → Trang), limited to ``visible_pages``."""

    def annotate_queryset(self, pages):
        return super().annotate_queryset(visible_pages(self.request.user, pages))


def may_see_draft(user, page):
    """True if ``user`` may see the unpublished draft of ``page`` (owner, editor, publisher, reviewer)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or page.owner_id == user.pk:
        return True
    tester = page.permissions_for_user(user)
    # can_edit() includes the reviewer of the page's current workflow stage.
    return tester.can_edit() or tester.can_publish()


_wagtail_display_title = Page.get_admin_display_title
_viewer = ContextVar("portal_admin_viewer", default=None)


class ViewerMiddleware:
    """Remember the person of the current request for ``admin_display_title`` (views and their rendering)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _viewer.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _viewer.reset(token)


def admin_display_title(page):
    """The page's title as the person of the current admin request may see it (see module docstring)."""
    title = _wagtail_display_title(page)
    if not page.live or not page.title or title == page.title:
        return title
    user = _viewer.get()
    if user is None:
        return title  # no request (commands, background mails): Wagtail's behaviour
    cache = user.__dict__.setdefault("_drafts_visible", {})
    if page.pk not in cache:
        cache[page.pk] = may_see_draft(user, page)
    return title if cache[page.pk] else page.title


def install_title_guard():
    """Route ``Page.get_admin_display_title`` through ``admin_display_title`` (idempotent)."""
    if Page.get_admin_display_title is not _guarded:
        Page.get_admin_display_title = _guarded


def _guarded(self):
    return admin_display_title(self)
