"""The "Văn bản" admin section: filters, search, XLSX/CSV export in Vietnamese, refusal for teachers."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from cms.documents.factories import small_register
from cms.notices.factories import NoticePageFactory

pytestmark = pytest.mark.django_db

INDEX = "documents_officialdocumentpage_modeladmin_index"
NOTICES_INDEX = "notices_noticepage_modeladmin_index"


@pytest.fixture(autouse=True)
def register():
    """``small_register()`` beside the world's decision, and a notice for parents."""
    small_register()
    hfmd = "Hướng dẫn phòng, chống bệnh tay chân miệng trong trường học"
    NoticePageFactory(title=hfmd, audience="phu-huynh")


def test_principal_exports_the_register_as_csv_with_bom(client, login):
    login("hieutruong")
    response = client.get(reverse(INDEX), {"export": "csv"})
    assert response.status_code == 200
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # Excel then reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Số, ký hiệu", "Loại văn bản", "Ngày ban hành", "Cơ quan ban hành"]
    by_symbol = {row[0]: row for row in rows[1:]}
    assert by_symbol["39/QĐ-THNK"][1:4] == ["Quyết định", "01/10/2026", "Trường TH Nguyễn Khuyến"]
    assert by_symbol["45/PGDĐT-TH"][rows[0].index("Tình trạng hiệu lực")] == "Hết hiệu lực"


def test_office_exports_a_filtered_xlsx(client, login):
    login("vanthu")
    response = client.get(reverse(INDEX), {"export": "xlsx", "doc_type": "thong-tu"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Số, ký hiệu"
    assert sorted(r[0] for r in rows[1:]) == ["28/2020/TT-BGDĐT", "37/2020/TT-BGDĐT"]


def test_list_filters_and_folded_search(client, login):
    login("quantri")
    response = client.get(reverse(INDEX), {"hieu_luc": "het-hieu-luc"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "45/PGDĐT-TH" in body and "39/QĐ-THNK" not in body
    response = client.get(reverse(INDEX), {"nam": "2020"})
    body = response.content.decode()
    assert "37/2020/TT-BGDĐT" in body and "139/PGDĐT-TH" not in body
    # No tone marks, đ typed as d: still finds "bảo đảm an toàn thông tin".
    response = client.get(reverse(INDEX), {"q": "bao dam an toan"})
    body = response.content.decode()
    assert "2150/UBND-VP" in body and "39/QĐ-THNK" not in body


@pytest.mark.parametrize("url_name", [INDEX, NOTICES_INDEX])
def test_teacher_cannot_see_or_export_the_sections(client, login, url_name):
    login("giaovien1")
    for params in ({}, {"export": "csv"}, {"export": "xlsx"}):
        response = client.get(reverse(url_name), params)
        assert response.status_code in (302, 403)
        assert not response.get("Content-Disposition")
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(url_name) not in home


def test_notice_export_for_portal_admin(client, login):
    login("quantri")
    response = client.get(reverse(NOTICES_INDEX), {"export": "csv", "audience": "phu-huynh"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Tiêu đề", "Ngày thông báo", "Bộ phận thông báo", "Đối tượng"]
    assert {row[3] for row in rows[1:]} == {"Phụ huynh"}
    assert "Hướng dẫn phòng, chống bệnh tay chân miệng trong trường học" in {row[0] for row in rows[1:]}


def test_office_opens_the_section_and_a_document_editor(client, login):
    from cms.documents.models import OfficialDocumentPage

    login("vanthu")
    response = client.get(reverse(INDEX))
    assert response.status_code == 200
    body = response.content.decode()
    assert "39/QĐ-THNK" in body and "năm ban hành" in body  # the year filter
    doc = OfficialDocumentPage.objects.get(number_symbol="39/QC-THNK")
    response = client.get(reverse("wagtailadmin_pages:edit", args=(doc.pk,)))
    assert response.status_code == 200
    assert "Số, ký hiệu" in response.content.decode()
