"""Admin section "Văn bản" (wagtail-modeladmin), the issuer snippet and the static JSON hook."""

from django.contrib import messages
from django.contrib.admin import SimpleListFilter
from django.db.models import Q
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from cms.core.admin_sections import ExportIndexView, FoldedSearchHandler, SectionPermissionHelper
from cms.core.school_pages import HOME, SchoolPageSpec
from cms.core.vietnamese import format_date_short

from .jobs import document_status_job
from .models import DocumentIndexPage, Issuer, OfficialDocumentPage, today_vn
from .static_files import static_files


class YearFilter(SimpleListFilter):
    """Filter by year of issue."""

    title = "năm ban hành"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        years = OfficialDocumentPage.objects.order_by("-issue_year").values_list("issue_year", flat=True)
        return [(str(y), str(y)) for y in dict.fromkeys(years)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(issue_year=int(self.value()))
        return queryset


class StatusFilter(SimpleListFilter):
    """Filter by the derived legal status (chưa / còn / hết hiệu lực) as of today in Vietnam."""

    title = "hiệu lực"
    parameter_name = "hieu_luc"

    def lookups(self, request, model_admin):
        return OfficialDocumentPage.Status.choices

    def queryset(self, request, queryset):
        today = today_vn()
        not_yet = Q(effective_from__gt=today) | Q(effective_from__isnull=True, issue_date__gt=today)
        expired = Q(effective_to__lte=today) & ~not_yet
        status = OfficialDocumentPage.Status
        if self.value() == status.NOT_YET:
            return queryset.filter(not_yet)
        if self.value() == status.EXPIRED:
            return queryset.filter(expired)
        if self.value() == status.IN_FORCE:
            return queryset.exclude(not_yet).exclude(expired)
        return queryset


class DocumentPermissionHelper(SectionPermissionHelper):
    index_model = DocumentIndexPage


class DocumentAdmin(ModelAdmin):
    """The "Văn bản" section: the register of documents issued and received, with export."""

    model = OfficialDocumentPage
    menu_label = "Văn bản"
    menu_icon = "doc-full"
    menu_order = 210
    add_to_admin_menu = True
    permission_helper_class = DocumentPermissionHelper
    index_view_class = ExportIndexView
    search_handler_class = FoldedSearchHandler
    search_fields = ("search_folded",)
    list_display = ("so_ky_hieu", "title", "loai_van_ban", "co_quan", "ngay_ban_hanh", "hieu_luc", "live")
    list_filter = ("doc_type", "issuer", YearFilter, "field", StatusFilter)
    list_select_related = ("issuer",)
    ordering = ("-issue_date", "-pk")
    list_export = (
        "so_ky_hieu",
        "loai_van_ban",
        "ngay_ban_hanh",
        "co_quan",
        "title",
        "trich_yeu",
        "nguoi_ky",
        "linh_vuc",
        "hieu_luc_tu",
        "hieu_luc_den",
        "hieu_luc",
        "nguon",
        "trang_thai_dang",
    )
    export_headings = {
        "so_ky_hieu": "Số, ký hiệu",
        "loai_van_ban": "Loại văn bản",
        "ngay_ban_hanh": "Ngày ban hành",
        "co_quan": "Cơ quan ban hành",
        "title": "Tiêu đề",
        "trich_yeu": "Trích yếu",
        "nguoi_ky": "Người ký",
        "linh_vuc": "Lĩnh vực",
        "hieu_luc_tu": "Hiệu lực từ",
        "hieu_luc_den": "Hết hiệu lực từ",
        "hieu_luc": "Tình trạng hiệu lực",
        "nguon": "Nguồn",
        "trang_thai_dang": "Trạng thái đăng",
    }
    export_filename = "so-van-ban"

    @staticmethod
    def _date(value):
        return format_date_short(value) if value else ""

    def so_ky_hieu(self, obj):
        return obj.number_symbol

    so_ky_hieu.short_description = "Số, ký hiệu"

    def loai_van_ban(self, obj):
        return obj.type_name

    loai_van_ban.short_description = "Loại văn bản"

    def co_quan(self, obj):
        return str(obj.issuer)

    co_quan.short_description = "Cơ quan ban hành"

    def ngay_ban_hanh(self, obj):
        return self._date(obj.issue_date)

    ngay_ban_hanh.short_description = "Ngày ban hành"

    def trich_yeu(self, obj):
        return obj.summary

    def nguoi_ky(self, obj):
        return f"{obj.signer_name} – {obj.signer_position}"

    def linh_vuc(self, obj):
        return obj.get_field_display()

    def hieu_luc_tu(self, obj):
        return self._date(obj.effective_from or obj.issue_date)

    def hieu_luc_den(self, obj):
        return self._date(obj.effective_to)

    def hieu_luc(self, obj):
        return obj.status_label()

    hieu_luc.short_description = "Hiệu lực"

    def nguon(self, obj):
        return obj.origin_label

    def trang_thai_dang(self, obj):
        return "Đã đăng" if obj.live else "Chưa đăng"


modeladmin_register(DocumentAdmin)
register_snippet(Issuer)


@hooks.register("register_static_files")
def document_static_files(site):
    """du-lieu/van-ban.json for the static site's filters and for other systems."""
    return static_files(site)


# Rebuilt only when a document or the document list changes (an issuer's change re-publishes its
# documents): a publish elsewhere keeps the file (cms.publishing.builder.hook_page_types).
document_static_files.static_files_page_types = (
    "documents.OfficialDocumentPage",
    "documents.DocumentIndexPage",
)


@hooks.register("register_periodic_jobs")
def document_status(now):
    """Re-render documents whose legal status changed today."""
    return document_status_job(now)


@hooks.register("before_copy_page")
def refuse_copying_documents(request, page):
    """A copy would reuse the số, ký hiệu, which must be unique per issuer and year: create a new one."""
    if isinstance(page.specific, OfficialDocumentPage):
        messages.error(
            request,
            "Không thể sao chép văn bản: số, ký hiệu không được trùng. Vui lòng thêm văn bản mới.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("register_school_pages")
def documents_page():
    """ "Văn bản" of a new school (``cms.core.school_pages``)."""
    intro = "Văn bản của nhà trường và văn bản chỉ đạo của cấp trên."
    return [
        SchoolPageSpec(
            "van_ban",
            "documents.DocumentIndexPage",
            HOME,
            "Văn bản",
            "van-ban",
            {"show_in_menus": True, "intro": intro},
            40,
        )
    ]
