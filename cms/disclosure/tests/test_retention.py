"""Công khai keeps at least five school years (clarifications #14, TT 09/2024/TT-BGDĐT).

The back office refuses to delete or unpublish công khai of the last five school years, or to remove its
items, with a Vietnamese message; older years may go. Each test makes the year pages it needs.
"""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from cms.core.school_pages import school_page
from cms.disclosure.models import Category, DisclosureIndexPage, DisclosureItem, DisclosureYearPage
from cms.disclosure.retention import check_removal, current_start_year, is_protected

pytestmark = pytest.mark.django_db


def _index():
    index = school_page("cong_khai")
    return index.specific if index is not None else DisclosureIndexPage.objects.get()


def _document(title):
    document = get_document_model()(title=title)
    document.file.save("cong-khai-thu.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return document


def _year(start):
    """The live công khai page of the school year starting in ``start``, made (with one item) if missing."""
    name = f"{start}–{start + 1}"
    page = DisclosureYearPage.objects.filter(school_year=name).first()
    if page is None:
        page = DisclosureYearPage(
            title=f"Công khai năm học {name}",
            slug=f"nam-hoc-{start}-{start + 1}",
            school_year=name,
            items=[
                DisclosureItem(
                    category=Category.FINANCE,
                    title=f"Báo cáo quyết toán thu, chi năm {start + 1}",
                    document=_document(f"Quyết toán {start + 1}"),
                    published_on=date(start + 2, 3, 10),
                )
            ],
        )
        _index().add_child(instance=page)
    if not page.live:
        page.save_revision().publish()
    return DisclosureYearPage.objects.get(pk=page.pk)


def _messages(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def test_the_last_five_school_years_are_protected():
    assert not is_protected("2021–2022", today=date(2026, 11, 30))
    assert is_protected("2022–2023", today=date(2026, 11, 30))
    assert is_protected("2026–2027", today=date(2026, 11, 30))
    assert is_protected("2027–2028", today=date(2026, 11, 30))  # prepared ahead
    # From August 2027 (school year 2027–2028), 2022–2023 may go.
    assert not is_protected("2022–2023", today=date(2027, 8, 15))
    assert is_protected("2022–2023", today=date(2027, 7, 31))


def test_a_recent_year_cannot_be_deleted_but_an_old_one_can(client, login):
    current = current_start_year()
    recent, old = _year(current - 4), _year(current - 5)
    login("hieutruong")

    response = client.get(reverse("wagtailadmin_pages:delete", args=[recent.pk]))
    assert response.status_code == 302
    text = _messages(response)
    assert f"Không thể xoá công khai năm học {recent.school_year}" in text and "ít nhất 5 năm học" in text
    response = client.post(reverse("wagtailadmin_pages:delete", args=[recent.pk]))
    assert response.status_code == 302
    assert DisclosureYearPage.objects.filter(pk=recent.pk, live=True).exists()

    response = client.post(reverse("wagtailadmin_pages:delete", args=[old.pk]))
    assert response.status_code == 302
    assert not DisclosureYearPage.objects.filter(pk=old.pk).exists()


def test_a_recent_year_cannot_be_unpublished(client, login):
    recent = _year(current_start_year())
    login("hieutruong")
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[recent.pk]))
    assert response.status_code == 302
    assert "Không thể ngừng đăng công khai năm học" in _messages(response)
    recent.refresh_from_db()
    assert recent.live


def test_the_section_holding_recent_years_cannot_be_removed(client, login):
    _year(current_start_year())
    index = _index()
    with pytest.raises(ValidationError) as error:  # the rule itself, for any ancestor
        check_removal(index, "ngừng đăng")
    assert "Không thể ngừng đăng công khai năm học" in " ".join(error.value.messages)
    login("hieutruong")
    for name in ("wagtailadmin_pages:delete", "wagtailadmin_pages:unpublish"):
        response = client.post(reverse(name, args=[index.pk]), {"include_descendants": "on"})
        assert response.status_code == 302
        text = _messages(response)  # Wagtail's permission check or our rule, never a silent success
        assert "Không thể" in text or "không có quyền" in text, text
    assert Page.objects.get(pk=index.pk).live
    assert DisclosureYearPage.objects.live().child_of(index).exists()


def test_bulk_delete_and_unpublish_are_refused_too(client, login):
    recent = _year(current_start_year() - 1)
    login("hieutruong")
    for action in ("delete", "unpublish"):
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) + f"?id={recent.pk}"
        response = client.post(url, {"include_descendants": "on"})
        assert response.status_code == 302, action
        assert "Không thể" in _messages(response)
    recent.refresh_from_db()
    assert recent.live


def _edit_data(page, delete_first=False, **changes):
    items = []
    for item in page.items.all():
        row = {
            "id": item.pk,
            "category": item.category,
            "title": item.title,
            "document": item.document_id or "",
            "linked_page": item.linked_page_id or "",
            "published_on": item.published_on.strftime("%Y-%m-%d"),
            "note": item.note,
        }
        if delete_first and not items:
            row["DELETE"] = "1"
        items.append(row)
    data = {
        "title": page.title,
        "slug": page.slug,
        "school_year": page.school_year,
        "intro": page.intro,
        "items": inline_formset(items, initial=len(items)),
        "comments": inline_formset([]),
        **changes,
    }
    return nested_form_data(data)


def test_removing_an_item_of_a_recent_year_is_refused_with_a_message(client, login):
    recent = _year(current_start_year() - 2)
    count = recent.items.count()
    login("hieutruong")
    url = reverse("wagtailadmin_pages:edit", args=[recent.pk])
    response = client.post(url, {**_edit_data(recent, delete_first=True), "action-publish": "1"})
    assert response.status_code == 200
    assert "Không thể xoá nội dung công khai" in response.content.decode()
    assert DisclosureYearPage.objects.get(pk=recent.pk).items.count() == count

    # An item of an old year may be removed.
    old = _year(current_start_year() - 6)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[old.pk]),
        {**_edit_data(old, delete_first=True), "action-publish": "1"},
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    assert DisclosureYearPage.objects.get(pk=old.pk).items.count() == 0


def test_a_recent_year_cannot_be_scheduled_to_expire(client, login):
    recent = _year(current_start_year())
    login("hieutruong")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[recent.pk]),
        {**_edit_data(recent, expire_at="2027-01-01 08:00"), "action-publish": "1"},
    )
    assert response.status_code == 200
    assert "Không thể hẹn ngừng đăng công khai năm học" in response.content.decode()
    recent.refresh_from_db()
    assert recent.expire_at is None


def test_the_demo_has_the_current_year_and_the_four_before(site_dir):
    from cms.core.pdf import ensure_pdf_document as ensure_document
    from cms.disclosure.demo import seed_disclosure
    from cms.publishing import release
    from cms.publishing.builder import build_site

    seed_disclosure(school_page("home").specific, ensure_document)
    current = current_start_year()
    wanted = {f"{start}–{start + 1}" for start in range(current - 4, current + 1)}
    assert wanted <= set(DisclosureYearPage.objects.live().values_list("school_year", flat=True))

    build_site(trigger="test: công khai")
    listing = (release.current_dir() / "cong-khai" / "index.html").read_text(encoding="utf-8")
    for name in wanted:
        assert f"Năm học {name}" in listing
