"""The registers librarians print, as XLSX (clarifications #10).

- Accession register (sổ đăng ký cá biệt): one line per copy in accession order — số ĐKCB, date entered,
  title and author, publisher and year, price, call number, source/invoice, notes (withdrawal, lost).
- General register (sổ đăng ký tổng quát): part I, one line per intake (date, source, invoice) with the
  quantity per material kind and the total value; part II the same per withdrawal.

A4 landscape, the heading rows repeated on every printed page, fitted to the page width. Every text cell
passes through ``neutralise`` (titles can start with "=" or "-"); numbers and dates stay typed.
"""

import io
from collections import OrderedDict

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from cms.core.exports import neutralise

from .models import Copy, MaterialKind

KINDS = list(MaterialKind.choices)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet_header(sheet, title, subtitle, headings):
    sheet.append([neutralise(title)])
    sheet.append([neutralise(subtitle)])
    sheet.append([neutralise(h) for h in headings])
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.freeze_panes = "A4"


def _response(workbook, filename):
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _copies():
    return (
        Copy.objects.select_related("record").prefetch_related("record__authors").order_by("accession_number")
    )


def accession_register(school_name=""):
    """The accession register workbook (one sheet)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sổ ĐKCB"
    headings = [
        "Số ĐKCB",
        "Ngày vào sổ",
        "Tên sách và tác giả",
        "Nhà xuất bản, năm",
        "Giá (đồng)",
        "Ký hiệu xếp giá",
        "Nguồn, số chứng từ",
        "Ghi chú (thanh lý, mất)",
    ]
    _sheet_header(sheet, "SỔ ĐĂNG KÝ CÁ BIỆT", school_name, headings)
    for copy in _copies():
        record = copy.record
        authors = "; ".join(record.author_names())
        note = ""
        if copy.withdrawn_on:
            note = f"Thanh lý {copy.withdrawn_on:%d/%m/%Y}" + (
                f": {copy.withdrawal_note}" if copy.withdrawal_note else ""
            )
        elif copy.lost_on:
            note = f"Mất {copy.lost_on:%d/%m/%Y}"
        sheet.append(
            [
                neutralise(copy.accession_number),
                copy.acquired_on,
                neutralise(f"{record.full_title} / {authors}" if authors else record.full_title),
                neutralise(", ".join(str(p) for p in (record.publisher, record.year) if p)),
                copy.price,
                neutralise(record.call_number),
                neutralise(" – ".join(p for p in (copy.source, copy.invoice) if p)),
                neutralise(note),
            ]
        )
        sheet.cell(row=sheet.max_row, column=2).number_format = "DD/MM/YYYY"
        sheet.cell(row=sheet.max_row, column=5).number_format = "#,##0"
    for letter, width in zip("ABCDEFGH", (10, 12, 50, 28, 12, 16, 22, 26), strict=True):
        sheet.column_dimensions[letter].width = width
    return workbook


def _groups(copies, date_attr, keys):
    groups = OrderedDict()
    for copy in copies:
        key = (getattr(copy, date_attr), *[getattr(copy, k) for k in keys])
        group = groups.setdefault(
            key, {"kinds": dict.fromkeys(MaterialKind.values, 0), "value": 0, "count": 0}
        )
        group["kinds"][copy.record.kind] += 1
        group["count"] += 1
        group["value"] += copy.price or 0
    return groups


def general_register(school_name=""):
    """The general register workbook: part I intakes, part II withdrawals (two sheets)."""
    workbook = Workbook()
    copies = list(_copies())
    kind_headings = [label for _, label in KINDS]
    parts = [
        ("Phần I – Nhập sách", "acquired_on", ("source", "invoice"), ["Ngày nhập", "Nguồn", "Số chứng từ"]),
        ("Phần II – Xuất (thanh lý)", "withdrawn_on", ("withdrawal_note",), ["Ngày xuất", "Lý do", ""]),
    ]
    for index, (title, date_attr, keys, first) in enumerate(parts):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title.split(" – ")[0]
        _sheet_header(
            sheet,
            f"SỔ ĐĂNG KÝ TỔNG QUÁT – {title.upper()}",
            school_name,
            [*first, *kind_headings, "Tổng số bản", "Tổng giá trị (đồng)"],
        )
        selected = sorted(
            (c for c in copies if getattr(c, date_attr)),
            key=lambda c: (getattr(c, date_attr), c.accession_number),
        )
        for key, group in _groups(selected, date_attr, keys).items():
            labels = [neutralise(str(k)) for k in key[1:]] + [""] * (2 - len(key[1:]))
            sheet.append([key[0], *labels, *group["kinds"].values(), group["count"], group["value"]])
            sheet.cell(row=sheet.max_row, column=1).number_format = "DD/MM/YYYY"
        sheet.column_dimensions["A"].width = 12
        sheet.column_dimensions["B"].width = 24
        sheet.column_dimensions["C"].width = 16
    return workbook


def stocktake_list(school_name=""):
    """Stocktake (kiểm kê): every copy still held, by location then call number, with a column to tick."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Kiểm kê"
    headings = ["Vị trí", "Ký hiệu xếp giá", "Số ĐKCB", "Tên sách", "Tình trạng theo sổ", "Có trên giá (✓)"]
    _sheet_header(sheet, "DANH SÁCH KIỂM KÊ", school_name, headings)
    held = [c for c in _copies() if not c.withdrawn_on]
    for copy in sorted(held, key=lambda c: (c.location, c.record.call_number, c.accession_number)):
        sheet.append(
            [
                neutralise(copy.location),
                neutralise(copy.record.call_number),
                neutralise(copy.accession_number),
                neutralise(copy.record.full_title),
                neutralise(copy.get_status_display()),
                "",
            ]
        )
    return workbook


def withdrawal_list(school_name=""):
    """Withdrawal (thanh lý): the withdrawn copies with date, reason and price."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Thanh lý"
    headings = ["Ngày thanh lý", "Số ĐKCB", "Tên sách", "Lý do", "Giá (đồng)"]
    _sheet_header(sheet, "DANH SÁCH THANH LÝ", school_name, headings)
    gone = sorted(
        (c for c in _copies() if c.withdrawn_on), key=lambda c: (c.withdrawn_on, c.accession_number)
    )
    for copy in gone:
        sheet.append(
            [
                copy.withdrawn_on,
                neutralise(copy.accession_number),
                neutralise(copy.record.full_title),
                neutralise(copy.withdrawal_note),
                copy.price,
            ]
        )
        sheet.cell(row=sheet.max_row, column=1).number_format = "DD/MM/YYYY"
    return workbook


def accession_register_response(school_name=""):
    return _response(accession_register(school_name), "so-dang-ky-ca-biet.xlsx")


def general_register_response(school_name=""):
    return _response(general_register(school_name), "so-dang-ky-tong-quat.xlsx")
