"""The librarian's section "Thư viện" (wagtail-modeladmin) and its circulation, import/export, report views.

Lists prefetch what they show (constant query count per page of results); search matches the folded column
(``search_folded``), so "tieng viet" finds "Tiếng Việt" and "do" finds "đỏ".
"""

from django.contrib.admin import SimpleListFilter
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.urls import include, path, reverse, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import CreateView, EditView, InspectView

from cms.core.admin_sections import FoldedSearchHandler
from cms.core.vietnamese import format_date_short

from . import views
from .isbn import isbn_query
from .loans import today
from .models import (
    DDC_CLASSES,
    BibliographicRecord,
    Copy,
    CopyStatus,
    LearningMaterial,
    Loan,
    Reader,
    RecordAuthor,
)


class MainClassFilter(SimpleListFilter):
    """Filter records by DDC main class (first digit of the classification number)."""

    title = "phân loại"
    parameter_name = "phan_loai"

    def lookups(self, request, model_admin):
        return [(code, f"{code}00 – {label}") for code, label in DDC_CLASSES.items()]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(scheme="ddc", classification__startswith=self.value())
        return queryset


class CopyStatusFilter(SimpleListFilter):
    """Records having at least one copy in the chosen status."""

    title = "tình trạng bản sách"
    parameter_name = "tinh_trang"

    def lookups(self, request, model_admin):
        return CopyStatus.choices

    def queryset(self, request, queryset):
        if self.value() in CopyStatus.values:
            return queryset.filter(copies__status=self.value()).distinct()
        return queryset


class YearFilter(SimpleListFilter):
    title = "năm xuất bản"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        years = BibliographicRecord.objects.exclude(year=None).values_list("year", flat=True).distinct()
        return [(str(y), str(y)) for y in sorted(set(years), reverse=True)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(year=int(self.value()))
        return queryset


class RecordInspectView(InspectView):
    """A record with its copies and every loan of them (newest first)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = self.instance
        context["copies"] = record.copies.order_by("accession_number")
        # Readers' names are personal data: only for those who may list loans.
        loans = Loan.objects.filter(copy__record=record)
        if not self.request.user.has_perm("library.view_loan"):
            loans = loans.none()
        context["loans"] = loans.select_related("copy", "reader").order_by("-loaned_on", "-pk")
        context["today"] = today()
        return context

    def get_template_names(self):
        return ["library/admin/record_inspect.html"]


class RecordSearchHandler(FoldedSearchHandler):
    """The folded word search, and a query that is one ISBN (any form: hyphens, ISBN-10) finds its record."""

    def search_queryset(self, queryset, search_term, **kwargs):
        isbn = isbn_query(search_term)
        if isbn:
            return queryset.filter(isbn=isbn)
        return super().search_queryset(queryset, search_term, **kwargs)


class AtomicSaveMixin:
    """The record, its inline copies and authors are saved in one transaction: one build after the commit
    (``publishing``), never one per saved row, and nothing half-saved if a copy is refused."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            # Two librarians saved the same proposed accession number (or barcode) at once: the unique
            # constraint refused the second save; nothing was saved, the form keeps what was typed.
            form.add_error(
                None,
                "Số ĐKCB hoặc mã vạch vừa được dùng cho một bản sách khác (có thể một thủ thư khác vừa lưu "
                "cùng lúc, hoặc hai bản trong phiếu trùng số). Chưa lưu gì: hãy đổi số rồi lưu lại.",
            )
            return self.form_invalid(form)


class RecordCreateView(AtomicSaveMixin, CreateView):
    pass


class RecordEditView(AtomicSaveMixin, EditView):
    pass


class LibraryPermissionHelper(PermissionHelper):
    """Lists and inspect views need a standard model permission (view/add/change/delete).

    wagtail-modeladmin's default accepts ANY permission on the model, so a custom one such as
    ``view_class_overdue`` (a homeroom teacher's: their own class's overdue list only, clarifications #10)
    would open the list of every class's loans. Pupils' loans are personal data.
    """

    list_actions = ("view", "add", "change", "delete")

    def user_can_list(self, user):
        return any(
            self.user_has_specific_permission(user, self.get_perm_codename(action))
            for action in self.list_actions
        )

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and self.user_can_list(user)


class RecordAdmin(ModelAdmin):
    permission_helper_class = LibraryPermissionHelper
    model = BibliographicRecord
    menu_label = "Biên mục"
    menu_icon = "doc-full"
    inspect_view_enabled = True
    inspect_view_class = RecordInspectView
    create_view_class = RecordCreateView
    edit_view_class = RecordEditView
    search_handler_class = RecordSearchHandler
    search_fields = ("search_folded",)
    list_display = ("title", "tac_gia", "call_number", "isbn_display", "nam", "ban")
    list_filter = ("kind", MainClassFilter, "reading_grade", YearFilter, CopyStatusFilter)
    list_per_page = 50
    ordering = ("title", "pk")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("authors", queryset=RecordAuthor.objects.order_by("sort_order", "pk")))
            .annotate(
                copies_total=Count(
                    "copies", filter=~Q(copies__status__in=["mat", "thanh_ly"]), distinct=True
                ),
                copies_free=Count("copies", filter=Q(copies__status="san_sang"), distinct=True),
            )
        )

    def tac_gia(self, obj):
        return "; ".join(a.name for a in obj.authors.all())

    tac_gia.short_description = "Tác giả"

    def nam(self, obj):
        return obj.year or ""

    nam.short_description = "Năm XB"

    def ban(self, obj):
        return f"{obj.copies_free}/{obj.copies_total}"

    ban.short_description = "Sẵn/tổng bản"


BibliographicRecord.isbn_display.fget.short_description = "ISBN"


class CopySearchHandler(FoldedSearchHandler):
    """The copies' search: a term that is a copy's accession number (số ĐKCB) or barcode finds that copy;
    any other term searches the book's folded title, authors and ISBN like the catalogue."""

    def search_queryset(self, queryset, search_term, **kwargs):
        term = (search_term or "").strip()
        if term and " " not in term:
            exact = queryset.filter(Q(accession_number__iexact=term) | Q(barcode__iexact=term))
            if exact.exists():
                return exact
        return super().search_queryset(queryset, search_term, **kwargs)


class CopyAdmin(ModelAdmin):
    permission_helper_class = LibraryPermissionHelper
    model = Copy
    menu_label = "Bản sách"
    menu_icon = "list-ul"
    search_handler_class = CopySearchHandler
    search_fields = ("record__search_folded",)
    list_display = ("accession_number", "nhan_de", "barcode", "location", "status", "ngay_vao_so")
    list_filter = ("status", "location", "source")
    list_per_page = 100
    ordering = ("accession_number",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("record")

    def get_search_results(self, request, queryset, search_term):
        # An accession number or barcode typed in the search box finds the copy directly.
        term = (search_term or "").strip()
        hits = queryset.filter(Q(accession_number=term.upper()) | Q(barcode=term.upper())) if term else None
        if hits is not None and hits.exists():
            return hits, False
        return super().get_search_results(request, queryset, search_term)

    def nhan_de(self, obj):
        return obj.record.title

    nhan_de.short_description = "Nhan đề"

    def ngay_vao_so(self, obj):
        return format_date_short(obj.acquired_on) if obj.acquired_on else ""

    ngay_vao_so.short_description = "Ngày vào sổ"


class ReaderAdmin(ModelAdmin):
    permission_helper_class = LibraryPermissionHelper
    model = Reader
    menu_label = "Bạn đọc"
    menu_icon = "group"
    search_handler_class = FoldedSearchHandler
    search_fields = ("search_folded",)
    list_display = ("full_name", "code", "class_name", "kind", "active")
    list_filter = ("kind", "class_name", "active")
    list_per_page = 100
    ordering = ("class_name", "sort_key", "pk")


class OpenOverdueFilter(SimpleListFilter):
    title = "trạng thái"
    parameter_name = "trang_thai"

    def lookups(self, request, model_admin):
        return [("dang_muon", "Đang mượn"), ("qua_han", "Quá hạn"), ("da_tra", "Đã trả")]

    def queryset(self, request, queryset):
        if self.value() == "dang_muon":
            return queryset.filter(returned_on__isnull=True)
        if self.value() == "qua_han":
            return queryset.filter(returned_on__isnull=True, due_on__lt=today())
        if self.value() == "da_tra":
            return queryset.filter(returned_on__isnull=False)
        return queryset


class LoanPermissionHelper(LibraryPermissionHelper):
    """Loans are made at the desk (``views.desk``), never typed in a form; listing needs ``view_loan``."""

    list_actions = ("view",)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class LoanAdmin(ModelAdmin):
    model = Loan
    menu_label = "Lượt mượn"
    menu_icon = "date"
    permission_helper_class = LoanPermissionHelper
    search_handler_class = FoldedSearchHandler
    search_fields = ("reader__search_folded",)
    list_display = ("so_dkcb", "nhan_de", "ban_doc", "lop", "muon", "han", "tra", "renewals")
    list_filter = (OpenOverdueFilter, "reader__kind", "reader__class_name")
    list_per_page = 100

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("copy__record", "reader")

    def so_dkcb(self, obj):
        return obj.copy.accession_number

    so_dkcb.short_description = "Số ĐKCB"

    def nhan_de(self, obj):
        return obj.copy.record.title

    nhan_de.short_description = "Nhan đề"

    def ban_doc(self, obj):
        return obj.reader.full_name

    ban_doc.short_description = "Bạn đọc"

    def lop(self, obj):
        return obj.reader.class_name

    lop.short_description = "Lớp"

    def muon(self, obj):
        return format_date_short(obj.loaned_on)

    muon.short_description = "Ngày mượn"

    def han(self, obj):
        return format_date_short(obj.due_on)

    han.short_description = "Hạn trả"

    def tra(self, obj):
        return format_date_short(obj.returned_on) if obj.returned_on else "—"

    tra.short_description = "Ngày trả"


class PublicFilter(SimpleListFilter):
    title = "công khai"
    parameter_name = "cong_khai"

    def lookups(self, request, model_admin):
        return [("cong_khai", "Đã công khai"), ("cho_duyet", "Chờ duyệt công khai"), ("noi_bo", "Chỉ nội bộ")]

    def queryset(self, request, queryset):
        if self.value() == "cong_khai":
            return queryset.filter(public_requested=True, approved_by__isnull=False)
        if self.value() == "cho_duyet":
            return queryset.filter(public_requested=True, approved_by__isnull=True)
        if self.value() == "noi_bo":
            return queryset.filter(public_requested=False)
        return queryset


class MaterialButtonHelper(ButtonHelper):
    """Adds "Duyệt công khai" / "Chỉ nội bộ" for a vice principal or the principal."""

    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if self.request.user.has_perm("library.approve_public_material") and obj.public_requested:
            label = "Chỉ nội bộ" if obj.is_public else "Duyệt công khai"
            buttons.append(
                {
                    "url": reverse("library_material_approve", args=[obj.pk]),
                    "label": label,
                    "classname": "button button-small button-secondary",
                    "title": label,
                }
            )
        return buttons


class MaterialAdmin(ModelAdmin):
    permission_helper_class = LibraryPermissionHelper
    model = LearningMaterial
    button_helper_class = MaterialButtonHelper
    menu_label = "Học liệu"
    menu_icon = "folder-open-inverse"
    search_handler_class = FoldedSearchHandler
    search_fields = ("search_folded",)
    list_display = ("title", "kind", "school_year", "grade", "subject", "term", "cong_khai")
    list_filter = ("kind", "school_year", "grade", "subject", PublicFilter)
    list_per_page = 100

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("approved_by")

    def cong_khai(self, obj):
        if obj.is_public:
            return "Công khai"
        return "Chờ duyệt công khai" if obj.public_requested else "Chỉ nội bộ"

    cong_khai.short_description = "Công khai"


class LibraryGroup(ModelAdminGroup):
    menu_label = "Thư viện"
    menu_icon = "doc-full-inverse"
    menu_order = 240
    items = (RecordAdmin, CopyAdmin, ReaderAdmin, LoanAdmin, MaterialAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        extra = [
            _PermMenuItem("Mượn/trả", "library_desk", "repeat", 50, ("library.lend_copy",)),
            _PermMenuItem(
                "Quá hạn theo lớp",
                "library_overdue",
                "warning",
                60,
                ("library.lend_copy", "library.view_class_overdue"),
            ),
            _PermMenuItem("Báo cáo mượn", "library_report", "table", 70, ("library.lend_copy",)),
            _PermMenuItem("Danh sách lớp", "library_readers", "group", 75, ("library.add_reader",)),
            _PermMenuItem(
                "Nhập/xuất, sổ đăng ký", "library_import", "download", 80, ("library.import_records",)
            ),
            _PermMenuItem(
                "Bàn giao đề kiểm tra (ZIP)",
                "library_handover",
                "upload",
                90,
                ("library.add_learningmaterial",),
            ),
        ]
        return items + extra


class _PermMenuItem(MenuItem):
    def __init__(self, label, url_name, icon, order, perms):
        super().__init__(label, reverse_lazy(url_name), icon_name=icon, order=order)
        self.perms = perms

    def is_shown(self, request):
        return any(request.user.has_perm(p) for p in self.perms)


modeladmin_register(LibraryGroup)


@hooks.register("register_admin_urls")
def library_admin_urls():
    return [path("thu-vien/", include(views.urlpatterns))]


@hooks.register("register_school_pages")
def library_school_pages():
    """The library's public index page, placed by the page-tree setup (issue 14)."""
    from cms.core.school_pages import HOME, SchoolPageSpec

    return [
        SchoolPageSpec(
            "library",
            "library.LibraryIndexPage",
            HOME,
            "Thư viện",
            "thu-vien",
            {
                "intro": "Tra cứu sách theo phân loại, chủ đề, lớp; học liệu đã được công khai.",
                "show_in_menus": True,  # "Thư viện" in the public main menu, next to "Thư viện ảnh"
            },
            order=70,
        ),
        SchoolPageSpec(
            "library_catalogue",
            "library.LibraryCatalogPage",
            "library",
            "Danh mục sách",
            "sach",
            {"intro": "Sách, truyện, tài liệu tham khảo."},
        ),
        SchoolPageSpec(
            "library_materials",
            "library.LearningMaterialIndexPage",
            "library",
            "Học liệu",
            "hoc-lieu",
            {"intro": "Đề kiểm tra và tài liệu đã được Ban Giám hiệu duyệt công khai."},
        ),
    ]
