"""The librarian's section: folded search, filters, inspect view, constant query count per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.library.factories import ReaderFactory, RecordFactory
from cms.library.loans import check_out

pytestmark = pytest.mark.django_db
INDEX = "library_bibliographicrecord_modeladmin_index"


def _menu_labels(user):
    from django.test import RequestFactory
    from wagtail.admin.menu import admin_menu

    request = RequestFactory().get("/admin/")
    request.user = user
    labels = []
    for item in admin_menu.menu_items_for_request(request):
        labels.append(item.label)
        submenu = getattr(item, "menu", None)
        if submenu is not None:
            labels += [sub.label for sub in submenu.menu_items_for_request(request)]
    return labels


def test_librarian_has_the_section_and_others_do_not(client, login):
    librarian = login("thuthu")
    labels = _menu_labels(librarian)
    for label in ("Thư viện", "Biên mục", "Bạn đọc", "Mượn/trả", "Nhập/xuất, sổ đăng ký", "Học liệu"):
        assert label in labels
    assert client.get(reverse(INDEX)).status_code == 200
    teacher = login("giaovien1")
    assert "Thư viện" not in _menu_labels(teacher)
    assert client.get(reverse(INDEX)).status_code in (302, 403)
    # A homeroom teacher sees the section for the overdue list of their class only.
    homeroom = login("gvcn1a")
    labels = _menu_labels(homeroom)
    assert "Quá hạn theo lớp" in labels and "Mượn/trả" not in labels and "Biên mục" not in labels


def test_search_ignores_tone_marks_and_folds_d(client, login):
    login("thuthu")
    RecordFactory(title="Đất rừng phương Nam kỳ thú", author="Đoàn Giỏi")
    RecordFactory(title="Một cuốn sách khác hẳn")
    for query in ("dat rung phuong nam ky", "ĐẤT RỪNG", "doan gioi"):
        html = client.get(reverse(INDEX), {"q": query}).content.decode()
        assert "Đất rừng phương Nam kỳ thú" in html, query
        assert "Một cuốn sách khác hẳn" not in html


def test_copies_are_found_by_accession_number_or_barcode(client, login):
    """The librarian types the số ĐKCB or scans the barcode into the copies' search: that copy comes up."""
    login("thuthu")
    wanted = RecordFactory(title="Dế Mèn phiêu lưu ký bản thử", copies=2)
    RecordFactory(title="Một cuốn sách khác hẳn")
    first, second = wanted.copies.order_by("sort_order")
    second.barcode = "TV00009999"
    second.save()
    url = reverse("library_copy_modeladmin_index")
    html = client.get(url, {"q": first.accession_number.lower()}).content.decode()
    assert first.accession_number in html and second.accession_number not in html
    html = client.get(url, {"q": "tv00009999"}).content.decode()
    assert second.accession_number in html and first.accession_number not in html
    html = client.get(url, {"q": "de men phieu luu"}).content.decode()  # titles still searched, folded
    assert first.accession_number in html and second.accession_number in html
    assert "Một cuốn sách khác hẳn" not in html


def test_filters_by_copy_status_and_class(client, login):
    login("thuthu")
    lent = RecordFactory(title="Sách đang cho mượn thử", classification="500")
    RecordFactory(title="Sách còn trên giá thử", classification="895.9223")
    check_out(lent.copies.get().accession_number, ReaderFactory())
    html = client.get(reverse(INDEX), {"tinh_trang": "dang_muon"}).content.decode()
    assert "Sách đang cho mượn thử" in html and "Sách còn trên giá thử" not in html
    html = client.get(reverse(INDEX), {"phan_loai": "8"}).content.decode()
    assert "Sách còn trên giá thử" in html and "Sách đang cho mượn thử" not in html


def test_inspect_view_lists_copies_and_loans(client, login):
    login("thuthu")
    record = RecordFactory(copies=2)
    reader = ReaderFactory(full_name="Trần Thị Bạn Đọc")
    first = record.copies.order_by("accession_number").first()
    check_out(first.accession_number, reader)
    html = client.get(
        reverse("library_bibliographicrecord_modeladmin_inspect", args=[record.pk])
    ).content.decode()
    for copy in record.copies.all():
        assert copy.accession_number in html
    assert "Trần Thị Bạn Đọc" in html and "Đang cho mượn" in html


@pytest.mark.parametrize("view", [INDEX, "library_copy_modeladmin_index", "library_loan_modeladmin_index"])
def test_list_pages_use_a_constant_number_of_queries(client, login, view):
    """Two sizes of result page, the same number of queries (no query per row)."""
    login("thuthu")

    def count_for(n):
        for _ in range(n):
            record = RecordFactory(copies=2)
            check_out(record.copies.first().accession_number, ReaderFactory())
        client.get(reverse(view))  # warm caches (permissions, settings)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(view)).status_code == 200
        return len(ctx.captured_queries)

    small = count_for(3)
    large = count_for(12)
    assert small == large


def _record_form(copies):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    return nested_form_data(
        {
            "kind": "sach",
            "title": "Sách kiểm tra số ĐKCB",
            "language": "vie",
            "scheme": "ddc",
            "authors": inline_formset([{"name": "Tô Hoài", "role": "tac_gia"}]),
            "copies": inline_formset([{"accession_number": a, "barcode": ""} for a in copies]),
        }
    )


def test_record_form_refuses_taken_or_repeated_accession_numbers_with_a_message(client, login):
    from cms.library.models import BibliographicRecord

    login("thuthu")
    taken = RecordFactory().copies.get().accession_number
    url = reverse("library_bibliographicrecord_modeladmin_create")
    for copies, message in (([taken], "đã có trong thư viện"), (["DUP-1", "dup-1"], "bị nhập hai lần")):
        response = client.post(url, _record_form(copies))
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not BibliographicRecord.objects.filter(title="Sách kiểm tra số ĐKCB").exists()
    response = client.post(url, _record_form(["OK-1", "OK-2"]))
    assert response.status_code == 302
    record = BibliographicRecord.objects.get(title="Sách kiểm tra số ĐKCB")
    assert record.copies.count() == 2 and "to hoai" in record.search_folded and record.author_mark == "HOA"
