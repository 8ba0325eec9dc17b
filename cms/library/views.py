"""Admin views of the "Thư viện" section: the circulation desk, overdue lists, loan reports, import/export,
registers and the hand-over of a year's test papers. Each view checks its permission; bad input gets a
Vietnamese message, never a 500.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse

from cms.core.vietnamese import format_date_short

from . import reports
from .loans import LoanError, check_out, homeroom_classes, open_loans, overdue_for, renew, return_copy, today
from .models import Loan, Reader, ReaderKind

STAFF_CLASS = "GV"  # the desk's "class" choice for teachers and staff


def require(*perms):
    """Allow the view to users holding any of ``perms`` (superusers too); others get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not any(request.user.has_perm(p) for p in perms):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _pk(value):
    """A primary key from a form value, or None for anything that is not a whole number ("abc", "")."""
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def _class_names():
    names = set(
        Reader.objects.filter(active=True, kind=ReaderKind.PUPIL).values_list("class_name", flat=True)
    )
    return sorted((n for n in names if n), key=lambda n: (len(n), n))


@require("library.lend_copy")
def desk(request):
    """Mượn/trả: choose a class (or staff), a reader, then scan or type the accession number or barcode."""
    class_name = request.GET.get("lop") or request.POST.get("lop") or ""
    if request.method == "POST":
        action = request.POST.get("action")
        identifier = request.POST.get("identifier", "")
        try:
            if action == "muon":
                reader_pk = _pk(request.POST.get("reader"))
                reader = Reader.objects.filter(pk=reader_pk).first() if reader_pk else None
                if reader is None:
                    raise LoanError("Vui lòng chọn bạn đọc.")
                loan = check_out(identifier, reader, request.user)
                messages.success(
                    request,
                    f"Đã cho {reader.full_name} mượn bản {loan.copy.accession_number} "
                    f"“{loan.copy.record.title}”, "
                    f"hạn trả {format_date_short(loan.due_on)}.",
                )
            elif action == "tra":
                loan = return_copy(identifier, request.user)
                late = (loan.returned_on - loan.due_on).days
                note = f" (trả muộn {late} ngày)" if late > 0 else ""
                messages.success(
                    request, f"Đã nhận trả bản {loan.copy.accession_number} từ {loan.reader.full_name}{note}."
                )
            elif action == "gia_han":
                loan_pk = _pk(request.POST.get("loan"))
                loan = Loan.objects.filter(pk=loan_pk).first() if loan_pk else None
                if loan is None:
                    raise LoanError("Không tìm thấy lượt mượn.")
                loan = renew(loan)
                messages.success(request, f"Đã gia hạn đến {format_date_short(loan.due_on)}.")
            else:
                raise LoanError("Thao tác không hợp lệ.")
        except LoanError as exc:
            messages.error(request, str(exc))
        return redirect(f"{reverse('library_desk')}?lop={class_name}")

    readers = Reader.objects.filter(active=True)
    if class_name == STAFF_CLASS:
        readers = readers.exclude(kind=ReaderKind.PUPIL).order_by("sort_key")
    elif class_name:
        readers = readers.filter(kind=ReaderKind.PUPIL, class_name=class_name).order_by("sort_key")
    else:
        readers = Reader.objects.none()
    loans = open_loans().order_by("due_on", "pk")
    if class_name == STAFF_CLASS:
        loans = loans.exclude(reader__kind=ReaderKind.PUPIL)
    elif class_name:
        loans = loans.filter(reader__class_name=class_name)
    else:
        loans = loans.none()
    return render(
        request,
        "library/admin/desk.html",
        {
            "header_title": "Mượn/trả sách",
            "page_title": "Mượn/trả sách",
            "header_icon": "repeat",
            "class_names": _class_names(),
            "staff_class": STAFF_CLASS,
            "class_name": class_name,
            "readers": readers,
            "loans": loans,
            "today": today(),
        },
    )


@require("library.lend_copy", "library.view_class_overdue")
def overdue(request):
    """Overdue loans by class: the librarian sees every class, a homeroom teacher only their own."""
    loans = list(overdue_for(request.user))
    groups = {}
    for loan in loans:
        key = loan.reader.class_name if loan.reader.kind == ReaderKind.PUPIL else "Giáo viên, nhân viên"
        groups.setdefault(key, []).append(loan)
    limited = not request.user.has_perm("library.lend_copy")
    return render(
        request,
        "library/admin/overdue.html",
        {
            "header_title": "Sách quá hạn theo lớp",
            "page_title": "Sách quá hạn theo lớp",
            "header_icon": "warning",
            "groups": sorted(groups.items()),
            "today": today(),
            "limited_to": sorted(homeroom_classes(request.user)) if limited else None,
        },
    )


@require("library.lend_copy")
def report(request):
    """Loans per class and the most-read titles for a month or a year; XLSX download."""
    try:
        period = reports.Period.from_query(request.GET.get("nam"), request.GET.get("thang"))
    except ValueError as exc:
        messages.error(request, str(exc))
        period = reports.Period.from_query(None, None)
    data = reports.loan_report(period)
    if request.GET.get("xuat") == "xlsx":
        return reports.report_xlsx(period, data)
    return render(
        request,
        "library/admin/report.html",
        {
            "header_title": "Báo cáo mượn sách",
            "page_title": "Báo cáo mượn sách",
            "header_icon": "table",
            "period": period,
            "data": data,
            "months": range(1, 13),
        },
    )


urlpatterns = [
    path("muon-tra/", desk, name="library_desk"),
    path("qua-han/", overdue, name="library_overdue"),
    path("bao-cao/", report, name="library_report"),
]


# --- import and export ------------------------------------------------------------------------------------

UPLOAD_LIMIT = 20 * 1024 * 1024
SESSION_KEY = "library_import"


def _school_name(request):
    from wagtail.models import Site

    from cms.core.models import SchoolSettings

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    return SchoolSettings.for_site(site).name if site else ""


def _parse_upload(name, data):
    """(entries, errors, kind) for a catalogue upload; raises ImportFailed for a file refused as a whole."""
    from .marc import marc_to_entry, read_marc
    from .tabular import check_entries, read_table, validate

    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in ("mrc", "marc", "iso", "xml"):
        entries = [marc_to_entry(m, n) for n, m in enumerate(read_marc(name, data), start=1)]
        errors = check_entries(entries)
        failed = {row for row, _, _ in errors}
        return [e for e in entries if e.row not in failed], errors, "marc"
    return (*validate(read_table(name, data)), "table")


@require("library.import_records")
def import_view(request):
    """Upload → preview with every error by row and column → confirm: all rows are saved, or none."""
    import base64

    from .tabular import HEADINGS, ImportFailed, commit

    context = {
        "header_title": "Nhập/xuất dữ liệu thư viện",
        "page_title": "Nhập/xuất dữ liệu thư viện",
        "header_icon": "download",
        "headings": HEADINGS,
    }
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(SESSION_KEY)
        if not stored or stored.get("token") != request.POST.get("confirm"):
            messages.error(request, "Phiên nhập đã hết hạn; vui lòng tải tệp lên lại.")
            return redirect("library_import")
        try:
            entries, errors, _ = _parse_upload(stored["name"], base64.b64decode(stored["data"]))
            if errors:
                raise ImportFailed("Dữ liệu đã thay đổi kể từ lúc xem trước; vui lòng tải tệp lên lại.")
            count = commit(entries)
        except ImportFailed as exc:
            messages.error(request, str(exc))
            return redirect("library_import")
        request.session.pop(SESSION_KEY, None)
        messages.success(request, f"Đã nhập {count} biên mục.")
        return redirect("library_import")
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = "Vui lòng chọn tệp."
        elif upload.size > UPLOAD_LIMIT:
            context["error"] = "Tệp lớn hơn 20 MB."
        else:
            data = upload.read()
            try:
                entries, errors, kind = _parse_upload(upload.name, data)
            except ImportFailed as exc:
                context["error"] = str(exc)
            else:
                context.update({"entries": entries, "errors": errors, "file_name": upload.name, "kind": kind})
                if entries and not errors:
                    import secrets

                    token = secrets.token_urlsafe(16)
                    request.session[SESSION_KEY] = {
                        "token": token,
                        "name": upload.name,
                        "data": base64.b64encode(data).decode(),
                    }
                    context["token"] = token
    return render(request, "library/admin/import.html", context)


@require("library.import_records")
def export_view(request, fmt):
    """The whole catalogue as CSV/XLSX (the import layout), MARC21 ISO 2709 or MARCXML; or the registers."""
    from cms.core.exports import csv_response, xlsx_response

    from . import marc, registers, tabular
    from .pages import catalogue_records

    if fmt == "so-dang-ky-ca-biet.xlsx":
        return registers.accession_register_response(_school_name(request))
    if fmt == "so-dang-ky-tong-quat.xlsx":
        return registers.general_register_response(_school_name(request))
    if fmt == "kiem-ke.xlsx":
        return registers._response(registers.stocktake_list(_school_name(request)), fmt)
    if fmt == "thanh-ly.xlsx":
        return registers._response(registers.withdrawal_list(_school_name(request)), fmt)
    if fmt == "mau.xlsx":
        return registers._response(tabular.template_workbook(), "mau-nhap-bien-muc.xlsx")
    headings = [heading for _, heading, _ in tabular.COLUMNS]
    if fmt == "mau.csv":
        return csv_response("mau-nhap-bien-muc.csv", headings, [])
    records = list(catalogue_records())
    if fmt == "bien-muc.csv":
        return csv_response("bien-muc.csv", headings, tabular.export_rows(records))
    if fmt == "bien-muc.xlsx":
        return xlsx_response("bien-muc.xlsx", headings, tabular.export_rows(records), sheet_title="Biên mục")
    if fmt in ("bien-muc.mrc", "bien-muc.xml"):
        from django.http import HttpResponse

        data = marc.export_iso2709(records) if fmt.endswith(".mrc") else marc.export_marcxml(records)
        kind = "application/marc" if fmt.endswith(".mrc") else "application/marcxml+xml"
        response = HttpResponse(data, content_type=kind)
        response["Content-Disposition"] = f'attachment; filename="{fmt}"'
        return response
    from django.http import Http404

    raise Http404


urlpatterns += [
    path("nhap/", import_view, name="library_import"),
    path("xuat/<str:fmt>", export_view, name="library_export"),
]


@require("library.add_learningmaterial")
def handover_view(request):
    """Upload a ZIP of test papers and its metadata sheet; all files are saved (staff-only) or none."""
    from . import handover
    from .tabular import ImportFailed

    context = {
        "header_title": "Bàn giao học liệu (ZIP)",
        "page_title": "Bàn giao học liệu (ZIP)",
        "header_icon": "upload",
        "headings": [h for _, h, _ in handover.COLUMNS],
    }
    if request.method == "POST":
        archive, sheet = request.FILES.get("archive"), request.FILES.get("sheet")
        if archive is None or sheet is None:
            context["error"] = "Vui lòng chọn cả tệp ZIP và bảng kê."
        elif archive.size > UPLOAD_LIMIT * 10 or sheet.size > UPLOAD_LIMIT:
            context["error"] = "Tệp tải lên quá lớn."
        else:
            try:
                items, errors, zf, members = handover.validate_handover(
                    archive.name, archive.read(), sheet.name, sheet.read()
                )
                if not errors:
                    count = handover.save_handover(
                        items, zf, members, request.POST.get("handed_over_by", "").strip()[:150]
                    )
                    messages.success(request, f"Đã nhận {count} học liệu (chỉ nội bộ, chờ duyệt công khai).")
                    return redirect("library_handover")
                context["errors"] = errors
            except ImportFailed as exc:
                context["error"] = str(exc)
    return render(request, "library/admin/handover.html", context)


urlpatterns += [path("hoc-lieu/ban-giao/", handover_view, name="library_handover")]


@require("library.approve_public_material")
def approve_material(request, pk):
    """A vice principal or the principal publishes (or withdraws) one learning material (Điều 4.7, 4.13)."""
    from django.shortcuts import get_object_or_404
    from django.utils import timezone

    from .models import LearningMaterial

    material = get_object_or_404(LearningMaterial, pk=pk)
    if request.method == "POST":
        if request.POST.get("action") == "duyet":
            if not material.public_requested:
                messages.error(request, "Thủ thư chưa đề nghị công khai học liệu này.")
            else:
                material.approved_by = request.user
                material.approved_at = timezone.now()
                material.save()
                messages.success(request, f"Đã duyệt công khai “{material.title}”.")
        else:
            material.public_requested = False
            material.save()
            messages.success(request, f"“{material.title}” chỉ dùng nội bộ.")
        return redirect("library_learningmaterial_modeladmin_index")
    return render(
        request,
        "library/admin/approve_material.html",
        {
            "header_title": "Duyệt công khai học liệu",
            "page_title": "Duyệt công khai học liệu",
            "material": material,
        },
    )


urlpatterns += [path("hoc-lieu/<int:pk>/cong-khai/", approve_material, name="library_material_approve")]


@require("library.add_reader")
def readers_view(request):
    """Class lists: upload (all or nothing, errors by row and column) and the move up to a new school year."""
    from . import readers
    from .tabular import ImportFailed

    context = {
        "header_title": "Danh sách lớp (bạn đọc)",
        "page_title": "Danh sách lớp (bạn đọc)",
        "header_icon": "group",
        "headings": [h for _, h, _ in readers.COLUMNS],
    }
    if request.method == "POST" and request.POST.get("action") == "len-lop":
        year = request.POST.get("school_year", "").strip().replace("-", "–")
        try:
            moved, left = readers.move_up(year)
        except Exception:
            messages.error(request, "Năm học mới viết dạng 2026–2027.")
        else:
            if moved or left:
                messages.success(
                    request, f"Đã chuyển {moved} học sinh lên lớp; {left} học sinh lớp 5 ra trường."
                )
            else:
                messages.warning(
                    request, f"Học sinh đã được chuyển sang năm học {year} rồi; không chuyển thêm lần nữa."
                )
        return redirect("library_readers")
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None or upload.size > UPLOAD_LIMIT:
            context["error"] = "Vui lòng chọn tệp danh sách lớp (tối đa 20 MB)."
        else:
            try:
                rows, errors = readers.validate_class_list(upload.name, upload.read())
            except ImportFailed as exc:
                context["error"] = str(exc)
            else:
                if errors:
                    context["errors"] = errors
                else:
                    created, updated = readers.save_class_list(rows)
                    messages.success(request, f"Đã thêm {created}, cập nhật {updated} học sinh.")
                    return redirect("library_readers")
    return render(request, "library/admin/readers.html", context)


urlpatterns += [path("ban-doc/danh-sach-lop/", readers_view, name="library_readers")]
