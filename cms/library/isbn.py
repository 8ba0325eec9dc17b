"""ISBN and ISSN checks (python-stdnum, offline).

``normalise_isbn("978-604-2-12345-7")`` returns the compact ISBN-13 ("9786042123457"); ISBN-10 input is
converted to ISBN-13 (the form MARC 020 and our search use); an empty value stays empty (ISBN is optional:
donations and local material have none). A wrong check digit, length or character raises
``ValidationError`` with a Vietnamese message.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn
from stdnum import issn as stdnum_issn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength
from stdnum.exceptions import ValidationError as StdnumError


def normalise_isbn(value):
    """Return ``value`` as a compact ISBN-13, or "" when empty; Django ``ValidationError`` if invalid."""
    raw = (value or "").strip()
    if not raw:
        return ""
    try:
        compact = stdnum_isbn.validate(raw)
    except InvalidChecksum as exc:
        raise DjangoValidationError(
            f"ISBN “{raw}” sai số kiểm tra (chữ số cuối). Vui lòng đối chiếu lại với mã in trên sách.",
            code="isbn_checksum",
        ) from exc
    except InvalidLength as exc:
        raise DjangoValidationError(
            f"ISBN “{raw}” phải có 10 hoặc 13 chữ số (được phép có dấu gạch ngang).", code="isbn_length"
        ) from exc
    except (InvalidFormat, InvalidComponent, StdnumError) as exc:
        raise DjangoValidationError(
            f"ISBN “{raw}” không hợp lệ: chỉ gồm chữ số, dấu gạch ngang và có thể X ở cuối ISBN-10.",
            code="isbn_format",
        ) from exc
    return stdnum_isbn.to_isbn13(compact)


def format_isbn(value):
    """Hyphenated ISBN for display ("978-604-2-12345-0"); the compact value if the ranges are unknown."""
    if not value:
        return ""
    try:
        return stdnum_isbn.format(value)
    except StdnumError:
        return value


def isbn10(value):
    """The ISBN-10 form of a 978- ISBN-13, or "" when there is none (979- numbers have no ISBN-10)."""
    try:
        return stdnum_isbn.to_isbn10(value) if value else ""
    except StdnumError:
        return ""


def normalise_issn(value):
    """Return ``value`` as "1234-5679", "" when empty; raise Django ``ValidationError`` if invalid."""
    raw = (value or "").strip()
    if not raw:
        return ""
    try:
        return stdnum_issn.format(stdnum_issn.validate(raw))
    except StdnumError as exc:
        raise DjangoValidationError(
            f"ISSN “{raw}” không hợp lệ (8 ký tự, số kiểm tra cuối).", code="issn"
        ) from exc


def isbn13_with_check_digit(first12):
    """Complete 12 digits into a valid ISBN-13 (used by the demo to make real-looking numbers)."""
    return first12 + stdnum_ean.calc_check_digit(first12)


def isbn_query(text):
    """The compact ISBN-13 a search query stands for ("978-604-2-11873-6", "9786042118736", an ISBN-10 with
    or without hyphens), or "" when the query is not one valid ISBN. Lets a search match the stored form."""
    raw = (text or "").strip()
    if not raw or len(raw) > 20 or not all(c.isdigit() or c in "-xX " for c in raw):
        return ""
    try:
        return stdnum_isbn.to_isbn13(stdnum_isbn.validate(raw))
    except StdnumError:
        return ""


def isbn_search_forms(value):
    """Every written form of a stored ISBN-13 (compact and hyphenated, 13 and 10 digits), for search text."""
    if not value:
        return []
    forms = [value, format_isbn(value)]
    ten = isbn10(value)
    if ten:
        forms += [ten, format_isbn(ten)]
    return list(dict.fromkeys(forms))
