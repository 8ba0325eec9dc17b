"""CSV and XLSX downloads with spreadsheet-formula neutralising (placeholder owned by issue 13's helper).

``neutralise(value)``: a text cell starting with ``= + - @``, tab or CR gets a leading apostrophe so Excel or
LibreOffice never runs it as a formula; numbers, dates and None stay as they are (typed cells).
``csv_response`` writes UTF-8 with a BOM (Excel otherwise reads the local ANSI code page);
``xlsx_response`` writes one sheet with openpyxl.
"""

import csv
import io
from datetime import date, datetime

from django.http import HttpResponse
from openpyxl import Workbook

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Return ``value`` safe for a spreadsheet cell: risky text prefixed with ``'``, other types unchanged."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _cell(value):
    if isinstance(value, datetime) and value.tzinfo is not None:
        from django.utils import timezone

        value = timezone.localtime(value).replace(tzinfo=None)  # Excel has no time zones: Vietnam time
    return neutralise(value)


def _attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, headers, rows):
    """A CSV download (UTF-8 with BOM) of ``headers`` then ``rows`` (iterables of cell values)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_cell(h) for h in headers])
    for row in rows:
        writer.writerow([_cell(v).isoformat() if isinstance(v, date | datetime) else _cell(v) for v in row])
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    return _attachment(response, filename)


def xlsx_response(filename, headers, rows, sheet_title="Sheet1"):
    """An XLSX download of one sheet: ``headers`` in bold, then ``rows``; numbers and dates stay typed."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append([_cell(h) for h in headers])
    for row in rows:
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
