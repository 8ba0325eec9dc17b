"""Import/export: CSV/XLSX template and all-or-nothing import with errors by row and column; MARC21 round trip
(ISO 2709 and MARCXML); accession numbers unique under concurrent imports; the registers."""

import io
import threading
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cms.library.marc import export_iso2709, export_marcxml, marc_to_entry, read_marc
from cms.library.models import BibliographicRecord, Copy, RecordAuthor
from cms.library.pages import catalogue_records
from cms.library.tabular import COLUMNS, ImportFailed, check_entries, commit, read_table, validate

HEADINGS = [heading for _, heading, _ in COLUMNS]


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append([row.get(key, "") for key, _, _ in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows):
    import csv

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    for row in rows:
        writer.writerow([row.get(key, "") for key, _, _ in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode()


GOOD = {
    "title": "Sách nhập thử một",
    "authors": "Tô Hoài",
    "isbn": "978-604-2-12345-7",
    "accession_numbers": "N-001; N-002",
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_import_with_errors_reports_each_row_and_column_and_saves_nothing(client, login, fmt):
    login("thuthu")
    rows = [
        GOOD,
        {"title": "", "accession_numbers": "N-003"},  # row 3: no title
        {
            "title": "Sách sai ISBN",
            "isbn": "978-604-2-12345-1",
            "year": "năm ngoái",
            "accession_numbers": "N-001",
        },
        {
            "title": "Sách lớp 7",
            "reading_grade": "7",
            "acquired_on": "31/02/2026",
            "accession_numbers": "N-009",
        },
    ]
    data = _xlsx(rows) if fmt == "xlsx" else _csv(rows)
    before = (BibliographicRecord.objects.count(), Copy.objects.count())
    upload = io.BytesIO(data)
    upload.name = f"bien-muc.{fmt}"
    html = client.post(reverse("library_import"), {"file": upload}).content.decode()
    errors = validate(read_table(upload.name, data))[1]
    found = {(row, column) for row, column, _ in errors}
    assert (3, "Nhan đề") in found
    assert (4, "ISBN") in found and (4, "Năm xuất bản") in found
    assert (4, "Số ĐKCB (cách nhau bởi ;)") in found  # N-001 is already on row 2
    assert (5, "Dành cho lớp") in found and (5, "Ngày vào sổ (dd/mm/yyyy)") in found
    assert "sai số kiểm tra" in html and "chưa lưu gì" in html and "Xác nhận nhập" not in html
    assert (BibliographicRecord.objects.count(), Copy.objects.count()) == before


@pytest.mark.django_db
def test_a_clean_import_previews_then_saves_everything(client, login):
    login("thuthu")
    data = _xlsx(
        [GOOD, {"title": "Sách nhập thử hai", "kind": "Sách giáo khoa", "accession_numbers": "N-003"}]
    )
    upload = io.BytesIO(data)
    upload.name = "bien-muc.xlsx"
    html = client.post(reverse("library_import"), {"file": upload}).content.decode()
    assert "Xem trước: 2 biên mục" in html
    assert not BibliographicRecord.objects.filter(title="Sách nhập thử một").exists()  # preview saves nothing
    token = client.session["library_import"]["token"]
    client.post(reverse("library_import"), {"confirm": token})
    record = BibliographicRecord.objects.get(title="Sách nhập thử một")
    assert record.isbn == "9786042123457" and record.author_mark == "HOA"
    assert sorted(record.copies.values_list("accession_number", flat=True)) == ["N-001", "N-002"]
    assert BibliographicRecord.objects.get(title="Sách nhập thử hai").kind == "sgk"


@pytest.mark.django_db
def test_template_and_export_have_vietnamese_headings_and_neutralised_cells(client, login):
    login("thuthu")
    sheet = load_workbook(io.BytesIO(client.get(reverse("library_export", args=["mau.xlsx"])).content)).active
    assert [c.value for c in sheet[1]] == HEADINGS
    csv_bytes = client.get(reverse("library_export", args=["mau.csv"])).content
    assert csv_bytes.startswith("\ufeff".encode()) and "Nhan đề".encode() in csv_bytes
    BibliographicRecord.objects.create(title="=cmd|' /C calc'!A0")
    exported = load_workbook(
        io.BytesIO(client.get(reverse("library_export", args=["bien-muc.xlsx"])).content)
    ).active
    assert "'=cmd|' /C calc'!A0" in [row[0] for row in exported.iter_rows(values_only=True)]


@pytest.mark.django_db
@pytest.mark.parametrize("exporter", [export_iso2709, export_marcxml])
def test_marc21_export_then_import_keeps_every_field_we_store(exporter):
    record = BibliographicRecord.objects.create(
        kind="tham_khao",
        title="Mười vạn câu hỏi vì sao (bản thử MARC)",
        subtitle="Khoa học cho thiếu nhi",
        publisher="NXB Kim Đồng",
        place="Hà Nội",
        year=2021,
        edition="Tái bản lần thứ 3",
        isbn="0-306-40615-2",
        language="vie",
        pages=212,
        scheme="ddc",
        classification="500",
        author_mark="LON",
        call_number="500 LON",
        subjects="Khoa học; Hỏi đáp",
        reading_grade=4,
        summary="Giải đáp những câu hỏi thường gặp về tự nhiên.",
    )
    RecordAuthor.objects.create(record=record, name="Lê Quang Long", role="chu_bien", sort_order=0)
    RecordAuthor.objects.create(record=record, name="Nguyễn Văn Minh", role="minh_hoa", sort_order=1)
    Copy.objects.create(
        record=record,
        accession_number="M-001",
        barcode="TV-M001",
        acquired_on=date(2025, 9, 5),
        source="Mua",
        invoice="HĐ-7",
        price=85000,
        location="Kho tham khảo",
        sort_order=0,
    )
    Copy.objects.create(
        record=record,
        accession_number="M-002",
        acquired_on=date(2025, 9, 5),
        source="Tặng",
        withdrawn_on=date(2026, 5, 1),
        withdrawal_note="Rách, hư hỏng",
        sort_order=1,
    )
    periodical = BibliographicRecord.objects.create(
        kind="bao_tap_chi",
        title="Khăn quàng đỏ (bản thử MARC)",
        issn="0378-5955",
        issue="45/2026",
        scheme="19lop",
        classification="3",
    )
    originals = list(catalogue_records().filter(pk__in=[record.pk, periodical.pk]))
    snapshot = [_snapshot(r) for r in originals]
    data = exporter(originals)
    name = "x.mrc" if exporter is export_iso2709 else "x.xml"
    BibliographicRecord.objects.filter(pk__in=[record.pk, periodical.pk]).delete()

    entries = [marc_to_entry(m, n) for n, m in enumerate(read_marc(name, data), start=1)]
    assert check_entries(entries) == []
    commit(entries)
    imported = list(
        catalogue_records()
        .filter(title__in=["Mười vạn câu hỏi vì sao (bản thử MARC)", "Khăn quàng đỏ (bản thử MARC)"])
        .order_by("title")
    )
    assert sorted(map(_snapshot, imported), key=str) == sorted(snapshot, key=str)


def _snapshot(record):
    fields = (
        "kind title subtitle publisher place year edition isbn issn issue language pages scheme "
        "classification author_mark call_number subjects reading_grade summary"
    ).split()
    copy_fields = (
        "accession_number barcode acquired_on source invoice price location withdrawn_on lost_on "
        "withdrawal_note status"
    )
    return (
        {f: getattr(record, f) for f in fields},
        [(a.name, a.role) for a in record.authors.all()],
        [tuple(getattr(c, f) for f in copy_fields.split()) for c in record.copies.all()],
    )


def test_a_damaged_marc_file_is_refused_with_a_message():
    with pytest.raises(ImportFailed):
        read_marc("x.mrc", b"00042nam  2200025   4500\x1e garbage")
    with pytest.raises(ImportFailed):
        read_marc("x.xml", b"<?xml version='1.0'?><collection><record>")


@pytest.mark.django_db(transaction=True)
def test_accession_numbers_stay_unique_under_concurrent_imports():
    """Two imports of the same accession number at once: exactly one wins, the other saves nothing."""
    rows_a = validate(
        read_table("a.csv", _csv([{"title": "Nhập song song A", "accession_numbers": "SS-1; SS-2"}]))
    )[0]
    rows_b = validate(
        read_table("b.csv", _csv([{"title": "Nhập song song B", "accession_numbers": "SS-3; SS-1"}]))
    )[0]
    assert rows_a and rows_b  # both pass the preview: neither number exists yet
    barrier = threading.Barrier(2)
    outcome = {}

    def run(key, entries):
        try:
            barrier.wait(timeout=10)
            outcome[key] = commit(entries)
        except ImportFailed as exc:
            outcome[key] = str(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=("a", rows_a)),
        threading.Thread(target=run, args=("b", rows_b)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    wins = [k for k, v in outcome.items() if v == 1]
    assert len(wins) == 1, outcome
    loser = "b" if wins == ["a"] else "a"
    assert "Không" in outcome[loser]
    assert Copy.objects.filter(accession_number="SS-1").count() == 1
    assert BibliographicRecord.objects.filter(title=f"Nhập song song {loser.upper()}").count() == 0
    assert not Copy.objects.filter(accession_number="SS-3" if loser == "b" else "SS-2").exists()


@pytest.mark.django_db
def test_registers_in_the_printed_layout(client, login):
    login("thuthu")
    record = BibliographicRecord.objects.create(
        title="Sổ thử: Truyện Kiều", publisher="NXB Văn học", year=2020
    )
    Copy.objects.create(
        record=record,
        accession_number="R-001",
        acquired_on=date(2026, 9, 2),
        source="Mua",
        invoice="HĐ-99",
        price=50000,
    )
    Copy.objects.create(
        record=record,
        accession_number="R-002",
        acquired_on=date(2026, 9, 2),
        source="Mua",
        invoice="HĐ-99",
        price=50000,
        withdrawn_on=date(2026, 11, 20),
        withdrawal_note="Hư hỏng",
    )
    book = load_workbook(
        io.BytesIO(client.get(reverse("library_export", args=["so-dang-ky-ca-biet.xlsx"])).content)
    )
    sheet = book.active
    assert sheet["A1"].value == "SỔ ĐĂNG KÝ CÁ BIỆT"
    assert [c.value for c in sheet[3]][:3] == ["Số ĐKCB", "Ngày vào sổ", "Tên sách và tác giả"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
    assert rows["R-001"][4] == 50000 and rows["R-001"][1].date() == date(2026, 9, 2)
    assert "Thanh lý 20/11/2026" in rows["R-002"][7]
    assert sheet.print_title_rows == "$3:$3"
    general = load_workbook(
        io.BytesIO(client.get(reverse("library_export", args=["so-dang-ky-tong-quat.xlsx"])).content)
    )
    intake = [r for r in general.worksheets[0].iter_rows(min_row=4, values_only=True) if r[2] == "HĐ-99"]
    assert intake and intake[0][-2] == 2 and intake[0][-1] == 100000
    withdrawals = [
        r for r in general.worksheets[1].iter_rows(min_row=4, values_only=True) if r[1] == "Hư hỏng"
    ]
    assert withdrawals and withdrawals[0][-2] == 1

    stocktake = load_workbook(
        io.BytesIO(client.get(reverse("library_export", args=["kiem-ke.xlsx"])).content)
    ).active
    held = [r[2] for r in stocktake.iter_rows(min_row=4, values_only=True)]
    assert "R-001" in held and "R-002" not in held
    gone = load_workbook(
        io.BytesIO(client.get(reverse("library_export", args=["thanh-ly.xlsx"])).content)
    ).active
    assert [r[1] for r in gone.iter_rows(min_row=4, values_only=True) if r[1] == "R-002"] == ["R-002"]
