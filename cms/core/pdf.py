"""A tiny pure-Python PDF writer for demo and test files (one A4 page of text, no dependency).

The standard PDF fonts have no Vietnamese glyphs, so text is folded to ASCII (đ→d, no tone marks):
good enough for a placeholder file whose real content is the signed scan.
"""

import unicodedata


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(lines, title=""):
    """Return the bytes of a valid one-page PDF showing ``lines`` (Vietnamese folded to ASCII)."""
    ascii_lines = [_ascii_keep_case(line) for line in lines]
    stream_lines = ["BT", "/F1 12 Tf", "16 TL", "56 780 Td"]
    for line in ascii_lines:
        stream_lines.append(f"({_escape(line)}) Tj T*")
    stream_lines.append("ET")
    stream = "\n".join(stream_lines).encode("ascii", "replace")
    info_title = _escape(_ascii_keep_case(title))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({info_title}) /Producer (Cong TTDT) >>".encode("ascii", "replace"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n".encode()
    out += f"startxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(out)


def _ascii_keep_case(text):
    # Unlike cms.core.vietnamese.fold this keeps capitals, so symbols such as QD-THNK stay readable.
    text = (text or "").replace("đ", "d").replace("Đ", "D")
    return (
        "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        .encode("ascii", "replace")
        .decode()
    )


def ensure_pdf_document(title, filename, lines=()):
    """The Wagtail document titled ``title``, created once with a generated PDF named ``filename``.

    Used by demo data of several apps; found by title afterwards, so seeding twice creates nothing new.
    """
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(
            filename, ContentFile(minimal_pdf(list(lines) or [title], title=title)), save=False
        )
        document.save()
    return document
