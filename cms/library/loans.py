"""Circulation (mượn/trả): check out, return and renew by accession number or barcode.

Every change goes through these functions, which keep ``Copy.status`` in step with the loans and schedule an
incremental build of the public catalogue page (the record's availability). Errors are ``LoanError`` with a
Vietnamese message for the desk.

Loan periods (clarifications #10): textbooks are lent for the school year (until its end date); other material
by reader kind and material kind, ``LOAN_DAYS`` (days), overridable with ``settings.LIBRARY_LOAN_DAYS``.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Copy, CopyStatus, Loan, MaterialKind, ReaderKind, copies_with_code

# (reader kind, material kind) -> days; "*" matches any material.
LOAN_DAYS = {
    (ReaderKind.PUPIL, MaterialKind.PERIODICAL): 3,
    (ReaderKind.PUPIL, "*"): 7,
    (ReaderKind.TEACHER, MaterialKind.PERIODICAL): 7,
    (ReaderKind.TEACHER, "*"): 30,
    (ReaderKind.STAFF, MaterialKind.PERIODICAL): 7,
    (ReaderKind.STAFF, "*"): 14,
}
MAX_RENEWALS = 2


class LoanError(Exception):
    """A refused circulation action; ``str(exc)`` is the Vietnamese message shown at the desk."""


def today():
    """Today in Vietnam (``TIME_ZONE`` is Asia/Ho_Chi_Minh)."""
    return timezone.localdate()


def school_year_end(on):
    """The end of the school year containing ``on``: the current ``SchoolYear``'s end date, else 31 May."""
    from editorial.models import SchoolYear

    current = SchoolYear.objects.current()
    if current is not None and current.end_date >= on:
        return current.end_date
    return date(on.year if on.month <= 5 else on.year + 1, 5, 31)


def due_date(reader, record, on):
    """The due date of a loan made on ``on`` to ``reader`` of ``record`` (textbooks: end of school year)."""
    if record.kind == MaterialKind.TEXTBOOK:
        return school_year_end(on)
    table = {**LOAN_DAYS, **getattr(settings, "LIBRARY_LOAN_DAYS", {})}
    days = table.get((reader.kind, record.kind)) or table.get((reader.kind, "*")) or 7
    return on + timedelta(days=days)


def find_copy(identifier):
    """The one copy whose accession number or barcode is ``identifier`` (case, spaces ignored).

    LoanError when none matches, or when several do (a barcode equal to another copy's accession number,
    left from before the two fields were checked against each other): the desk never picks one silently.
    """
    value = (identifier or "").strip()
    if not value:
        raise LoanError("Vui lòng nhập hoặc quét số ĐKCB/mã vạch.")
    matches = list(copies_with_code(value).select_related("record").order_by("accession_number")[:5])
    if not matches:
        raise LoanError(f"Không tìm thấy bản sách có số ĐKCB hoặc mã vạch “{value}”.")
    if len(matches) > 1:
        listed = ", ".join(f"{c.accession_number} (mã vạch {c.barcode or '—'})" for c in matches)
        raise LoanError(
            f"“{value}” trùng với nhiều bản sách: {listed}. Hãy sửa số ĐKCB/mã vạch trong Biên mục "
            "rồi thử lại; chưa cho mượn/nhận trả bản nào."
        )
    return matches[0]


def _changed(copy, why):
    copy.refresh_status()
    from .publishing import schedule_availability_build

    schedule_availability_build(why, copy.record)  # only the record's page shows availability


@transaction.atomic
def check_out(identifier, reader, user=None, on=None):
    """Lend the copy ``identifier`` to ``reader``; returns the new ``Loan``. Refuses unavailable copies."""
    on = on or today()
    copy = find_copy(identifier)
    # Lock the copy row (PostgreSQL) so two desks cannot lend it at once; SQLite serialises writes anyway.
    copy = Copy.objects.select_for_update().select_related("record").get(pk=copy.pk)
    if not reader.active:
        raise LoanError(f"Bạn đọc {reader.full_name} đã ra trường/nghỉ: không thể cho mượn.")
    if copy.status in (CopyStatus.LOST, CopyStatus.WITHDRAWN):
        raise LoanError(f"Bản {copy.accession_number} đang ở tình trạng “{copy.get_status_display()}”.")
    if copy.loans.filter(returned_on__isnull=True).exists():
        raise LoanError(f"Bản {copy.accession_number} đang được mượn; cần nhận trả trước khi cho mượn lại.")
    try:
        with transaction.atomic():
            loan = Loan.objects.create(
                copy=copy, reader=reader, loaned_on=on, due_on=due_date(reader, copy.record, on), lent_by=user
            )
    except IntegrityError as exc:  # a concurrent check-out won the race
        raise LoanError(f"Bản {copy.accession_number} vừa được cho mượn ở nơi khác.") from exc
    _changed(copy, f"Thư viện: cho mượn {copy.accession_number}")
    return loan


@transaction.atomic
def return_copy(identifier, user=None, on=None):
    """Take back the copy ``identifier``; returns the closed ``Loan``."""
    copy = find_copy(identifier)
    loan = Loan.objects.select_for_update().filter(copy=copy, returned_on__isnull=True).first()
    if loan is None:
        raise LoanError(f"Bản {copy.accession_number} không có lượt mượn nào đang mở.")
    loan.returned_on = on or today()
    loan.returned_to = user
    loan.save(update_fields=["returned_on", "returned_to"])
    _changed(copy, f"Thư viện: nhận trả {copy.accession_number}")
    return loan


@transaction.atomic
def renew(loan, on=None):
    """Extend an open loan by one period from ``on`` (at most ``MAX_RENEWALS`` times)."""
    on = on or today()
    loan = Loan.objects.select_for_update().select_related("copy__record", "reader").get(pk=loan.pk)
    if loan.returned_on:
        raise LoanError("Lượt mượn này đã trả, không gia hạn được.")
    if loan.renewals >= MAX_RENEWALS:
        raise LoanError(f"Đã gia hạn {MAX_RENEWALS} lần: bạn đọc cần trả sách rồi mượn lại.")
    loan.due_on = max(loan.due_on, due_date(loan.reader, loan.copy.record, on))
    loan.renewals += 1
    loan.save(update_fields=["due_on", "renewals"])
    return loan


def open_loans():
    return Loan.objects.filter(returned_on__isnull=True).select_related("copy__record", "reader")


def overdue_loans(on=None):
    """Open loans past their due date, by class then reader (Vietnamese order)."""
    return (
        open_loans()
        .filter(due_on__lt=on or today())
        .order_by("reader__class_name", "reader__sort_key", "due_on")
    )


def homeroom_classes(user):
    """Names of the classes ``user`` is homeroom teacher of this school year (e.g. {"3A"})."""
    from editorial.models import SchoolClass

    return set(
        SchoolClass.objects.filter(homeroom_teacher=user, school_year__is_current=True).values_list(
            "name", flat=True
        )
    )


def overdue_for(user, on=None):
    """Overdue loans ``user`` may see: all for the librarian, only their own class for a homeroom teacher."""
    if user.is_superuser or user.has_perm("library.lend_copy"):
        return overdue_loans(on)
    classes = homeroom_classes(user)
    return overdue_loans(on).filter(reader__kind=ReaderKind.PUPIL, reader__class_name__in=classes)
