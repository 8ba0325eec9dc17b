"""Checks for office files attached to documents and notices: the extension AND the content must agree."""

import zipfile

from django.core.exceptions import ValidationError

ALLOWED_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx")
ALLOWED_LABEL = "PDF, DOC/DOCX, XLS/XLSX"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word/Excel (.doc, .xls)
_ZIP = b"PK\x03\x04"  # Office Open XML (.docx, .xlsx) is a zip package


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def sniff_office_format(head, fileobj=None):
    """Return the format the bytes really are ("pdf", "ole2", "docx", "xlsx") or None.

    ``head`` is the first bytes of the file; ``fileobj`` (seekable) is needed to tell DOCX from XLSX.
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(_ZIP) and fileobj is not None:
        try:
            fileobj.seek(0)
            names = zipfile.ZipFile(fileobj).namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "docx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
    return None


_EXPECTED = {"pdf": "pdf", "doc": "ole2", "xls": "ole2", "docx": "docx", "xlsx": "xlsx"}


def validate_office_file(file_field):
    """Raise ValidationError (Vietnamese) unless ``file_field`` is PDF/DOC/DOCX/XLS/XLSX by name AND content.

    A renamed executable or image with a .pdf name is refused: the first bytes must match the extension.
    """
    name = getattr(file_field, "name", "") or ""
    ext = _extension(name)
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            f"Tệp “{name.rsplit('/', 1)[-1]}” không được chấp nhận: chỉ nhận tệp {ALLOWED_LABEL}.",
            code="file_extension",
        )
    try:
        file_field.open("rb")
        head = file_field.read(8)
        kind = sniff_office_format(head, file_field)
    except (OSError, ValueError) as exc:
        raise ValidationError(
            "Không đọc được tệp đính kèm; vui lòng tải lên lại.", code="file_unreadable"
        ) from exc
    finally:
        try:
            file_field.close()
        except (OSError, ValueError):
            pass
    if kind != _EXPECTED[ext]:
        raise ValidationError(
            f"Nội dung tệp “{name.rsplit('/', 1)[-1]}” không phải là tệp .{ext} hợp lệ "
            f"(tệp bị đổi tên hoặc hỏng). Chỉ nhận tệp {ALLOWED_LABEL}.",
            code="file_content",
        )
