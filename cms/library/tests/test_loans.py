"""Circulation: check out and return by accession number or barcode, due dates, renewals, derived status."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from cms.library.factories import ReaderFactory, RecordFactory
from cms.library.loans import LoanError, check_out, due_date, overdue_for, renew, return_copy, school_year_end
from cms.library.models import Copy, CopyStatus, Loan, Reader
from editorial.models import SchoolYear

pytestmark = pytest.mark.django_db


def test_check_out_and_return_by_accession_number_and_barcode_keep_the_status():
    record = RecordFactory(copies=1)
    copy = record.copies.get()
    Copy.objects.filter(pk=copy.pk).update(barcode="8935000000001")
    reader = ReaderFactory()

    loan = check_out(copy.accession_number.lower(), reader)  # typed in lower case
    copy.refresh_from_db()
    assert copy.status == CopyStatus.ON_LOAN
    assert loan.due_on == loan.loaned_on + timedelta(days=7)  # a pupil, a book

    with pytest.raises(LoanError, match="đang được mượn"):
        check_out(copy.accession_number, ReaderFactory())

    returned = return_copy("8935000000001")  # scanned barcode
    assert returned.pk == loan.pk and returned.returned_on is not None
    copy.refresh_from_db()
    assert copy.status == CopyStatus.AVAILABLE
    with pytest.raises(LoanError, match="không có lượt mượn"):
        return_copy(copy.accession_number)


def test_unknown_or_withdrawn_copies_are_refused_with_a_message():
    with pytest.raises(LoanError, match="Không tìm thấy"):
        check_out("KHONG-CO-SO-NAY", ReaderFactory())
    record = RecordFactory(copies=1)
    copy = record.copies.get()
    copy.withdrawn_on = date(2026, 1, 5)
    copy.save()
    assert copy.status == CopyStatus.WITHDRAWN
    with pytest.raises(LoanError, match="Đã thanh lý"):
        check_out(copy.accession_number, ReaderFactory())
    leaver = ReaderFactory(active=False)
    with pytest.raises(LoanError, match="ra trường"):
        check_out(RecordFactory().copies.get().accession_number, leaver)


def test_due_dates_depend_on_reader_kind_and_material_kind():
    on = date(2026, 11, 30)
    book, textbook = RecordFactory(), RecordFactory(kind="sgk")
    pupil, teacher = ReaderFactory(), ReaderFactory(kind="giao_vien", class_name="")
    assert due_date(pupil, book, on) == on + timedelta(days=7)
    assert due_date(teacher, book, on) == on + timedelta(days=30)
    assert due_date(pupil, textbook, on) == school_year_end(on)  # textbooks: the whole school year
    assert school_year_end(on) > on + timedelta(days=100)


def test_renewals_extend_the_due_date_at_most_twice():
    loan = check_out(RecordFactory().copies.get().accession_number, ReaderFactory(), on=date(2026, 11, 1))
    first_due = loan.due_on
    loan = renew(loan, on=date(2026, 11, 6))
    assert loan.due_on == date(2026, 11, 13) > first_due
    renew(loan, on=date(2026, 11, 12))
    with pytest.raises(LoanError, match="gia hạn 2 lần"):
        renew(loan)


def test_copy_status_cannot_be_edited_by_hand(client, login):
    """The record form has no status field: posting one changes nothing."""
    login("thuthu")
    record = RecordFactory(copies=1)
    check_out(record.copies.get().accession_number, ReaderFactory())
    url = reverse("library_bibliographicrecord_modeladmin_edit", args=[record.pk])
    html = client.get(url).content.decode()
    assert 'name="copies-0-accession_number"' in html
    assert 'name="copies-0-status"' not in html


def test_desk_lends_to_a_pupil_chosen_by_class_and_takes_it_back(client, login):
    login("thuthu")
    record = RecordFactory(copies=1)
    copy = record.copies.get()
    pupil = ReaderFactory(class_name="3A", school_year=SchoolYear.objects.current().name)
    page = client.get(reverse("library_desk") + "?lop=3A").content.decode()
    assert pupil.full_name in page
    response = client.post(
        reverse("library_desk"),
        {"action": "muon", "lop": "3A", "reader": pupil.pk, "identifier": copy.accession_number},
    )
    assert response.status_code == 302
    assert Loan.objects.filter(copy=copy, reader=pupil, returned_on=None).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Đã cho" in page and copy.accession_number in page
    client.post(reverse("library_desk"), {"action": "tra", "lop": "3A", "identifier": copy.accession_number})
    assert not Loan.objects.filter(copy=copy, returned_on=None).exists()
    # An error is a message, never a 500.
    response = client.post(
        reverse("library_desk"), {"action": "muon", "lop": "3A", "identifier": "X"}, follow=True
    )
    assert "Vui lòng chọn bạn đọc" in response.content.decode()


def test_homeroom_teacher_sees_only_their_own_class_overdue(client, login):
    """gvcn1a is homeroom teacher of 1A: overdue pupils of other classes never show."""
    on = date.today() - timedelta(days=40)
    mine = ReaderFactory(class_name="1A", full_name="Học Sinh Lớp Một")
    other = ReaderFactory(class_name="3A", full_name="Học Sinh Lớp Ba")
    check_out(RecordFactory().copies.get().accession_number, mine, on=on)
    check_out(RecordFactory().copies.get().accession_number, other, on=on)
    teacher = login("gvcn1a")
    visible = {loan.reader.full_name for loan in overdue_for(teacher)}
    assert "Học Sinh Lớp Một" in visible and "Học Sinh Lớp Ba" not in visible
    html = client.get(reverse("library_overdue")).content.decode()
    assert "Học Sinh Lớp Một" in html and "Học Sinh Lớp Ba" not in html
    # The desk and the catalogue stay closed to a teacher.
    assert client.get(reverse("library_desk")).status_code in (302, 403)  # Wagtail redirects with a message
    assert client.get(reverse("library_bibliographicrecord_modeladmin_index")).status_code in (302, 403)
    login("thuthu")
    html = client.get(reverse("library_overdue")).content.decode()
    assert "Học Sinh Lớp Một" in html and "Học Sinh Lớp Ba" in html


def test_monthly_report_downloads_as_xlsx(client, login):
    from io import BytesIO

    from openpyxl import load_workbook

    login("thuthu")
    record = RecordFactory(title='=HYPERLINK("http://x")', copies=2)
    for copy in record.copies.all():
        check_out(copy.accession_number, ReaderFactory(class_name="4B"), on=date(2026, 10, 3))
    response = client.get(reverse("library_report") + "?nam=2026&thang=10&xuat=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert ["4B", 2, 2] in rows
    titles = [r[0] for r in rows]
    assert '\'=HYPERLINK("http://x")' in titles  # neutralised, never a formula
    assert client.get(reverse("library_report") + "?nam=abc").status_code == 200  # bad input: a message


def _class_list(rows):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Mã học sinh", "Họ và tên", "Lớp", "Năm học"])
    writer.writerows(rows)
    data = io.BytesIO(("\ufeff" + out.getvalue()).encode())
    data.name = "danh-sach-lop.csv"
    return data


def test_class_lists_import_all_or_nothing_and_pupils_move_up(client, login):
    login("thuthu")
    bad = _class_list([["LT-1", "Phạm Minh Khôi", "3A", "2025-2026"], ["LT-1", "", "7C", "2025"]])
    html = client.post(reverse("library_readers"), {"file": bad}).content.decode()
    assert "trùng với dòng 2" in html and "Thiếu họ và tên" in html and "không hợp lệ" in html
    assert not Reader.objects.filter(code="LT-1").exists()
    good = _class_list([["LT-1", "Phạm Minh Khôi", "3A", "2025-2026"], ["LT-2", "Vũ Thảo Vy", "5B", ""]])
    client.post(reverse("library_readers"), {"file": good})
    assert Reader.objects.get(code="LT-1").school_year == "2025–2026"
    leaver = Reader.objects.get(code="LT-2")
    loan = check_out(RecordFactory().copies.get().accession_number, leaver)
    return_copy(loan.copy.accession_number)
    client.post(reverse("library_readers"), {"action": "len-lop", "school_year": "2026-2027"})
    assert Reader.objects.get(code="LT-1").class_name == "4A"
    leaver.refresh_from_db()
    assert not leaver.active and leaver.left_on is not None
    assert leaver.loans.count() == 1  # history kept
