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
                reader = Reader.objects.filter(pk=request.POST.get("reader") or 0).first()
                if reader is None:
                    raise LoanError("Vui lòng chọn bạn đọc.")
                loan = check_out(identifier, reader, request.user)
                messages.success(
                    request,
                    f"Đã cho {reader.full_name} mượn bản {loan.copy.accession_number} “{loan.copy.record.title}”, "
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
                loan = Loan.objects.filter(pk=request.POST.get("loan") or 0).first()
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
