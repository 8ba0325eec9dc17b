"""A year's test papers as one ZIP + metadata sheet, validated as a whole: saved (staff-only) or nothing."""

import csv
import io
import zipfile

import pytest
from django.urls import reverse

from cms.core.pdf import minimal_pdf
from cms.library.handover import COLUMNS, validate_handover
from cms.library.models import LearningMaterial
from cms.library.tabular import ImportFailed

pytestmark = pytest.mark.django_db
PDF = minimal_pdf(["De kiem tra"])


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _sheet(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([h for _, h, _ in COLUMNS])
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


ROWS = [
    [
        "toan-4.pdf",
        "Đề cuối học kỳ I Toán 4 (bàn giao)",
        "Đề kiểm tra định kỳ",
        "2025-2026",
        "4",
        "Toán",
        "Cuối học kỳ I",
    ],
    ["tv-5.pdf", "Đề cuối học kỳ I Tiếng Việt 5 (bàn giao)", "", "2025–2026", "5", "Tiếng Việt", ""],
]


def _post(client, zip_bytes, sheet_bytes):
    archive, sheet = io.BytesIO(zip_bytes), io.BytesIO(sheet_bytes)
    archive.name, sheet.name = "de-kiem-tra.zip", "bang-ke.csv"
    return client.post(reverse("library_handover"), {"archive": archive, "sheet": sheet}, follow=True)


def test_a_valid_handover_saves_every_file_staff_only(client, login):
    login("thuthu")
    html = _post(client, _zip({"toan-4.pdf": PDF, "tv-5.pdf": PDF}), _sheet(ROWS)).content.decode()
    assert "Đã nhận 2 học liệu" in html
    saved = LearningMaterial.objects.filter(title__endswith="(bàn giao)")
    assert saved.count() == 2
    assert all(not m.is_public for m in saved)
    assert saved.get(grade=4).term == "cuoi_hk1" and saved.get(grade=4).school_year == "2025–2026"


@pytest.mark.parametrize(
    "members, rows, expected",
    [
        ({"toan-4.pdf": PDF}, ROWS, "Không có tệp “tv-5.pdf” trong ZIP"),
        ({"toan-4.pdf": PDF, "tv-5.pdf": PDF, "thua.pdf": PDF}, ROWS, "không có trong bảng kê"),
        ({"toan-4.pdf": PDF, "tv-5.pdf": b"MZ\x90\x00 not a pdf"}, ROWS, "không phải là tệp .pdf hợp lệ"),
        ({"toan-4.pdf": PDF, "tv-5.exe": PDF}, [ROWS[0], ["tv-5.exe", *ROWS[1][1:]]], "chỉ nhận"),
        (
            {"toan-4.pdf": PDF, "tv-5.pdf": PDF},
            [ROWS[0], [*ROWS[1][:3], "2025", "9", "Tiếng Việt", ""]],
            "Năm học",
        ),
    ],
)
def test_any_fault_refuses_the_whole_handover(client, login, members, rows, expected):
    login("thuthu")
    before = LearningMaterial.objects.count()
    html = _post(client, _zip(members), _sheet(rows)).content.decode()
    assert expected in html and "chưa lưu gì" in html
    assert LearningMaterial.objects.count() == before


@pytest.mark.parametrize("name", ["../../etc/passwd.pdf", "/tmp/x.pdf", "C:/x.pdf"])
def test_path_traversal_is_refused(name):
    with pytest.raises(ImportFailed, match="không hợp lệ"):
        validate_handover(
            "a.zip", _zip({name: PDF}), "b.csv", _sheet([[name, "x", "", "2025–2026", "", "", ""]])
        )


def test_a_zip_bomb_is_refused():
    bomb = _zip({"bom.pdf": b"%PDF-" + b"0" * 5_000_000})
    with pytest.raises(ImportFailed, match="nén bất thường"):
        validate_handover("a.zip", bomb, "b.csv", _sheet([["bom.pdf", "x", "", "2025–2026", "", "", ""]]))


def test_not_a_zip_is_refused(client, login):
    login("thuthu")
    html = _post(client, b"%PDF-1.4 not a zip", _sheet(ROWS)).content.decode()
    assert "phải là tệp .zip" in html
