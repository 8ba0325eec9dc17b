"""Demo documents: small, valid PDF files made on the fly (no binary files in the repository)."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms.core.vietnamese import fold


def _pdf_text(text):
    # The built-in PDF fonts have no Vietnamese glyphs: write the folded (unaccented) text, escaped.
    return fold(text).upper().replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(title, lines):
    """Return the bytes of a one-page A4 PDF showing ``title`` and ``lines`` (Helvetica, unaccented)."""
    ops = ["BT", "/F1 16 Tf", "56 780 Td", f"({_pdf_text(title)}) Tj", "/F1 11 Tf", "0 -30 Td"]
    for line in lines:
        ops += [f"({_pdf_text(line)}) Tj", "0 -18 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def ensure_document(title, filename, lines=()):
    """The Wagtail document titled ``title``, created once with a generated PDF named ``filename``."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(make_pdf(title, lines or [title])), save=False)
        document.save()
    return document
