"""MARC21 exchange (ISO 2709 and MARCXML) through pymarc, both ways.

Fields (clarifications #10): 020 ISBN, 022 ISSN (+ $v issue), 041 language, 082 DDC or 084 the 19-class
scheme ($2 19lop), 090 call number ($a classification, $b author mark), 100 main entry / 700 other authors
($e role), 245 title, 250 edition, 264 _1 publication, 300 pages, 520 summary, 521 reading grade,
653 subjects, and one 952 per copy (Koha's holdings convention): $i accession number, $p barcode,
$d acquisition date, $e source, $x invoice (non-public note), $g price, $c location, $o call number,
$y material kind, $0 withdrawal date and $1 lost date (Koha reads any non-empty value as the flag),
$z withdrawal note.
Leader/06 "a" (language material), /07 "m" monograph or "s" serial. Import turns each MARC record into the
same entries as the CSV/XLSX import (``tabular.validate``/``commit``), so the checks are the same.
"""

import io
from datetime import date

from pymarc import Field, Indicators, MARCReader, Record, Subfield, XMLWriter, parse_xml_to_array

from cms.core.vietnamese import nfc

from .models import AuthorRole, MaterialKind, Scheme
from .tabular import Entry, ImportFailed

SCHEME_19 = "19lop"
ROLE_BY_LABEL = {label.lower(): code for code, label in AuthorRole.choices}


def _sub(code, value):
    return Subfield(code=code, value=str(value))


def _field(tag, subfields, ind=(" ", " ")):
    subs = [_sub(c, v) for c, v in subfields if v not in (None, "")]
    return Field(tag=tag, indicators=Indicators(*ind), subfields=subs) if subs else None


def record_to_marc(record):
    """A pymarc ``Record`` for ``record`` (authors and copies prefetched or not)."""
    marc = Record(to_unicode=True, force_utf8=True)
    marc.leader = (
        marc.leader[:6] + "a" + ("s" if record.kind == MaterialKind.PERIODICAL else "m") + marc.leader[8:]
    )
    marc.leader = marc.leader[:9] + "a" + marc.leader[10:]  # UTF-8
    authors = sorted(record.authors.all(), key=lambda a: (a.sort_order or 0, a.pk or 0))
    fields = [
        _field("020", [("a", record.isbn)]),
        _field("022", [("a", record.issn), ("v", record.issue)]),
        _field("041", [("a", record.language)]),
    ]
    if record.scheme == Scheme.BBK19:
        fields.append(_field("084", [("a", record.classification), ("2", SCHEME_19)]))
    else:
        fields.append(_field("082", [("a", record.classification), ("2", "23")], ("0", "4")))
    fields.append(_field("090", [("a", record.classification), ("b", record.author_mark)]))
    for index, author in enumerate(authors):
        fields.append(
            _field(
                "100" if index == 0 else "700",
                [("a", author.name), ("e", author.get_role_display().lower())],
                ("0", " "),
            )
        )
    fields += [
        _field("245", [("a", record.title), ("b", record.subtitle)], ("1" if authors else "0", "0")),
        _field("250", [("a", record.edition)]),
        _field("264", [("a", record.place), ("b", record.publisher), ("c", record.year)], (" ", "1")),
        _field("300", [("a", f"{record.pages} tr." if record.pages else "")]),
        _field("520", [("a", record.summary)]),
        _field("521", [("a", f"Lớp {record.reading_grade}" if record.reading_grade else "")]),
    ]
    fields += [_field("653", [("a", subject)]) for subject in record.subject_list()]
    fields.append(_field("942", [("c", record.kind), ("h", record.call_number)]))
    for copy in sorted(record.copies.all(), key=lambda c: c.accession_number):
        fields.append(
            _field(
                "952",
                [
                    ("i", copy.accession_number),
                    ("p", copy.barcode),
                    ("d", copy.acquired_on.isoformat() if copy.acquired_on else ""),
                    ("e", copy.source),
                    ("x", copy.invoice),
                    ("g", copy.price),
                    ("c", copy.location),
                    ("o", record.call_number),
                    ("y", record.kind),
                    ("0", copy.withdrawn_on.isoformat() if copy.withdrawn_on else ""),
                    ("1", copy.lost_on.isoformat() if copy.lost_on else ""),
                    ("z", copy.withdrawal_note),
                ],
            )
        )
    for f in fields:
        if f is not None:
            marc.add_ordered_field(f)
    return marc


def export_iso2709(records):
    """Bytes of one ISO 2709 file (UTF-8) with every record."""
    return b"".join(record_to_marc(r).as_marc() for r in records)


def export_marcxml(records):
    """Bytes of one MARCXML collection with every record."""
    buffer = io.BytesIO()
    writer = XMLWriter(buffer)
    for record in records:
        writer.write(record_to_marc(record))
    writer.close(close_fh=False)
    return buffer.getvalue()


def _first(marc, tag, code):
    for f in marc.get_fields(tag):
        values = f.get_subfields(code)
        if values:
            return nfc(values[0]).strip()
    return ""


def _int(text):
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if digits else None


def _date(text):
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def marc_to_entry(marc, row):
    """One import ``Entry`` from a pymarc record; ``row`` numbers it for error messages (1-based)."""
    scheme = Scheme.BBK19 if marc.get_fields("084") and not marc.get_fields("082") else Scheme.DDC
    classification = _first(marc, "084" if scheme == Scheme.BBK19 else "082", "a") or _first(marc, "090", "a")
    kind = _first(marc, "942", "c")
    if kind not in MaterialKind.values:
        kind = MaterialKind.PERIODICAL if marc.leader[7:8] == "s" else MaterialKind.BOOK
    grade = _int(_first(marc, "521", "a"))
    fields = {
        "title": _first(marc, "245", "a").rstrip(" /:;"),
        "subtitle": _first(marc, "245", "b").rstrip(" /:;"),
        "publisher": _first(marc, "264", "b") or _first(marc, "260", "b"),
        "place": _first(marc, "264", "a") or _first(marc, "260", "a"),
        "year": _int(_first(marc, "264", "c") or _first(marc, "260", "c")),
        "edition": _first(marc, "250", "a"),
        "isbn": _first(marc, "020", "a").split(" ")[0],
        "issn": _first(marc, "022", "a"),
        "issue": _first(marc, "022", "v"),
        "language": (_first(marc, "041", "a") or "vie")[:3],
        "pages": _int(_first(marc, "300", "a")),
        "scheme": scheme,
        "classification": classification,
        "author_mark": _first(marc, "090", "b"),
        "call_number": _first(marc, "942", "h"),
        "subjects": "; ".join(
            nfc(v).strip() for f in marc.get_fields("650", "653") for v in f.get_subfields("a")
        ),
        "reading_grade": grade if grade and 1 <= grade <= 5 else None,
        "summary": _first(marc, "520", "a"),
        "kind": kind,
    }
    authors = []
    for f in marc.get_fields("100", "110", "700", "710"):
        name = nfc((f.get_subfields("a") or [""])[0]).strip().rstrip(",")
        role = ROLE_BY_LABEL.get(
            nfc((f.get_subfields("e") or [""])[0]).strip().lower().rstrip("."), "tac_gia"
        )
        if name:
            authors.append((name, role))
    copies = []
    for f in marc.get_fields("952"):
        accession = nfc((f.get_subfields("i") or [""])[0]).strip().upper()
        if not accession:
            continue
        get = lambda code, _f=f: nfc((_f.get_subfields(code) or [""])[0]).strip()  # noqa: E731
        copies.append(
            {
                "accession_number": accession,
                "barcode": get("p"),
                "acquired_on": _date(get("d")),
                "source": get("e"),
                "invoice": get("x"),
                "price": _int(get("g")),
                "location": get("c"),
                "withdrawn_on": _date(get("0")),
                "lost_on": _date(get("1")),
                "withdrawal_note": get("z"),
            }
        )
    return Entry(row=row, fields=fields, authors=authors, copies=copies)


def read_marc(name, data):
    """pymarc records from an ISO 2709 (.mrc) or MARCXML (.xml) upload, or ``ImportFailed``."""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if ext == "xml" or data.lstrip()[:5] == b"<?xml":
            records = parse_xml_to_array(io.BytesIO(data))
        elif ext in ("mrc", "marc", "iso", "iso2709"):
            reader = MARCReader(data, to_unicode=True, force_utf8=True)
            records = []
            for record in reader:
                if record is None:
                    # pymarc's own message is English ("Unable to locate end of record marker").
                    raise ImportFailed(
                        f"Bản ghi MARC thứ {len(records) + 1} bị hỏng (không đúng cấu trúc ISO 2709: độ dài, "
                        "danh mục trường hoặc dấu kết thúc bản ghi). Không có bản ghi nào được nhập."
                    )
                records.append(record)
        else:
            raise ImportFailed("Tệp MARC phải là .mrc (ISO 2709) hoặc .xml (MARCXML).")
    except ImportFailed:
        raise
    except Exception as exc:  # pymarc and the XML parser raise many kinds on damaged files
        raise ImportFailed(
            "Không đọc được tệp MARC: tệp hỏng hoặc không đúng định dạng ISO 2709 (.mrc) / MARCXML (.xml). "
            "Không có bản ghi nào được nhập."
        ) from exc
    if not records:
        raise ImportFailed("Tệp MARC không có bản ghi nào.")
    return records
