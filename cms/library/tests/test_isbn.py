"""ISBN validation and normalisation (python-stdnum): check digits, hyphens, ISBN-10 ↔ 13."""

import pytest
from django.core.exceptions import ValidationError

from cms.library.isbn import format_isbn, isbn10, isbn13_with_check_digit, normalise_isbn, normalise_issn
from cms.library.models import BibliographicRecord


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("978-604-2-12345-7", "9786042123457"),  # hyphenated ISBN-13
        ("9786042123457", "9786042123457"),
        (" 978 604 2 12345 7 ", "9786042123457"),  # spaces from a scanner or paste
        ("0-306-40615-2", "9780306406157"),  # ISBN-10 becomes ISBN-13
        ("0306406152", "9780306406157"),
        ("080442957X", "9780804429573"),  # X check digit
        ("", ""),  # optional: donations and local material
    ],
)
def test_good_isbns_are_normalised_to_isbn13(raw, expected):
    assert normalise_isbn(raw) == expected


@pytest.mark.parametrize(
    "raw, code",
    [
        ("978-604-2-12345-1", "isbn_checksum"),  # wrong ISBN-13 check digit
        ("0-306-40615-3", "isbn_checksum"),  # wrong ISBN-10 check digit
        ("12345", "isbn_length"),
        ("97860421234X5", "isbn_format"),
    ],
)
def test_bad_isbns_are_refused_with_a_vietnamese_message(raw, code):
    with pytest.raises(ValidationError) as info:
        normalise_isbn(raw)
    assert info.value.code == code
    assert "ISBN" in info.value.messages[0]


def test_isbn13_back_to_isbn10_and_display():
    assert isbn10("9780306406157") == "0306406152"
    assert isbn10("9791234567896") == ""  # 979 numbers have no ISBN-10
    assert format_isbn("9786042123457") == "978-604-2-12345-7"
    assert normalise_isbn(isbn13_with_check_digit("978604012345")).startswith("978604012345")


def test_issn_is_checked():
    assert normalise_issn("0378-5955") == "0378-5955"
    with pytest.raises(ValidationError):
        normalise_issn("0378-5954")


@pytest.mark.django_db
def test_record_clean_reports_the_isbn_field():
    record = BibliographicRecord(title="Sách có ISBN sai", isbn="978-604-2-12345-1")
    with pytest.raises(ValidationError) as info:
        record.full_clean()
    assert "isbn" in info.value.message_dict


@pytest.mark.django_db
def test_periodicals_need_an_issn():
    record = BibliographicRecord(title="Tạp chí Khăn quàng đỏ", kind="bao_tap_chi", issue="12")
    with pytest.raises(ValidationError) as info:
        record.full_clean()
    assert "issn" in info.value.message_dict
    record.issn = "0378-5955"
    record.full_clean()
