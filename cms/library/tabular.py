"""Catalogue import and export as CSV/XLSX with Vietnamese headings: one row per record, its copies' accession
numbers (and barcodes) separated by ";".

``read_table(name, data)`` → rows (dicts by column key) or ``ImportFailed``; ``validate(rows)`` → (clean
entries, errors) where each error names its row (as numbered in the sheet, headings = row 1) and column;
``commit(entries)`` saves everything in one transaction or nothing. The MARC import (``marc.py``) produces the
same entries, so both go through one validation and one commit.
"""

import csv
import io
import time
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from cms.core.exports import neutralise
from cms.core.files import sniff_office_format
from cms.core.vietnamese import fold, nfc
from cms.publishing.builder import builds_suspended

from .isbn import format_isbn, normalise_isbn, normalise_issn
from .models import BibliographicRecord, Copy, Library, MaterialKind, RecordAuthor, Scheme

# (key, Vietnamese heading, required)
COLUMNS = [
    ("title", "Nhan đề", True),
    ("subtitle", "Nhan đề phụ", False),
    ("authors", "Tác giả (cách nhau bởi ;)", False),
    ("publisher", "Nhà xuất bản", False),
    ("place", "Nơi xuất bản", False),
    ("year", "Năm xuất bản", False),
    ("edition", "Lần xuất bản", False),
    ("isbn", "ISBN", False),
    ("issn", "ISSN", False),
    ("issue", "Số báo/tạp chí", False),
    ("kind", "Loại tài liệu", False),
    ("language", "Ngôn ngữ", False),
    ("pages", "Số trang", False),
    ("scheme", "Khung phân loại", False),
    ("classification", "Chỉ số phân loại", False),
    ("author_mark", "Ký hiệu tác giả", False),
    ("call_number", "Ký hiệu xếp giá", False),
    ("subjects", "Chủ đề (cách nhau bởi ;)", False),
    ("reading_grade", "Dành cho lớp", False),
    ("summary", "Tóm tắt", False),
    ("accession_numbers", "Số ĐKCB (cách nhau bởi ;)", False),
    ("barcodes", "Mã vạch (cách nhau bởi ;)", False),
    ("acquired_on", "Ngày vào sổ (dd/mm/yyyy)", False),
    ("source", "Nguồn", False),
    ("invoice", "Số chứng từ", False),
    ("price", "Giá (đồng)", False),
    ("location", "Vị trí", False),
]
HEADINGS = {key: heading for key, heading, _ in COLUMNS}
MAX_ROWS = 5000


class ImportFailed(Exception):
    """The whole file is refused (unreadable, wrong headings, or a clash at save time); nothing was saved."""


@dataclass
class Entry:
    """One record to create: its fields, authors [(name, role)] and copies [dict of Copy fields]."""

    row: int
    fields: dict
    authors: list = field(default_factory=list)
    copies: list = field(default_factory=list)


def _heading_key(text, columns):
    folded = fold(text or "").split("(")[0].strip()
    for key, heading, _ in columns:
        if fold(heading).split("(")[0].strip() == folded or folded == key:
            return key
    return None


def read_table(name, data, columns=None):
    """Rows of a CSV (UTF-8, with or without BOM) or XLSX upload: ``[(sheet row number, {key: value})]``.

    ``columns`` (default ``COLUMNS``): ``[(key, heading, required)]``; headings match ignoring tone marks.
    """
    columns = columns or COLUMNS
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext == "xlsx":
        if sniff_office_format(data[:8], io.BytesIO(data)) != "xlsx":
            raise ImportFailed("Tệp .xlsx không hợp lệ (bị đổi tên hoặc hỏng).")
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            table = [list(row) for row in sheet.iter_rows(values_only=True)]
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise ImportFailed("Không đọc được tệp .xlsx; hãy lưu lại bằng Excel rồi tải lên.") from exc
    elif ext == "csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportFailed("Tệp CSV phải được lưu với bảng mã UTF-8 (Excel: “CSV UTF-8”).") from exc
        table = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportFailed("Chỉ nhận tệp .csv hoặc .xlsx theo mẫu.")
    if not table:
        raise ImportFailed("Tệp trống.")
    keys = [_heading_key(str(h) if h is not None else "", columns) for h in table[0]]
    missing = [heading for k, heading, required in columns if required and k not in keys]
    if missing:
        raise ImportFailed(f"Thiếu cột bắt buộc: {', '.join(missing)}. Hãy dùng tệp mẫu.")
    unknown = [str(h) for h, k in zip(table[0], keys, strict=False) if k is None and h not in (None, "")]
    if unknown:
        raise ImportFailed(f"Cột không có trong mẫu: {', '.join(unknown)}.")
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        values = {k: raw[i] for i, k in enumerate(keys) if k and i < len(raw)}
        if all(v in (None, "") for v in values.values()):
            continue
        rows.append((number, values))
    if len(rows) > MAX_ROWS:
        raise ImportFailed(f"Tệp có {len(rows)} dòng; mỗi lần nhập tối đa {MAX_ROWS} dòng.")
    return rows


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def _split(value):
    return [part.strip() for part in _text(value).split(";") if part.strip()]


def _int(value, label, low=None, high=None):
    text = _text(value)
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(f"{label} phải là số nguyên, không phải “{text}”.")
    number = int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(f"{label} phải từ {low} đến {high}.")
    return number


def _date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"Ngày “{text}” không đúng dạng dd/mm/yyyy.")


def _choice(value, choices, label):
    text = _text(value)
    if not text:
        return None
    for code, name in choices:
        if fold(text) in (fold(code), fold(name)):
            return code
    raise ValidationError(f"{label} “{text}” không có trong danh sách: {', '.join(n for _, n in choices)}.")


def validate(rows, library=None):
    """Check every row; returns ``(entries, errors)``, errors as ``[(row, column heading, message)]``."""
    library = library or Library.default()
    entries, errors = [], []
    for number, values in rows:
        row_errors = []

        def check(key, fn, _row_errors=row_errors, _values=values, _number=number):
            try:
                return fn(_values.get(key))
            except ValidationError as exc:
                _row_errors.append((_number, HEADINGS[key], " ".join(exc.messages)))
                return None

        fields = {
            key: _text(values.get(key))
            for key in (
                "title",
                "subtitle",
                "publisher",
                "place",
                "edition",
                "issue",
                "author_mark",
                "call_number",
            )
        }
        fields["subjects"] = "; ".join(_split(values.get("subjects")))
        fields["summary"] = _text(values.get("summary"))
        if not fields["title"]:
            row_errors.append((number, HEADINGS["title"], "Nhan đề không được để trống."))
        fields["isbn"] = check("isbn", normalise_isbn) or ""
        fields["issn"] = check("issn", normalise_issn) or ""
        fields["year"] = check("year", lambda v: _int(v, "Năm xuất bản", 1800, 2100))
        fields["pages"] = check("pages", lambda v: _int(v, "Số trang", 1, 100000))
        fields["reading_grade"] = check("reading_grade", lambda v: _int(v, "Lớp", 1, 5))
        fields["kind"] = check("kind", lambda v: _choice(v, MaterialKind.choices, "Loại tài liệu")) or "sach"
        fields["scheme"] = check("scheme", lambda v: _choice(v, Scheme.choices, "Khung phân loại")) or "ddc"
        fields["language"] = (_text(values.get("language")) or "vie")[:3].lower()
        fields["classification"] = _text(values.get("classification"))
        if fields["kind"] == MaterialKind.PERIODICAL and not fields["issn"] and not fields["isbn"]:
            row_errors.append((number, HEADINGS["issn"], "Báo, tạp chí cần có ISSN."))
        price = check("price", lambda v: _int(v, "Giá", 0, 10**10))
        acquired = check("acquired_on", _date)
        accessions = [a.upper() for a in _split(values.get("accession_numbers"))]
        barcodes = _split(values.get("barcodes"))
        if barcodes and len(barcodes) != len(accessions):
            row_errors.append(
                (number, HEADINGS["barcodes"], "Số mã vạch phải bằng số ĐKCB (theo cùng thứ tự).")
            )
        copies = [
            {
                "accession_number": accession,
                "barcode": barcodes[i] if i < len(barcodes) else "",
                "acquired_on": acquired,
                "source": _text(values.get("source")),
                "invoice": _text(values.get("invoice")),
                "price": price,
                "location": _text(values.get("location")),
            }
            for i, accession in enumerate(accessions)
        ]
        authors = [(name, "tac_gia") for name in _split(values.get("authors"))]
        errors += row_errors
        entries.append(Entry(row=number, fields=fields, authors=authors, copies=copies))
    errors += check_entries(entries, library, parsed=True)
    failed = {row for row, _, _ in errors}
    return [e for e in entries if e.row not in failed], sorted(errors, key=lambda e: e[0])


# Column of the sheet for each copy field (MARC-only fields are named by the model's label).
_COPY_COLUMNS = {"accession_number": "accession_numbers", "barcode": "barcodes"}


def _limit_errors(number, model, values, column_of):
    """Errors for ``values`` (field name → value) that the model could not store: text longer than the
    column, numbers outside the column's range (``PositiveIntegerField``: 0 … 2,147,483,647)."""
    errors = []
    for name, value in values.items():
        if value in (None, ""):
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:  # not a model field (authors, accession lists): checked elsewhere
            continue
        key = column_of(name)
        column = HEADINGS.get(key) or str(field.verbose_name)
        if isinstance(value, str) and field.max_length and len(value) > field.max_length:
            errors.append((number, column, f"{column}: dài {len(value)} ký tự, tối đa {field.max_length}."))
        elif isinstance(value, int) and isinstance(field, models.IntegerField):
            # The strictest backend's range (PostgreSQL's), so a file that imports on SQLite imports anywhere.
            low, high = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
            for validator in field.validators:
                low = max(low, validator.limit_value) if validator.code == "min_value" else low
                high = min(high, validator.limit_value) if validator.code == "max_value" else high
            if (low is not None and value < low) or (high is not None and value > high):
                shown = f"{value:,}".replace(",", ".")
                errors.append(
                    (
                        number,
                        column,
                        f"{column}: {shown} nằm ngoài khoảng cho phép ({low} – {high:,}).".replace(",", "."),
                    )
                )
    return errors


def check_entries(entries, library=None, parsed=False):
    """Checks shared by every import (CSV/XLSX rows, MARC records): title, ISBN/ISSN (unless ``parsed``
    already checked them), every value within the model's limits (length, number range), and accession
    numbers and barcodes unique within the file and in the library, across BOTH fields (the desk finds a
    copy by either)."""
    from .models import normalise_copy_code

    library = library or Library.default()
    errors, seen = [], {}
    for entry in entries:
        for copy in entry.copies:
            for key in ("accession_number", "barcode"):
                if copy.get(key):
                    copy[key] = normalise_copy_code(copy[key])
    wanted = {c[k] for e in entries for c in e.copies for k in ("accession_number", "barcode") if c.get(k)}
    taken = {}
    for accession, barcode in (
        Copy.objects.filter(library=library)
        .filter(models.Q(accession_number__in=wanted) | models.Q(barcode__in=wanted))
        .values_list("accession_number", "barcode")
    ):
        taken[accession] = f"số ĐKCB của bản {accession}"
        if barcode:
            taken.setdefault(barcode, f"mã vạch của bản {accession}")
    for entry in entries:
        number, fields = entry.row, entry.fields
        if not parsed:
            if not fields.get("title"):
                errors.append((number, HEADINGS["title"], "Nhan đề không được để trống."))
            for key, fn in (("isbn", normalise_isbn), ("issn", normalise_issn)):
                try:
                    fields[key] = fn(fields.get(key))
                except ValidationError as exc:
                    errors.append((number, HEADINGS[key], " ".join(exc.messages)))
        errors += _limit_errors(number, BibliographicRecord, fields, lambda name: name)
        for name, _role in entry.authors:
            if len(name) > 200:
                errors.append(
                    (number, HEADINGS["authors"], f"Tên tác giả dài {len(name)} ký tự, tối đa 200.")
                )
        reported = set()
        for copy in entry.copies:
            for error in _limit_errors(number, Copy, copy, lambda n: _COPY_COLUMNS.get(n, n)):
                if error not in reported:  # one price for all the row's copies: report it once
                    errors.append(error)
                    reported.add(error)
            own = set()
            for key, label in (("accession_number", "Số ĐKCB"), ("barcode", "Mã vạch")):
                value = copy.get(key) or ""
                if not value or value in own:
                    continue
                own.add(value)
                column = HEADINGS[_COPY_COLUMNS[key]]
                if value in seen:
                    errors.append((number, column, f"{label} {value} trùng với {seen[value]}."))
                elif value in taken:
                    errors.append(
                        (number, column, f"{label} {value} đã có trong thư viện (là {taken[value]}).")
                    )
                seen.setdefault(value, f"dòng {number}")
    return errors


def _save(entries, library):
    with transaction.atomic():
        for entry in entries:
            record = BibliographicRecord(**entry.fields)
            record.save()
            for order, (name, role) in enumerate(entry.authors):
                RecordAuthor.objects.create(record=record, name=name, role=role, sort_order=order)
            if entry.authors:
                record.author_mark = entry.fields.get("author_mark") or ""
                record.call_number = entry.fields.get("call_number") or ""
                record.save()  # author mark and call number from the main entry now that it exists
            for order, data in enumerate(entry.copies):
                Copy.objects.create(record=record, library=library, sort_order=order, **data)


def commit(entries, library=None, attempts=5):
    """Save every entry in one transaction (all or nothing); returns the number of records.

    The accession-number constraint settles concurrent imports: the later one fails as a whole with a
    message naming the clash. A locked database (SQLite under concurrent writers) is retried.
    """
    from .publishing import schedule_catalogue_build

    library = library or Library.default()
    for attempt in range(attempts):
        try:
            with builds_suspended():
                _save(entries, library)
            break
        except IntegrityError as exc:
            raise ImportFailed(
                "Không nhập được: một số ĐKCB hoặc mã vạch vừa được dùng (có thể do một lần nhập khác "
                "cùng lúc). "
                "Không có dòng nào được lưu; hãy tải lên lại để xem chi tiết."
            ) from exc
        except OperationalError:
            if attempt == attempts - 1:
                raise ImportFailed(
                    "Cơ sở dữ liệu đang bận; không có dòng nào được lưu, vui lòng thử lại."
                ) from None
            time.sleep(0.2 * (attempt + 1))
    with transaction.atomic():
        schedule_catalogue_build(f"Thư viện: nhập {len(entries)} biên mục")
    return len(entries)


def export_rows(records):
    """Rows (in ``COLUMNS`` order) of ``records`` (with authors and copies prefetched)."""
    for record in records:
        copies = sorted(record.copies.all(), key=lambda c: c.accession_number)
        first = copies[0] if copies else None
        yield [
            record.title,
            record.subtitle,
            "; ".join(record.author_names()),
            record.publisher,
            record.place,
            record.year,
            record.edition,
            format_isbn(record.isbn),
            record.issn,
            record.issue,
            record.get_kind_display(),
            record.language,
            record.pages,
            record.get_scheme_display(),
            record.classification,
            record.author_mark,
            record.call_number,
            record.subjects,
            record.reading_grade,
            record.summary,
            "; ".join(c.accession_number for c in copies),
            "; ".join(c.barcode for c in copies) if any(c.barcode for c in copies) else "",
            first.acquired_on.strftime("%d/%m/%Y") if first and first.acquired_on else "",
            first.source if first else "",
            first.invoice if first else "",
            first.price if first else None,
            first.location if first else "",
        ]


def template_workbook():
    """The downloadable XLSX template: the headings and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Biên mục"
    sheet.append([heading for _, heading, _ in COLUMNS])
    example = {
        "title": "Dế Mèn phiêu lưu ký",
        "authors": "Tô Hoài",
        "publisher": "NXB Kim Đồng",
        "place": "Hà Nội",
        "year": 2024,
        "isbn": "978-604-2-12345-7",
        "kind": "Sách đọc, truyện",
        "pages": 144,
        "scheme": "DDC (Dewey)",
        "classification": "895.9223",
        "subjects": "Truyện thiếu nhi; Văn học Việt Nam",
        "reading_grade": 3,
        "accession_numbers": "001001; 001002",
        "acquired_on": "05/09/2026",
        "source": "Mua",
        "invoice": "HĐ-012",
        "price": 45000,
        "location": "Kho mở – giá 3",
    }
    sheet.append([neutralise(example.get(key, "")) for key, _, _ in COLUMNS])
    for index, (_, heading, required) in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=index).font = Font(bold=required)
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
            12, len(heading) + 2
        )
    sheet.freeze_panes = "A2"
    return workbook
