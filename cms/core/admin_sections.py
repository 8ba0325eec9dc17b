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


class SectionPermissionHelper(PagePermissionHelper):
    """Page permission helper that only lets users with rights over the section's index page list it."""

    index_model = None  # set by subclasses: the index page model (e.g. DocumentIndexPage)

    def user_can_list(self, user):
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


class ExportIndexView(IndexView):
    """Index view whose XLSX/CSV export uses the ModelAdmin's ``export_headings`` and a BOM for CSV."""

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
