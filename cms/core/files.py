"""One gate for every file that enters storage: extension, size, content (magic bytes), pixels, metadata.

Every path where a file is stored calls this module: Wagtail's image and document forms (single, multiple and
chooser uploads, replacing a file; see ``cms.core.upload_forms``), attachments of documents and notices,
and other apps' imports and restores (``check_upload(file, kind)``). Two kinds:

- ``"image"``: extensions from ``settings.WAGTAILIMAGES_EXTENSIONS``; the bytes must be that image format
  (sniffed with ``filetype``, then decoded by Pillow); at most ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` pixels
  (read from the header, before decoding: a PNG bomb is refused without being unpacked); SVG and animated
  images refused (renditions would lose the animation); ``sanitise_image()`` then applies the EXIF orientation
  and re-encodes without EXIF/XMP/GPS (which also drops anything appended to a polyglot), HEIC becoming JPEG.
- ``"document"``: extensions from ``settings.WAGTAILDOCS_EXTENSIONS``; the bytes must be that format (PDF,
  OLE2 for .doc/.xls, OOXML or OpenDocument zip packages with the matching part); no PDF with JavaScript or
  launch actions, no Office file with macros.

All messages are Vietnamese and name the file. Settings and checks cannot drift apart: the system check
``portal.E001`` (``cms.core.checks``) fails when an allowed extension has no content check here.
"""

import io
import mimetypes
import re
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC photos from iPhones; Willow registers the same opener for renditions.
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_AVAILABLE = True
except ImportError:  # pragma: no cover - pillow-heif is in requirements.txt
    HEIF_AVAILABLE = False

# Attachments of documents and notices accept office files only (a subset of the document library's list).
ALLOWED_EXTENSIONS = ("pdf", "doc", "docx", "xls", "xlsx")
ALLOWED_LABEL = "PDF, DOC/DOCX, XLS/XLSX"

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word/Excel (.doc, .xls)
_ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument are zip packages

# What the bytes of each allowed document extension must be (see ``sniff_office_format``).
DOCUMENT_FORMATS = {
    "pdf": "pdf",
    "doc": "ole2",
    "xls": "ole2",
    "docx": "docx",
    "xlsx": "xlsx",
    "odt": "odt",
    "ods": "ods",
}
# The MIME type of each allowed document extension (JSON-LD ``encodingFormat``, download headers): the upload
# gate has checked that the bytes are that format, so the extension stands for the content.
DOCUMENT_MIME_TYPES = {
    "pdf": "application/pdf",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
# Pillow's format name for each allowed image extension.
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP", "heic": "HEIF"}
# Re-encoding options per Pillow format; HEIC is stored as JPEG (every browser shows it).
_SAVE_AS = {
    "JPEG": ("JPEG", "jpg", {"quality": 90, "optimize": True}),
    "HEIF": ("JPEG", "jpg", {"quality": 90, "optimize": True}),
    "PNG": ("PNG", "png", {"optimize": True}),
    "GIF": ("GIF", "gif", {}),
    "WEBP": ("WEBP", "webp", {"quality": 90}),
}
_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}

KIND_LABELS = {"image": "ảnh", "document": "tài liệu"}
_HEAD = 4096

# Markup a browser would run if it sniffed the file as HTML: a "PDF" carrying it near its start is a
# polyglot (HTML behind ``%PDF-``), whatever the rest of the file is.
_PDF_POLYGLOT = re.compile(rb"<\s*(html|script|body|head|iframe|svg|object|embed|!doctype)\b", re.IGNORECASE)
_POLYGLOT_WINDOW = 1024
# PDF actions that run something when the file is opened.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b[\s/(<\[]")
# PDF names may spell any byte as #xx ("/J#61vaScript" is /JavaScript, ISO 32000 §7.3.5): decoded first.
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
# Macros in the other office formats: OpenDocument's Basic/ and Scripts/ folders, OLE2's VBA storages
# (directory entry names are UTF-16LE).
_ODF_MACRO_PREFIXES = ("basic/", "scripts/")
_OLE2_MACRO_MARKERS = ("_VBA_PROJECT".encode("utf-16-le"),)


def _pdf_names_decoded(data):
    """``data`` with every ``#xx`` escape in PDF names replaced by its byte (only for searching)."""
    return _PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), data)


def _extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _basename(name):
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1]


def document_mime_type(name):
    """The MIME type of a stored document named ``name`` (``"qd-39.PDF"`` → ``"application/pdf"``), as
    schema.org's ``encodingFormat`` and RFC 6838 want it; ``application/octet-stream`` when unknown."""
    ext = _extension(name or "")
    if ext in DOCUMENT_MIME_TYPES:
        return DOCUMENT_MIME_TYPES[ext]
    guessed, _ = mimetypes.guess_type(name or "")
    return guessed or "application/octet-stream"


def allowed_extensions(kind):
    """The lower-case extensions (no dot) accepted for ``kind`` ("image" or "document"), from settings."""
    if kind == "image":
        names = getattr(settings, "WAGTAILIMAGES_EXTENSIONS", list(IMAGE_FORMATS))
    elif kind == "document":
        names = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or list(DOCUMENT_FORMATS)
    else:
        raise ValueError(f"unknown upload kind {kind!r}")
    return [name.lower() for name in names]


def max_upload_size(kind):
    """Largest accepted file for ``kind``, in bytes (settings WAGTAILIMAGES/WAGTAILDOCS_MAX_UPLOAD_SIZE)."""
    if kind == "image":
        return getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    return getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)


def max_image_pixels():
    """Largest accepted image, in pixels (width × height × frames), from WAGTAILIMAGES_MAX_IMAGE_PIXELS."""
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)


def sniff_office_format(head, fileobj=None):
    """Return the format the bytes really are ("pdf", "ole2", "docx", "xlsx", "odt", "ods") or None.

    ``head`` is the first bytes of the file; ``fileobj`` (seekable) is needed to look inside zip packages.
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(_ZIP) and fileobj is not None:
        try:
            fileobj.seek(0)
            package = zipfile.ZipFile(fileobj)
            names = package.namelist()
            if "mimetype" in names:
                mimetype = package.read("mimetype")[:100]
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                if mimetype == b"application/vnd.oasis.opendocument.spreadsheet":
                    return "ods"
        except (zipfile.BadZipFile, OSError, ValueError, KeyError):
            return None
        if "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                return "docx"
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
    return None


def describe_content(head):
    """A short Vietnamese description of what ``head`` (first bytes) really is, for refusal messages."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return "ảnh SVG"
    if text.startswith((b"<!doctype html", b"<html", b"<script", b"<head", b"<body", b"<iframe")):
        return "trang HTML"
    if head.startswith(b"\x7fELF"):
        return "chương trình chạy được (ELF)"
    if head.startswith(b"MZ"):
        return "chương trình chạy được (EXE/DLL)"
    if head.startswith(b"#!"):
        return "tệp lệnh (script)"
    guess = filetype.guess(head)
    if guess is not None:
        return f"tệp .{guess.extension}"
    return "không rõ định dạng"


def _is_svg(head):
    lowered = head.lower()
    return b"<svg" in lowered and lowered.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<", b"<?xml"))


def _refuse(message, code):
    raise ValidationError(message, code=code)


def _read_head(file):
    """The first bytes of ``file`` (an uploaded file, a Django File/FieldFile or a binary file object)."""
    try:
        if hasattr(file, "open") and getattr(file, "closed", False):
            file.open("rb")
        file.seek(0)
        head = file.read(_HEAD)
        file.seek(0)
    except (OSError, ValueError) as exc:
        raise ValidationError("Không đọc được tệp; vui lòng tải lên lại.", code="file_unreadable") from exc
    if isinstance(head, str):
        head = head.encode()
    return head


def _size(file):
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(position)
    return size


def check_upload(file, kind):
    """Refuse ``file`` unless it is an acceptable ``kind`` ("image" or "document"); return None when it is.

    ``file`` is anything with ``name``, ``read`` and ``seek`` (``UploadedFile``, ``File``, ``FieldFile``);
    it is left at position 0. Raises ``ValidationError`` with a Vietnamese message naming the file and the
    rule (extension, empty, size in MB, content not matching the extension, SVG, pixels, animation, macros).
    """
    name = _basename(getattr(file, "name", "") or "")
    ext = _extension(name)
    allowed = allowed_extensions(kind)
    label = ", ".join(sorted({e.upper() for e in allowed}))
    if ext == "svg" or ext == "svgz":
        _refuse(
            f"Tệp “{name}”: ảnh SVG không được chấp nhận vì có thể chứa mã lệnh. "
            "Hãy lưu ảnh dưới dạng PNG hoặc JPEG rồi tải lên.",
            "svg_refused",
        )
    if ext not in allowed:
        _refuse(
            f"Tệp “{name}” không được chấp nhận: chỉ nhận {KIND_LABELS[kind]} dạng {label}.",
            "file_extension",
        )
    size = _size(file)
    if not size:
        _refuse(f"Tệp “{name}” trống (0 byte); vui lòng chọn đúng tệp.", "file_empty")
    limit = max_upload_size(kind)
    if limit and size > limit:
        _refuse(
            f"Tệp “{name}” quá lớn ({filesizeformat(size)}); tối đa {filesizeformat(limit)}.",
            "file_too_large",
        )
    head = _read_head(file)
    if _is_svg(head):
        _refuse(
            f"Tệp “{name}” thực chất là ảnh SVG; ảnh SVG không được chấp nhận vì có thể chứa mã lệnh.",
            "svg_refused",
        )
    if kind == "image":
        _check_image(file, name, ext, head)
    else:
        _check_document(file, name, ext, head)


def _mismatch(name, ext, head, what):
    _refuse(
        f"Nội dung tệp “{name}” không phải là {what} .{ext} hợp lệ (thực chất là: {describe_content(head)}). "
        "Tệp có thể đã bị đổi tên hoặc bị hỏng.",
        "file_content",
    )


def _check_image(file, name, ext, head):
    expected = IMAGE_FORMATS.get(ext)
    guess = filetype.guess(head)
    guessed = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP", "heic": "HEIF"}.get(
        guess.extension if guess else ""
    )
    if expected is None or guessed != expected:
        _mismatch(name, ext, head, "ảnh")
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = "HEIF" if image.format in ("HEIF", "HEIC") else image.format
            if image_format != expected:
                _mismatch(name, ext, head, "ảnh")
            width, height = image.size
            frames = getattr(image, "n_frames", 1) or 1
            limit = max_image_pixels()
            if limit and width * height > limit:
                _refuse(
                    f"Ảnh “{name}” quá nhiều điểm ảnh ({width}×{height}); tối đa {limit:,} điểm ảnh. "
                    "Hãy thu nhỏ ảnh rồi tải lên.".replace(",", "."),
                    "file_too_many_pixels",
                )
            if frames > 1:
                _refuse(
                    f"Ảnh “{name}” là ảnh động ({frames} khung hình): cổng chưa hỗ trợ ảnh động "
                    "vì các bản thu nhỏ chỉ giữ được khung hình đầu. "
                    "Hãy tải lên một ảnh tĩnh (hoặc đăng video).",
                    "animated_image",
                )
            image.load()  # decodes: a truncated or corrupt image fails here, not in a rendition later
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            f"Ảnh “{name}” quá nhiều điểm ảnh; tối đa {max_image_pixels():,} điểm ảnh. "
            "Hãy thu nhỏ ảnh rồi tải lên.".replace(",", "."),
            code="file_too_many_pixels",
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            f"Tệp “{name}” không phải là ảnh .{ext} đọc được (tệp hỏng hoặc không phải ảnh).",
            code="file_content",
        ) from exc
    finally:
        file.seek(0)


def _read_all(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def _check_document(file, name, ext, head):
    expected = DOCUMENT_FORMATS.get(ext)
    try:
        actual = sniff_office_format(head, file)
    finally:
        file.seek(0)
    if expected is None or actual != expected:
        _mismatch(name, ext, head, "tệp")
    if actual == "pdf" and _PDF_POLYGLOT.search(head[:_POLYGLOT_WINDOW]):
        _refuse(
            f"Nội dung tệp “{name}” không phải là tệp .pdf hợp lệ (thực chất là: trang HTML có đầu giả PDF). "
            "Hãy in lại ra PDF thường (Print → Save as PDF) rồi tải lên.",
            "file_content",
        )
    if actual == "pdf" and _PDF_ACTIVE.search(_pdf_names_decoded(_read_all(file))):
        _refuse(
            f"Tệp PDF “{name}” chứa mã lệnh tự chạy (JavaScript, tệp nhúng hoặc lệnh mở chương trình) "
            "nên không được chấp nhận. Hãy in lại ra PDF thường (Print → Save as PDF) rồi tải lên.",
            "pdf_active_content",
        )
    if actual in ("docx", "xlsx", "odt", "ods"):
        try:
            names = [n.lower() for n in zipfile.ZipFile(file).namelist()]
        except (zipfile.BadZipFile, OSError, ValueError):
            names = []
        finally:
            file.seek(0)
        macros = any(n.endswith("vbaproject.bin") or n.startswith(_ODF_MACRO_PREFIXES) for n in names)
    elif actual == "ole2":
        data = _read_all(file)
        macros = any(marker in data for marker in _OLE2_MACRO_MARKERS)
    else:
        macros = False
    if macros:
        _refuse(
            f"Tệp “{name}” chứa macro (mã lệnh Office) nên không được chấp nhận. "
            "Hãy lưu lại dưới dạng tệp không có macro rồi tải lên.",
            "office_macro",
        )


def sanitise_image(file):
    """Return a new uploaded file with ``file``'s pixels only: EXIF orientation applied, no EXIF/XMP/GPS.

    ``file`` must have passed ``check_upload(file, "image")``. JPEG/PNG/GIF/WebP keep their format; HEIC
    becomes JPEG (``.jpg``). The colour profile (ICC) is kept; everything else in the file (metadata,
    comments, data appended after the image) is dropped. Returns an ``InMemoryUploadedFile``.
    """
    name = _basename(getattr(file, "name", "") or "anh")
    file.seek(0)
    with Image.open(file) as image:
        pillow_format = "HEIF" if image.format in ("HEIF", "HEIC") else image.format
        save_format, extension, options = _SAVE_AS[pillow_format]
        icc_profile = image.info.get("icc_profile")
        transparency = image.info.get("transparency")
        oriented = ImageOps.exif_transpose(image)
        if save_format == "JPEG" and oriented.mode not in ("RGB", "L", "CMYK"):
            oriented = oriented.convert("RGB")
        options = dict(options)
        if icc_profile:
            options["icc_profile"] = icc_profile
        if transparency is not None and save_format in ("PNG", "GIF"):
            options["transparency"] = transparency
        if save_format == "WEBP" and image.info.get("lossless"):
            options = {"lossless": True}
        output = io.BytesIO()
        oriented.save(output, save_format, **options)
    file.seek(0)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    new_name = f"{stem}.{extension}" if pillow_format == "HEIF" else name
    size = output.tell()
    output.seek(0)
    sanitised = InMemoryUploadedFile(
        output, "file", new_name, _CONTENT_TYPES[save_format], size, charset=None
    )
    sanitised.portal_sanitised = True
    return sanitised


def validate_office_file(file_field):
    """Raise ValidationError (Vietnamese) unless ``file_field`` is PDF/DOC/DOCX/XLS/XLSX by name AND content.

    Attachments of documents and notices accept only these office formats; the content rules are those of
    ``check_upload(file, "document")`` (a renamed executable or image with a .pdf name is refused).
    """
    name = _basename(getattr(file_field, "name", "") or "")
    if _extension(name) not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            f"Tệp “{name}” không được chấp nhận: chỉ nhận tệp {ALLOWED_LABEL}.",
            code="file_extension",
        )
    try:
        file_field.open("rb")
        check_upload(file_field, "document")
    except (OSError, ValueError) as exc:
        raise ValidationError(
            "Không đọc được tệp đính kèm; vui lòng tải lên lại.", code="file_unreadable"
        ) from exc
    finally:
        try:
            file_field.close()
        except (OSError, ValueError):
            pass
