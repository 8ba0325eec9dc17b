"""Bad (and good) files built in memory for upload tests: bombs, renamed executables, polyglots, EXIF."""

import io
import struct
import zipfile
import zlib

from PIL import Image
from PIL.ExifTags import IFD

from cms.core.pdf import minimal_pdf

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
GPS = {1: "N", 2: (21.0, 1.0, 2.0), 3: "E", 4: (105.0, 50.0, 1.0)}


def image_bytes(fmt="JPEG", size=(40, 30), color=(200, 10, 10), **options):
    """A small valid image in ``fmt`` (Pillow format name)."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg_with_gps(orientation=6):
    """A 40×30 JPEG whose EXIF holds a GPS position (Hà Nội) and an orientation tag."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x013B] = "Nguyen Thi Hoc Sinh"  # Artist
    exif[IFD.GPSInfo] = GPS
    return image_bytes("JPEG", exif=exif.tobytes())


def png_bomb(width=60_000, height=60_000):
    """A tiny PNG whose header claims ``width``×``height`` pixels (a decompression bomb)."""
    raw = zlib.compress(b"\x00" * 1024)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def animated_gif():
    frames = [Image.new("RGB", (20, 20), (i * 80, 0, 0)) for i in range(3)]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def heic_bytes():
    from pillow_heif import register_heif_opener

    register_heif_opener()
    return image_bytes("HEIF")


def zip_package(names):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<x/>")
    return buffer.getvalue()


def docx_bytes(macro=False):
    names = ["[Content_Types].xml", "word/document.xml"]
    if macro:
        names.append("word/vbaProject.bin")
    return zip_package(names)


def pdf_with_javascript():
    return minimal_pdf(["Thong bao"]).replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>", 1
    )


def pdf_with_escaped_javascript():
    """The same action with its names spelled through #xx escapes (/J#61vaScript = /JavaScript)."""
    return minimal_pdf(["Thong bao"]).replace(
        b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>", 1
    )


def odt_with_basic_macro():
    """An OpenDocument text whose package carries a Basic macro library."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", "<x/>")
        package.writestr("Basic/Standard/Module1.xml", '<script:module>Shell("calc")</script:module>')
    return buffer.getvalue()


def doc_with_vba():
    """An OLE2 (.doc) file whose directory names a VBA project storage."""
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 500
        + "_VBA_PROJECT".encode("utf-16-le")
        + b"\x00" * 64
    )


def pdf_bytes():
    return minimal_pdf(["Thong bao"])
