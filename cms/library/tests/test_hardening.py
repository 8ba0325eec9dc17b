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
