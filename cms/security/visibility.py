"""Admin lookups show a person only pages they may already see (choosers, explorer search, page search).

A page is visible to a person when it is live, when they own it, or when they may edit or publish it. Drafts
of others (a teacher's article before approval) never appear by title in a pupil's chooser or search.
"""

from django.db.models import Q
from wagtail.admin.views.pages.search import SearchView
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
