"""Each validation rule, through the admin add form: a Vietnamese message on the field and nothing saved."""

import io
import unicodedata
import zipfile
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from wagtail.documents import get_document_model

from cms.core.pdf import minimal_pdf
from cms.documents.factories import OfficialDocumentPageFactory, school_issuer
from cms.documents.factories import issuer as issuer_of
from cms.documents.models import OfficialDocumentPage, check_symbol

from .helpers import add_url, document_form, text

pytestmark = pytest.mark.django_db


def _post(client, login, **overrides):
    login("vanthu")
    before = OfficialDocumentPage.objects.count()
    response = client.post(add_url(), document_form(**overrides))
    return response, OfficialDocumentPage.objects.count() - before


def _assert_refused(response, created, message):
    assert response.status_code == 200, response.status_code
    assert created == 0
    body = text(response)
    assert "Không thể tạo trang do có lỗi" in body or "error-message" in body
    assert message in body


def test_valid_form_is_saved_as_draft(client, login):
    response, created = _post(client, login)
    assert response.status_code == 302
    assert created == 1
    doc = OfficialDocumentPage.objects.get(number_symbol="58/QĐ-THNK")
    assert not doc.live
    assert doc.issue_year == 2026


def test_symbol_must_carry_the_type_abbreviation(client, login):
    response, created = _post(client, login, number_symbol="58/KH-THNK")
    expected = "Ký hiệu phải bắt đầu bằng chữ viết tắt của loại văn bản “Quyết định” là QĐ"
    _assert_refused(response, created, expected)


def test_symbol_must_match_the_issuer(client, login):
    response, created = _post(client, login, number_symbol="58/QĐ-PGDĐT")
    _assert_refused(response, created, "Ký hiệu không khớp cơ quan ban hành Trường TH Nguyễn Khuyến")


def test_circular_symbol_must_carry_the_year(client, login):
    bgd = issuer_of("BGDĐT")
    circular = {"doc_type": "thong-tu", "issuer": bgd.pk, "issue_date": "2026-03-02"}
    response, created = _post(client, login, number_symbol="12/TT-BGDĐT", **circular)
    _assert_refused(response, created, "số, ký hiệu phải có năm ban hành")


def test_effective_date_before_issue_date_is_refused(client, login):
    response, created = _post(client, login, effective_from="2026-11-19")
    _assert_refused(response, created, "Ngày có hiệu lực không được trước ngày ban hành.")
    response, created = _post(client, login, effective_from="", effective_to="2026-11-01")
    _assert_refused(response, created, "Ngày hết hiệu lực không được trước ngày ban hành.")


def test_number_used_twice_in_a_year_by_one_issuer_is_refused(client, login):
    OfficialDocumentPageFactory(number_symbol="40/QĐ-THNK", issue_date=date(2023, 9, 24))
    response, created = _post(client, login, number_symbol="40/QĐ-THNK", issue_date="2023-12-01")
    expected = "Số, ký hiệu 40/QĐ-THNK đã được Trường TH Nguyễn Khuyến dùng trong năm 2023"
    _assert_refused(response, created, expected)
    # Numbers restart each year: the same number in 2026 is fine.
    response, created = _post(client, login, number_symbol="40/QĐ-THNK", issue_date="2026-11-20")
    assert response.status_code == 302 and created == 1


def test_database_refuses_a_duplicate_that_skipped_validation():
    """Two saves racing past clean() cannot both succeed: the unique constraint stops the second."""
    OfficialDocumentPageFactory(number_symbol="77/QĐ-THNK", issue_date=date(2026, 2, 1))
    second = OfficialDocumentPageFactory(number_symbol="78/QĐ-THNK", issue_date=date(2026, 12, 1))
    # As if clean() had run before the first one was saved: only the database can refuse now.
    second.number_symbol = "77/QĐ-THNK"
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save(clean=False)


def test_text_is_stored_nfc_and_symbol_normalised(client, login):
    nfd_summary = unicodedata.normalize("NFD", "Về việc thành lập Tổ kiểm tra nội bộ")
    response, created = _post(client, login, summary=nfd_summary, number_symbol=" 58 / qđ-thnk ")
    assert response.status_code == 302 and created == 1
    doc = OfficialDocumentPage.objects.get(number_symbol="58/QĐ-THNK")
    assert doc.summary == unicodedata.normalize("NFC", nfd_summary)
    assert "to kiem tra noi bo" in doc.search_folded


def _document(name, content):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_file_content_must_match_its_extension(client, login):
    fake = _document("anh-doi-ten.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100)
    response, created = _post(client, login, files=[{"document": fake.pk, "label": "Bản ký"}])
    _assert_refused(response, created, "Nội dung tệp “anh-doi-ten.pdf” không phải là tệp .pdf hợp lệ")


def test_file_type_outside_the_list_is_refused(client, login):
    odt = _document("bien-ban.odt", b"PK\x03\x04" + b"0" * 100)
    response, created = _post(client, login, files=[{"document": odt.pk, "label": ""}])
    _assert_refused(response, created, "chỉ nhận tệp PDF, DOC/DOCX, XLS/XLSX")


def test_real_pdf_and_docx_are_accepted(client, login):
    pdf = _document("quyet-dinh-58.pdf", minimal_pdf(["Quyet dinh 58/QD-THNK"]))
    docx = _document("phu-luc.docx", _docx_bytes())
    files = [{"document": pdf.pk, "label": "Bản ký"}, {"document": docx.pk, "label": "Phụ lục"}]
    response, created = _post(client, login, files=files)
    assert response.status_code == 302 and created == 1
    doc = OfficialDocumentPage.objects.get(number_symbol="58/QĐ-THNK")
    assert [f.label for f in doc.files.all()] == ["Bản ký", "Phụ lục"]


@pytest.mark.parametrize(
    ("symbol", "doc_type", "issuer", "ok"),
    [
        ("39/QĐ-THNK", "quyet-dinh", "THNK", True),
        ("139/PGDĐT-TH", "cong-van", "PGDĐT", True),  # công văn: no type abbreviation
        ("139/CV-PGDĐT", "cong-van", "PGDĐT", True),  # common variant, tolerated
        ("45/UBND-VP", "cong-van", "UBND", True),
        ("37/2020/TT-BGDĐT", "thong-tu", "BGDĐT", True),
        ("5/QĐ-THNK", "quyet-dinh", "THNK", False),  # numbers below 10 are written 01…09
        ("39/QC-THNK", "quyet-dinh", "THNK", False),
        ("39/PGDĐT-TH", "cong-van", "THNK", False),
        ("37/2021/TT-BGDĐT", "thong-tu", "BGDĐT", False),  # year differs from the issue date
        ("QĐ-THNK", "quyet-dinh", "THNK", False),
    ],
)
def test_symbol_rules(symbol, doc_type, issuer, ok):
    body = school_issuer() if issuer == "THNK" else issuer_of(issuer)
    result = check_symbol(symbol, doc_type, body, date(2020, 10, 5))
    assert (result is None) is ok, result
