"""Shared pieces for wagtail-modeladmin sections over page models (documents, notices).

- ``SectionPermissionHelper``: the section (menu, list, export) is visible only to users who hold a page
  permission on the section's index page or one of its ancestors; wagtail-modeladmin's page helper would
  show every page list to everyone with admin access.
- ``ExportIndexView``: Vietnamese column headings; the files are written by the one export helper
  (``cms.core.exports``: formula-like text neutralised, BOM on CSV so Excel shows Vietnamese).
"""

from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_modeladmin.helpers import PagePermissionHelper
from wagtail_modeladmin.helpers.search import BaseSearchHandler
from wagtail_modeladmin.views import IndexView

from cms.core.exports import csv_response, xlsx_response
from cms.core.vietnamese import fold


def _request_cache(user, name):
    """A dict kept on the request's user object (request.user is a lazy proxy: set, don't touch __dict__)."""
    cache = getattr(user, name, None)
    if cache is None:
        cache = {}
        setattr(user, name, cache)
    return cache


class SectionPermissionHelper(PagePermissionHelper):
    """Page permission helper that only lets users with rights over the section's index page list it."""

    index_model = None  # set by subclasses: the index page model (e.g. DocumentIndexPage)

    def user_can_list(self, user):
        # Asked once per row (through the inspect button): answered once per request and section.
        answers = _request_cache(user, "_can_list_section")
        if self.index_model not in answers:
            answers[self.index_model] = self._user_can_list(user)
        return answers[self.index_model]

    def _user_can_list(self, user):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        index_pages = list(self.index_model.objects.all())
        if not index_pages:
            return False
        for perm in PagePermissionPolicy().get_cached_permissions_for_user(user):
            page = perm.page
            for index_page in index_pages:
                if index_page.path.startswith(page.path):
                    return True
        return False

    def user_can_create(self, user):
        return self.user_can_list(user) and super().user_can_create(user)

    def user_can_delete_obj(self, user, obj):
        # A leaf row is answered from its own fields (``cms.core.page_permissions``), not one query per row.
        return obj.permissions_for_user(user).can_delete()

    def user_can_copy_obj(self, user, obj):
        # wagtail-modeladmin reads each row's parent page; the rows of a section share a few parents, so
        # the answer is kept per parent on the (per-request) user object.
        answers = _request_cache(user, "_can_publish_subpage")
        parent_path = obj.path[: -obj.steplen]
        if parent_path not in answers:
            answers[parent_path] = super().user_can_copy_obj(user, obj)
        return answers[parent_path]


class ExportIndexView(IndexView):
    """Index view whose XLSX/CSV export uses the ModelAdmin's ``export_headings`` and a BOM for CSV.

    The rows' buttons ask Wagtail for each page's lock, workflow state and schedule: loaded here for the
    whole page of rows at once (as Wagtail's own page listing does), so the list costs the same number
    of queries for 50 rows or 5,000.
    """

    def get_base_queryset(self, request=None):
        queryset = super().get_base_queryset(request)
        if hasattr(queryset, "prefetch_workflow_states"):
            queryset = queryset.prefetch_workflow_states().annotate_approved_schedule()
        return queryset

    @property
    def export_headings(self):
        return getattr(self.model_admin, "export_headings", {})

    def _headers(self, queryset):
        return [self.get_heading(queryset, field) for field in self.list_export]

    def _rows(self, queryset, export_format):
        for item in queryset:
            yield [
                self.preprocess_field_value(field, value, export_format)
                for field, value in self.to_row_dict(item).items()
            ]

    def write_csv_response(self, queryset):
        rows = self._rows(queryset, self.FORMAT_CSV)
        return csv_response(f"{self.get_filename()}.csv", self._headers(queryset), rows)

    def write_xlsx_response(self, queryset):
        rows = self._rows(queryset, self.FORMAT_XLSX)
        return xlsx_response(f"{self.get_filename()}.xlsx", self._headers(queryset), rows)


class FoldedSearchHandler(BaseSearchHandler):
    """Admin search that ignores tone marks and folds đ→d: each word must occur in the first search field.

    The first (and only) search field is a stored, already folded text column.
    """

    def search_queryset(self, queryset, search_term, **kwargs):
        if not search_term or not self.search_fields:
            return queryset
        column = self.search_fields[0]
        for word in fold(search_term).split():
            queryset = queryset.filter(**{f"{column}__icontains": word})
        return queryset
