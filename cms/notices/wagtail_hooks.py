"""Admin section "Thông báo" (wagtail-modeladmin), the static JSON hook and the periodic expiry job."""

from django.contrib.admin import SimpleListFilter
from django.utils import timezone
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from cms.core.admin_sections import ExportIndexView, FoldedSearchHandler, SectionPermissionHelper
from cms.core.school_pages import HOME, SchoolPageSpec
from cms.core.vietnamese import format_date_short

from .jobs import notices_validity_job
from .models import NoticeIndexPage, NoticePage, current_filter
from .static_files import static_files


class ValidityFilter(SimpleListFilter):
    """Filter notices by whether they are shown now, not yet, or expired."""

    title = "tình trạng"
    parameter_name = "tinh_trang"

    def lookups(self, request, model_admin):
        return [("dang", "Đang hiệu lực"), ("sap", "Sắp hiển thị"), ("het", "Đã hết hạn")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "dang":
            return queryset.filter(current_filter(now))
        if self.value() == "sap":
            return queryset.filter(valid_from__gt=now)
        if self.value() == "het":
            return queryset.filter(valid_to__lte=now)
        return queryset


class YearFilter(SimpleListFilter):
    """Filter by the year of the notice date."""

    title = "năm"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        years = {d.year for d in NoticePage.objects.values_list("notice_date", flat=True)}
        return [(str(y), str(y)) for y in sorted(years, reverse=True)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(notice_date__year=int(self.value()))
        return queryset


class NoticePermissionHelper(SectionPermissionHelper):
    index_model = NoticeIndexPage


class NoticeAdmin(ModelAdmin):
    """The "Thông báo" section with filters and export."""

    model = NoticePage
    menu_label = "Thông báo"
    menu_icon = "warning"
    menu_order = 220
    add_to_admin_menu = True
    permission_helper_class = NoticePermissionHelper
    index_view_class = ExportIndexView
    # Tone marks and đ folded: "nghi hoc" finds "Nghỉ học" (the column is kept by NoticePage.save()).
    search_handler_class = FoldedSearchHandler
    search_fields = ("search_folded",)
    list_display = ("title", "ngay", "doi_tuong", "muc_do", "pinned", "tinh_trang", "live")
    list_filter = ("audience", "priority", "pinned", ValidityFilter, YearFilter)
    ordering = ("-notice_date", "-pk")
    list_export = (
        "title",
        "ngay",
        "nguoi_thong_bao",
        "doi_tuong",
        "muc_do",
        "ghim",
        "tu",
        "den",
        "tinh_trang",
    )
    export_headings = {
        "title": "Tiêu đề",
        "ngay": "Ngày thông báo",
        "nguoi_thong_bao": "Bộ phận thông báo",
        "doi_tuong": "Đối tượng",
        "muc_do": "Mức độ",
        "ghim": "Ghim trang chủ",
        "tu": "Hiển thị từ",
        "den": "Hết hạn lúc",
        "tinh_trang": "Tình trạng",
    }
    export_filename = "thong-bao"

    @staticmethod
    def _moment(value):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""

    def ngay(self, obj):
        return format_date_short(obj.notice_date)

    ngay.short_description = "Ngày"

    def nguoi_thong_bao(self, obj):
        return obj.sender

    def doi_tuong(self, obj):
        return obj.get_audience_display()

    doi_tuong.short_description = "Đối tượng"

    def muc_do(self, obj):
        return obj.get_priority_display()

    muc_do.short_description = "Mức độ"

    def ghim(self, obj):
        return "Có" if obj.pinned else "Không"

    def tu(self, obj):
        return self._moment(obj.valid_from)

    def den(self, obj):
        return self._moment(obj.valid_to)

    def tinh_trang(self, obj):
        return obj.state_label()

    tinh_trang.short_description = "Tình trạng"


modeladmin_register(NoticeAdmin)


@hooks.register("register_static_files")
def notice_static_files(site):
    """du-lieu/thong-bao.json: current and archived notices."""
    return static_files(site)


# Rebuilt only when a notice or the notice list changes (a notice whose display time comes is scheduled
# like a publish): a publish elsewhere keeps the file (cms.publishing.builder.hook_page_types).
notice_static_files.static_files_page_types = ("notices.NoticePage", "notices.NoticeIndexPage")


@hooks.register("register_periodic_jobs")
def notices_validity(now):
    """Take expired notices off the home page (and show newly valid ones) by scheduling a rebuild."""
    return notices_validity_job(now)


@hooks.register("register_school_pages")
def notices_page():
    """ "Thông báo" of a new school (``cms.core.school_pages``)."""
    intro = "Thông báo của nhà trường gửi cha mẹ học sinh, giáo viên và học sinh."
    return [
        SchoolPageSpec(
            "thong_bao",
            "notices.NoticeIndexPage",
            HOME,
            "Thông báo",
            "thong-bao",
            {"show_in_menus": True, "intro": intro},
            41,
        )
    ]
