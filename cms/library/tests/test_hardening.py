"""Faults found on main (issue 12 review) as tests: who sees loans, the hand-over upload gate, moving pupils
up a year twice, barcodes equal to another copy's accession number, and bad input at the desk
and in imports."""

import pytest
from django.urls import reverse

from cms.library.factories import ReaderFactory, RecordFactory
from cms.library.loans import check_out

pytestmark = pytest.mark.django_db

LIBRARY_LISTS = [
    "library_bibliographicrecord_modeladmin_index",
    "library_copy_modeladmin_index",
    "library_reader_modeladmin_index",
    "library_loan_modeladmin_index",
    "library_learningmaterial_modeladmin_index",
]


def _lend_to(class_name, full_name):
    reader = ReaderFactory(class_name=class_name, full_name=full_name)
    check_out(RecordFactory().copies.get().accession_number, reader)
    return reader


@pytest.mark.parametrize("view", LIBRARY_LISTS)
@pytest.mark.parametrize("query", ["", "?reader__class_name=5B"])
def test_a_homeroom_teacher_cannot_open_any_library_list(client, login, view, query):
    """The custom ``view_class_overdue`` permission used to open the list of every class's loans."""
    _lend_to("5B", "Phạm Thị Lớp Khác")
    login("gvcn1a")
    response = client.get(reverse(view) + query, follow=True)
    html = response.content.decode()
    assert "Phạm Thị Lớp Khác" not in html
    assert response.redirect_chain or response.status_code == 403


def test_a_homeroom_teacher_sees_only_their_class_overdue_and_no_loans_in_inspect(client, login):
    from datetime import timedelta

    from cms.library.loans import homeroom_classes, today
    from cms.library.models import Loan

    user = login("gvcn1a")
    (own_class,) = homeroom_classes(user)
    mine = _lend_to(own_class, "Lê Văn Lớp Mình")
    _lend_to("5B", "Phạm Thị Lớp Khác")
    Loan.objects.update(due_on=today() - timedelta(days=3))
    inspect = client.get(
        reverse("library_bibliographicrecord_modeladmin_inspect", args=[mine.loans.get().copy.record_id])
    )
    assert inspect.status_code != 200 or "Lê Văn Lớp Mình" not in inspect.content.decode()
    html = client.get(reverse("library_overdue")).content.decode()
    assert "Lê Văn Lớp Mình" in html and "Phạm Thị Lớp Khác" not in html


def test_the_librarian_still_lists_every_loan(client, login):
    _lend_to("5B", "Phạm Thị Lớp Khác")
    login("thuthu")
    html = client.get(reverse("library_loan_modeladmin_index"), {"reader__class_name": "5B"}).content.decode()
    assert "Phạm Thị Lớp Khác" in html


def test_the_vice_principal_lists_learning_material_but_no_loans_or_readers(client, login):
    _lend_to("5B", "Phạm Thị Lớp Khác")
    login("phohieutruong")
    assert client.get(reverse("library_learningmaterial_modeladmin_index")).status_code == 200
    for view in ("library_loan_modeladmin_index", "library_reader_modeladmin_index"):
        response = client.get(reverse(view), follow=True)
        assert "Phạm Thị Lớp Khác" not in response.content.decode()


# --- 2. the ZIP hand-over goes through the one upload gate -------------------------------------------------


def _docx_with_macro():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def test_a_handover_with_active_pdf_macro_docx_or_html_pdf_saves_nothing_and_names_each_file(client, login):
    from cms.core.pdf import minimal_pdf
    from cms.library.models import LearningMaterial
    from cms.library.tests.test_handover import _post, _sheet, _zip

    pdf = minimal_pdf(["De kiem tra"])
    action = b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF"
    active = pdf.replace(b"%%EOF", action)
    members = {
        "tot.pdf": pdf,
        "js.pdf": active,
        "macro.docx": _docx_with_macro(),
        "html.pdf": b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>",
    }
    rows = [[name, f"Đề {name}", "", "2025–2026", "3", "Toán", ""] for name in members]
    login("thuthu")
    before = LearningMaterial.objects.count()
    html = _post(client, _zip(members), _sheet(rows)).content.decode()
    assert "Đã nhận" not in html and "chưa lưu gì" in html
    assert "Tệp PDF “js.pdf” chứa mã lệnh tự chạy" in html
    assert "Tệp “macro.docx” chứa macro" in html
    assert "Nội dung tệp “html.pdf” không phải là tệp .pdf hợp lệ" in html
    assert "tot.pdf" not in html.split("chưa lưu gì", 1)[1]  # the good file is not reported
    assert LearningMaterial.objects.count() == before


# --- 3. moving up to a school year is idempotent ------------------------------------------------------------


def test_moving_pupils_up_twice_to_the_same_year_moves_them_once(client, login):
    from cms.library.models import Reader

    pupil = ReaderFactory(code="HS3A01-T", class_name="3A", school_year="2026–2027")
    leaver = ReaderFactory(code="HS5B01-T", class_name="5B", school_year="2026–2027")
    login("thuthu")
    url = reverse("library_readers")
    client.post(url, {"action": "len-lop", "school_year": "2027-2028"})
    pupil.refresh_from_db()
    assert (pupil.class_name, pupil.school_year) == ("4A", "2027–2028")
    closed = Reader.objects.filter(active=False).count()
    html = client.post(url, {"action": "len-lop", "school_year": "2027-2028"}, follow=True).content.decode()
    assert "không chuyển thêm lần nữa" in html
    pupil.refresh_from_db()
    leaver.refresh_from_db()
    assert pupil.class_name == "4A" and "4a" in pupil.search_folded
    assert not leaver.active and Reader.objects.filter(active=False).count() == closed
    # An older year typed by mistake moves nobody back or forward.
    client.post(url, {"action": "len-lop", "school_year": "2026-2027"})
    pupil.refresh_from_db()
    assert pupil.class_name == "4A"


# --- 4. accession numbers and barcodes share one namespace -------------------------------------------------


def _copy_form(record, copies):
    """The record's edit form data with ``copies`` [(pk or None, accession, barcode, DELETE)]."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    return nested_form_data(
        {
            "kind": "sach",
            "title": record.title,
            "language": "vie",
            "scheme": "ddc",
            "authors": inline_formset([{"name": "Tô Hoài", "role": "tac_gia"}]),
            "copies": inline_formset(
                [
                    {"id": pk or "", "accession_number": acc, "barcode": code, "DELETE": delete}
                    for pk, acc, code, delete in copies
                ],
                initial=sum(1 for pk, *_ in copies if pk),
            ),
        }
    )


def test_a_barcode_equal_to_another_copys_accession_number_is_refused(client, login):
    from cms.library.models import Copy

    login("thuthu")
    other = RecordFactory().copies.get()
    record = RecordFactory(copies=1)
    mine = record.copies.get()
    url = reverse("library_bibliographicrecord_modeladmin_edit", args=[record.pk])
    response = client.post(
        url, _copy_form(record, [(mine.pk, mine.accession_number, other.accession_number, "")])
    )
    assert response.status_code == 200
    assert f"Mã vạch {other.accession_number} đã có trong thư viện" in response.content.decode()
    mine.refresh_from_db()
    assert mine.barcode == ""
    # Within one form: a new copy whose accession number is the first copy's barcode.
    form = _copy_form(record, [(mine.pk, mine.accession_number, "BC-77", ""), (None, "bc-77", "", "")])
    html = client.post(url, form).content.decode()
    assert "BC-77 bị nhập hai lần" in html
    assert Copy.objects.filter(record=record).count() == 1


def test_the_desk_never_picks_one_of_several_matching_copies(client, login):
    from cms.library.models import Copy, Loan

    first, second = RecordFactory().copies.get(), RecordFactory().copies.get()
    # Data from before the check: copy 1's barcode is copy 2's accession number.
    Copy.objects.filter(pk=first.pk).update(barcode=second.accession_number)
    reader = ReaderFactory()
    login("thuthu")
    html = client.post(
        reverse("library_desk"),
        {"action": "muon", "lop": "3A", "reader": reader.pk, "identifier": second.accession_number},
        follow=True,
    ).content.decode()
    assert "trùng với nhiều bản sách" in html and first.accession_number in html
    assert not Loan.objects.filter(reader=reader).exists()


def test_an_import_barcode_equal_to_an_accession_number_is_reported_by_row_and_column():
    from cms.library.tabular import validate

    taken = RecordFactory().copies.get().accession_number
    rows = [
        (2, {"title": "Sách A", "accession_numbers": "IMP-1", "barcodes": taken}),
        (3, {"title": "Sách B", "accession_numbers": "IMP-2", "barcodes": "IMP-1"}),
    ]
    entries, errors = validate(rows)
    assert (2, "Mã vạch (cách nhau bởi ;)") in {(r, c) for r, c, _ in errors}
    assert any(r == 3 and "IMP-1 trùng với dòng 2" in m for r, c, m in errors)
    assert entries == []


# --- 5. bad input gets a message, never a 500 --------------------------------------------------------------


def test_desk_with_a_non_numeric_reader_or_loan_gives_a_message(client, login):
    login("thuthu")
    copy = RecordFactory().copies.get()
    for data, message in (
        ({"action": "muon", "reader": "abc", "identifier": copy.accession_number}, "Vui lòng chọn bạn đọc"),
        ({"action": "gia_han", "loan": "abc"}, "Không tìm thấy lượt mượn"),
    ):
        response = client.post(reverse("library_desk"), {"lop": "3A", **data}, follow=True)
        assert response.status_code == 200 and message in response.content.decode()


def test_deleting_a_copy_with_loans_is_refused_with_a_message(client, login):
    from cms.library.loans import return_copy

    login("thuthu")
    record = RecordFactory(copies=1)
    copy = record.copies.get()
    check_out(copy.accession_number, ReaderFactory())
    return_copy(copy.accession_number)
    url = reverse("library_bibliographicrecord_modeladmin_edit", args=[record.pk])
    response = client.post(url, _copy_form(record, [(copy.pk, copy.accession_number, "", "1")]))
    assert response.status_code == 200
    assert "đã có lượt mượn nên không xoá được" in response.content.decode()
    assert record.copies.filter(pk=copy.pk).exists()


def test_import_values_beyond_the_models_limits_are_reported_per_row_and_column():
    from cms.library.models import BibliographicRecord
    from cms.library.tabular import validate

    rows = [
        (
            2,
            {
                "title": "T" * 404,
                "author_mark": "A" * 20,
                "price": "5000000000",
                "accession_numbers": "LIM-1",
            },
        ),
        (3, {"title": "Sách đúng", "accession_numbers": "LIM-2", "price": "45000"}),
    ]
    entries, errors = validate(rows)
    found = {(r, c) for r, c, _ in errors}
    assert {(2, "Nhan đề"), (2, "Ký hiệu tác giả"), (2, "Giá (đồng)")} <= found
    assert not any(r == 3 for r, _, _ in errors)
    assert all("tối đa" in m or "ngoài khoảng" in m for r, c, m in errors)
    assert not BibliographicRecord.objects.filter(title__startswith="TTTT").exists()


def test_marc_price_overflow_and_broken_records_get_vietnamese_messages(client, login):
    import io

    from pymarc import Field, Record, Subfield

    from cms.library.marc import read_marc
    from cms.library.tabular import ImportFailed

    marc = Record()
    marc.add_field(Field(tag="245", indicators=["0", "0"], subfields=[Subfield("a", "Sách giá lạ")]))
    marc.add_field(
        Field(tag="952", indicators=[" ", " "], subfields=[Subfield("i", "MARC-9"), Subfield("g", "9" * 30)])
    )
    data = marc.as_marc()
    login("thuthu")
    upload = io.BytesIO(data)
    upload.name = "gia.mrc"
    html = client.post(reverse("library_import"), {"file": upload}).content.decode()
    assert "Giá (đồng)" in html and "ngoài khoảng" in html and "chưa lưu gì" in html
    with pytest.raises(ImportFailed) as failure:
        read_marc("hong.mrc", data[:-1] + b"x")
    assert "Unable" not in str(failure.value) and "bị hỏng" in str(failure.value)


# --- browser: what a homeroom teacher sees in the library section ------------------------------------------


def test_a_homeroom_teacher_in_the_browser_sees_only_their_class_overdue(admin_page, admin_server):
    from datetime import timedelta

    from django.contrib.auth import get_user_model

    from cms.library.loans import homeroom_classes, today
    from cms.library.models import Loan
    from tests.support.live_admin import log_in

    (own_class,) = homeroom_classes(get_user_model().objects.get(username="gvcn1a"))
    _lend_to(own_class, "Lê Văn Lớp Mình")
    _lend_to("5B", "Phạm Thị Lớp Khác")
    Loan.objects.update(due_on=today() - timedelta(days=3))
    page = admin_page
    log_in(page, admin_server, "gvcn1a")
    page.get_by_role("button", name="Thư viện").click()
    overdue_link = page.get_by_role("link", name="Quá hạn theo lớp")
    overdue_link.wait_for()
    assert page.get_by_role("link", name="Lượt mượn").count() == 0
    overdue_link.click()
    page.wait_for_url("**/thu-vien/qua-han/")
    body = page.locator("main").inner_text()
    assert "Lê Văn Lớp Mình" in body and "Phạm Thị Lớp Khác" not in body
    # The address of the loan list typed by hand, as the attacker did.
    page.goto(admin_server.url("/admin/library/loan/?reader__class_name=5B"))
    assert "Phạm Thị Lớp Khác" not in page.content()
