"""A year's test papers handed over as one upload: a ZIP of files plus a metadata sheet, checked as a whole.

The sheet (XLSX or CSV, Vietnamese headings, see ``COLUMNS``) lists one file per row. The upload is refused as
a whole, nothing saved, when: the ZIP is not a ZIP, holds more than ``MAX_MEMBERS`` files or more than
``MAX_TOTAL`` bytes uncompressed or a member compresses suspiciously well (zip bomb), a name is absolute or
climbs out (``..``, path traversal) or is a link, a member is not PDF/DOC/DOCX/XLS/XLSX or is refused by the
upload gate ``cms.core.files.check_upload`` (content, active PDF, macros), a listed file is missing, a file
is not listed, or a metadata cell is wrong. Each refused member is named in the error list.
Everything accepted is staff-only (clarifications #10): publishing needs the principal's or a vice
principal's approval afterwards.
"""

import io
import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from cms.core.files import ALLOWED_EXTENSIONS, ALLOWED_LABEL, check_upload
from cms.core.vietnamese import nfc

from .models import SCHOOL_YEAR_VALIDATOR, LearningMaterial, MaterialType, Term
from .publishing import schedule_materials_build
from .tabular import ImportFailed, _choice, _int, _text, read_table

MAX_MEMBERS = 500
MAX_TOTAL = 300 * 1024 * 1024
MAX_RATIO = 100

COLUMNS = [
    ("file", "Tên tệp", True),
    ("title", "Tên học liệu", True),
    ("kind", "Loại", False),
    ("school_year", "Năm học", True),
    ("grade", "Khối", False),
    ("subject", "Môn học", False),
    ("term", "Kỳ", False),
]
HEADINGS = {key: heading for key, heading, _ in COLUMNS}


@dataclass
class Item:
    row: int
    member: str
    fields: dict


def _safe_members(archive):
    """{member name: ZipInfo} of the files in ``archive``; ImportFailed on traversal, links or bombs."""
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > MAX_MEMBERS:
        raise ImportFailed(f"Tệp ZIP có {len(infos)} tệp; tối đa {MAX_MEMBERS}.")
    total = 0
    members = {}
    for info in infos:
        name = info.filename.replace("\\", "/")
        path = PurePosixPath(name)
        drive = ":" in path.parts[0] if path.parts else True  # "C:/…" or an empty name
        if path.is_absolute() or ".." in path.parts or drive:
            raise ImportFailed(
                f"Tên tệp “{info.filename}” trong ZIP không hợp lệ (đường dẫn ra ngoài thư mục)."
            )
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ImportFailed(f"“{info.filename}” là liên kết (symlink): không được chấp nhận.")
        total += info.file_size
        if total > MAX_TOTAL:
            raise ImportFailed("Tệp ZIP giải nén quá lớn (trên 300 MB).")
        if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
            raise ImportFailed(
                f"“{info.filename}” nén bất thường (nghi tệp ZIP độc hại); không được chấp nhận."
            )
        key = nfc(path.name)
        if key in members:
            raise ImportFailed(f"Tệp “{key}” xuất hiện hai lần trong ZIP.")
        members[key] = info
    return members


def _check_member(archive, info, name):
    """None, or the Vietnamese reason ``name`` is refused: every member goes through the one upload gate
    (``cms.core.files.check_upload``: content matching the extension, no PDF JavaScript/launch actions, no
    Office macros, size), the same refusals as the document library."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in ALLOWED_EXTENSIONS:
        return f"Tệp “{name}”: chỉ nhận {ALLOWED_LABEL}."
    try:
        with archive.open(info) as fh:
            data = fh.read(MAX_TOTAL + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        data = b""
    if len(data) != info.file_size:
        return f"Tệp “{name}” bị hỏng trong ZIP."
    try:
        check_upload(ContentFile(data, name=name), "document")
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


def validate_handover(zip_name, zip_data, sheet_name, sheet_data):
    """(items, errors): errors as [(row, column, message)]; ImportFailed for a file refused outright."""
    if not zip_name.lower().endswith(".zip") or not zip_data.startswith(b"PK"):
        raise ImportFailed("Tệp học liệu phải là tệp .zip.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_data))
    except zipfile.BadZipFile as exc:
        raise ImportFailed("Tệp ZIP bị hỏng.") from exc
    members = _safe_members(archive)
    rows = read_table(sheet_name, sheet_data, COLUMNS)
    items, errors, listed = [], [], {}
    for number, values in rows:
        row_errors = []

        def check(key, fn, _errs=row_errors, _values=values, _n=number):
            try:
                return fn(_values.get(key))
            except Exception as exc:  # ValidationError from the cell parsers
                _errs.append((_n, HEADINGS[key], " ".join(getattr(exc, "messages", [str(exc)]))))
                return None

        member = nfc(_text(values.get("file")))
        title = _text(values.get("title"))
        year = _text(values.get("school_year")).replace("-", "–")
        if not member:
            row_errors.append((number, HEADINGS["file"], "Thiếu tên tệp."))
        elif member in listed:
            row_errors.append((number, HEADINGS["file"], f"Tệp “{member}” đã có ở dòng {listed[member]}."))
        elif member not in members:
            row_errors.append((number, HEADINGS["file"], f"Không có tệp “{member}” trong ZIP."))
        else:
            problem = _check_member(archive, members[member], member)
            if problem:
                row_errors.append((number, HEADINGS["file"], problem))
        listed.setdefault(member, number)
        if not title:
            row_errors.append((number, HEADINGS["title"], "Thiếu tên học liệu."))
        try:
            SCHOOL_YEAR_VALIDATOR(year)
        except Exception:
            row_errors.append((number, HEADINGS["school_year"], "Năm học viết dạng 2025–2026."))
        fields = {
            "title": title,
            "school_year": year,
            "kind": check("kind", lambda v: _choice(v, MaterialType.choices, "Loại")) or "de_kiem_tra",
            "grade": check("grade", lambda v: _int(v, "Khối", 1, 5)),
            "subject": _text(values.get("subject")),
            "term": check("term", lambda v: _choice(v, Term.choices, "Kỳ")) or "",
        }
        errors += row_errors
        items.append(Item(row=number, member=member, fields=fields))
    for name in sorted(set(members) - set(listed)):
        errors.append((0, HEADINGS["file"], f"Tệp “{name}” có trong ZIP nhưng không có trong bảng kê."))
    if not rows:
        errors.append((0, HEADINGS["file"], "Bảng kê không có dòng nào."))
    return items, errors, archive, members


@transaction.atomic
def save_handover(items, archive, members, handed_over_by=""):
    """Create every item (staff-only); returns the count. The caller validated everything first."""
    for item in items:
        with archive.open(members[item.member]) as fh:
            content = ContentFile(fh.read(), name=item.member)
        material = LearningMaterial(handed_over_by=handed_over_by, **item.fields)
        material.file.save(item.member, content, save=False)
        material.save()
    schedule_materials_build(f"Học liệu: bàn giao {len(items)} tệp")
    return len(items)
