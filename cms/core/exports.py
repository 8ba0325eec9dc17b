"""The one export helper for spreadsheets (CSV and XLSX): every export of the portal writes through it.

Spreadsheet programs run a text cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some, a tab or
carriage return) as a formula: a pupil's name ``=HYPERLINK(...)`` in a report would become a live link
(CSV/formula injection, OWASP). ``neutralise`` puts an apostrophe in front of such text; numbers, dates and
booleans stay typed so totals and sorting keep working (clarification "#11 — security").

- ``neutralise(value)``: one cell.
- ``csv_response(filename, headers, rows)``: a UTF-8 CSV download with a BOM (Excel then reads Vietnamese).
- ``xlsx_bytes(headers, rows, sheet_title)`` / ``xlsx_response(filename, headers, rows, sheet_title)``: an
  XLSX workbook; dates shown dd/mm/yyyy, times of day in Vietnam's time zone.
- Wagtail's own exports (``SpreadsheetExportMixin``: modeladmin lists, reports, form submissions) pass every
  value through ``neutralise`` too (``install()``, called by ``cms.core`` at start-up).
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"


def neutralise(value):
    """Return ``value`` safe for a spreadsheet cell.

    Text starting with ``= + - @``, tab or CR gets a leading apostrophe (shown as text, never run). Other
    text, numbers, dates, booleans and ``None`` are returned unchanged (numbers and dates stay typed).
    Non-text objects that are not numbers or dates (lazy strings, model instances) are turned into text first.
    """
    if value is None or isinstance(value, bool | int | float | Decimal | datetime.date | datetime.time):
        return value
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _content_disposition(filename):
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def _csv_cell(value):
    value = neutralise(value)
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else value


def csv_response(filename: str, headers: list[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download (UTF-8 with BOM, comma-separated, dates dd/mm/yyyy) of ``headers`` then ``rows``.

    Every cell goes through ``neutralise``. ``filename`` may be Vietnamese (RFC 6266 ``filename*``).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    response = HttpResponse(BOM + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _content_disposition(filename)
    return response


def _xlsx_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    value = neutralise(value)
    number_format = None
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(timezone.localtime(value))
        number_format = "dd/mm/yyyy hh:mm"
    elif isinstance(value, datetime.date):
        number_format = "dd/mm/yyyy"
    cell = WriteOnlyCell(sheet, value)
    if cell.data_type == "f":  # openpyxl reads any "=..." as a formula; neutralise() already prefixed it
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    return cell


def xlsx_bytes(headers: list[str], rows: Iterable[Sequence], sheet_title: str = "Sheet1") -> bytes:
    """The bytes of an XLSX workbook with one sheet: ``headers`` (bold) then ``rows``, cells neutralised."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    # Excel refuses sheet names over 31 characters or with []:*?/\ in them.
    title = "".join(ch for ch in str(sheet_title) if ch not in "[]:*?/\\")[:31] or "Sheet1"
    sheet = workbook.create_sheet(title=title)
    header_cells = []
    for heading in headers:
        cell = WriteOnlyCell(sheet, neutralise(heading))
        cell.data_type = "s" if cell.data_type == "f" else cell.data_type
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_response(
    filename: str, headers: list[str], rows: Iterable[Sequence], sheet_title: str = "Sheet1"
) -> HttpResponse:
    """An XLSX download of ``headers`` then ``rows`` (see ``xlsx_bytes``)."""
    response = HttpResponse(xlsx_bytes(headers, rows, sheet_title), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = _content_disposition(filename)
    return response


def install():
    """Route Wagtail's ``SpreadsheetExportMixin`` (every admin list/report export) through ``neutralise``.

    Wagtail writes XLSX formulas as text but leaves CSV cells untouched; this wraps the one method every
    exported value passes through, so exports added later are covered too. Idempotent.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "portal_neutralised", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(original(self, field, value, export_format))

    preprocess_field_value.portal_neutralised = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
