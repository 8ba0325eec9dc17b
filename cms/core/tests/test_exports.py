"""Formula injection in every export: the one helper and every view that writes CSV or XLSX."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from cms.core.exports import csv_response, neutralise, xlsx_bytes
from cms.documents.models import OfficialDocumentPage
from cms.notices.models import NoticePage

FORMULAS = [
    '=HYPERLINK("http://evil.example","Bấm vào")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_like_text_gets_an_apostrophe(value):
    assert neutralise(value) == "'" + value


def test_other_values_stay_typed():
    day = datetime.date(2026, 11, 30)
    moment = timezone.now()
    for value in (3, -3, 2.5, Decimal("-1.5"), day, moment, True, None, "Nguyễn Văn A", "", "a=b"):
        assert neutralise(value) == value


def test_xlsx_cells_are_text_numbers_and_dates():
    data = xlsx_bytes(
        ["Tên", "Số", "Ngày"],
        [[FORMULAS[0], 7, datetime.date(2026, 3, 2)], ["-5", -5, None]],
        sheet_title="Tháng 3/2026: [báo cáo]",
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "'" + FORMULAS[0]
    assert sheet["B2"].value == 7 and sheet["B3"].value == -5
    assert sheet["C2"].value == datetime.datetime(2026, 3, 2) and sheet["C2"].number_format == "dd/mm/yyyy"
    assert sheet["A3"].value == "'-5"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_csv_has_a_bom_and_neutralised_cells():
    response = csv_response("báo cáo.csv", ["Tên"], [[FORMULAS[0]], [datetime.date(2026, 3, 2)]])
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["Tên"], ["'" + FORMULAS[0]], ["02/03/2026"]]
    assert "filename*=UTF-8''b%C3%A1o%20c%C3%A1o.csv" in response["Content-Disposition"]


def _csv_rows(response):
    assert response.status_code == 200, response.status_code
    raw = response.content if not response.streaming else b"".join(response.streaming_content)
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _xlsx_values(response):
    assert response.status_code == 200, response.status_code
    raw = response.content if not response.streaming else b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(raw)).active
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)
    return [value for row in sheet.iter_rows(values_only=True) for value in row]


EVIL = '=HYPERLINK("http://evil.example","Bấm")'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "url_name"),
    [
        (OfficialDocumentPage, "documents_officialdocumentpage_modeladmin_index"),
        (NoticePage, "notices_noticepage_modeladmin_index"),
    ],
)
def test_modeladmin_exports_neutralise_titles(client, login, model, url_name):
    page = model.objects.first()
    model.objects.filter(pk=page.pk).update(title=EVIL)
    login("hieutruong")
    rows = _csv_rows(client.get(reverse(url_name), {"export": "csv"}))
    assert any("'" + EVIL in row for row in rows)
    assert not any(cell.startswith("=") for row in rows for cell in row)
    values = _xlsx_values(client.get(reverse(url_name), {"export": "xlsx"}))
    assert "'" + EVIL in values


@pytest.mark.django_db
def test_writing_plan_report_neutralises_a_renamed_person(client, login):
    from cms.news.models import SectionPage
    from editorial.planning.tests.test_planning import _make_march

    _make_march(
        (
            SectionPage.objects.get(slug="hoat-dong-chuyen-mon"),
            SectionPage.objects.get(slug="hoat-dong-doi-cong-doan"),
        )
    )
    get_user_model().objects.filter(username="giaovien1").update(first_name=EVIL, last_name="")
    login("hieutruong")
    url = reverse("planning_monthly_report")
    rows = _csv_rows(client.get(url, {"thang": "2026-03", "theo": "nguoi", "xuat": "csv"}))
    cells = [cell for row in rows for cell in row]
    assert "'" + EVIL in " ".join(cells)
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    values = _xlsx_values(client.get(url, {"thang": "2026-03", "theo": "nguoi", "xuat": "xlsx"}))
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values)
    assert 3 in values or 1 in values  # counts stay numbers


@pytest.mark.django_db
def test_wagtail_report_exports_neutralise_too(client, login):
    page = NoticePage.objects.live().first()
    NoticePage.objects.filter(pk=page.pk).update(title=EVIL)
    login("hieutruong")
    for export in ("csv", "xlsx"):
        response = client.get(reverse("wagtailadmin_reports:aging_pages"), {"export": export})
        if response.status_code == 403:
            pytest.skip("the principal has no access to Wagtail's reports")
        values = _xlsx_values(response) if export == "xlsx" else [c for r in _csv_rows(response) for c in r]
        assert "'" + EVIL in values
