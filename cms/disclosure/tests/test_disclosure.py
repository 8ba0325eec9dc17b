"""Công khai per school year: TT 09/2024 categories, one target per item, clear errors for bad input."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.core.factories import DocumentFactory
from cms.core.school_pages import school_page
from cms.disclosure.factories import DisclosureYearPageFactory
from cms.disclosure.models import (
    Category,
    DisclosureIndexPage,
    DisclosureItem,
    DisclosureYearPage,
    normalise_school_year,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def last_year():
    """Công khai 2025–2026 with one item in each of the four categories (two files, two pages)."""
    items = [
        DisclosureItem(
            category=Category.GENERAL, title="Thông tin chung", linked_page=school_page("gioi_thieu")
        ),
        DisclosureItem(category=Category.FINANCE, title="Dự toán thu chi", document=DocumentFactory()),
        DisclosureItem(category=Category.CONDITIONS, title="Cơ sở vật chất", document=DocumentFactory()),
        DisclosureItem(
            category=Category.QUALITY, title="Kế hoạch giáo dục", linked_page=school_page("lien_he")
        ),
    ]
    return DisclosureYearPageFactory(school_year="2025–2026", items=items)


def test_school_year_is_normalised_or_refused():
    assert normalise_school_year("2026-2027") == "2026–2027"
    assert normalise_school_year(" 2026 – 2027 ") == "2026–2027"
    for bad in ("2026-2028", "26-27", "năm nay"):
        with pytest.raises(ValidationError):
            normalise_school_year(bad)


def test_categories_follow_the_circular_order_and_keep_empty_ones():
    year = DisclosureYearPage.objects.get(school_year="2025–2026")
    categories = year.categories()
    assert [value for value, _, _ in categories] == ["general", "finance", "conditions", "quality"]
    assert all(items for _, _, items in categories)
    empty = DisclosureYearPage(school_year="2026–2027")
    assert [items for _, _, items in empty.categories()] == [[], [], [], []]


def test_an_item_needs_exactly_one_document_or_page():
    year = DisclosureYearPage.objects.get(school_year="2025–2026")
    item = DisclosureItem(page=year, category=Category.FINANCE, title="Dự toán thu chi")
    with pytest.raises(ValidationError, match="đúng một tệp văn bản hoặc một trang"):
        item.clean()
    item.linked_page = year
    item.clean()
    item.document = year.items.exclude(document=None).first().document
    with pytest.raises(ValidationError):
        item.clean()


def _year_form(school_year):
    return nested_form_data(
        {
            "title": f"Công khai năm học {school_year}",
            "slug": "cong-khai-thu",
            "school_year": school_year,
            "intro": "",
            "items": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


def test_admin_refuses_a_wrong_school_year_with_a_vietnamese_message(client, django_user_model):
    admin = django_user_model.objects.create_superuser("bgh-test", "bgh@example.com", "mat-khau-thu-nghiem")
    client.force_login(admin)
    index = DisclosureIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=("disclosure", "disclosureyearpage", index.pk))
    response = client.post(url, _year_form("2026-2028"))
    assert response.status_code == 200
    assert "Năm học phải có dạng 2025-2026" in response.content.decode()
    assert not DisclosureYearPage.objects.filter(slug="cong-khai-thu").exists()

    response = client.post(url, _year_form("2025-2026"))
    assert response.status_code == 200
    assert "Đã có trang công khai năm học 2025–2026" in response.content.decode()

    response = client.post(url, _year_form("2027-2028"))
    assert response.status_code == 302
    assert DisclosureYearPage.objects.get(slug="cong-khai-thu").school_year == "2027–2028"
