"""The librarian in Chromium: catalogue a book with two copies, lend one to a pupil of 3A and take it back;
a reader then finds the book on the built public site by a query typed without diacritics."""

import re

import pytest
from django.urls import reverse

from cms.library.models import BibliographicRecord, Loan
from cms.publishing.builder import build_site
from tests.support.static_server import StaticSiteServer

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Điều kỳ diệu ở đảo Rùa"
QUERY = "dieu ky dieu o dao rua"  # typed without tone marks, đ as d


@pytest.fixture
def no_background_builds(monkeypatch):
    """Builds are run by the test itself ("the next build"), not by the server thread after each save."""
    monkeypatch.setattr("cms.publishing.builder._enqueue", lambda: None)


def test_librarian_catalogues_lends_returns_and_a_reader_finds_the_book(
    chromium_browser, live_server, site_dir, no_background_builds
):
    page = chromium_browser.new_page()
    page.set_default_timeout(30000)
    try:
        page.goto(live_server.url + "/admin/login/")
        page.fill("input[name=username]", "thuthu")
        page.fill("input[name=password]", "truong-hoc-2026")
        page.click("button[type=submit]")
        page.wait_for_url(lambda url: "/admin/login/" not in url)

        # Catalogue the book with two copies.
        page.goto(live_server.url + reverse("library_bibliographicrecord_modeladmin_create"))
        page.fill("input[name=title]", TITLE)
        page.click("#id_authors-ADD")
        page.fill("input[name='authors-0-name']", "Nguyễn Thị Đọc Thử")
        page.fill("input[name=publisher]", "NXB Kim Đồng")
        page.fill("input[name=year]", "2025")
        page.fill("input[name=isbn]", "978-604-2-12345-7")
        page.fill("input[name=classification]", "895.9223")
        page.fill("input[name=subjects]", "Truyện thiếu nhi; Biển đảo")
        page.click("#id_copies-ADD")
        page.fill("input[name='copies-0-accession_number']", "BT-0001")
        page.click("#id_copies-ADD")
        page.fill("input[name='copies-1-accession_number']", "BT-0002")
        page.get_by_role("button", name=re.compile("Lưu|Save")).last.click()
        page.wait_for_url(re.compile(r"/admin/library/bibliographicrecord/$"))
        assert TITLE in page.content()
        record = BibliographicRecord.objects.get(title=TITLE)
        assert record.isbn == "9786042123457" and record.copies.count() == 2
        assert record.call_number == "895.9223 THU"

        # Lend one copy to a pupil of 3A at the desk, then take it back.
        page.goto(live_server.url + reverse("library_desk"))
        page.select_option("#lop", "3A")
        page.get_by_role("button", name="Xem lớp").click()
        page.wait_for_url(re.compile(r"lop=3A"))
        options = page.locator("#reader option")
        pupil_label = options.nth(1).inner_text()
        page.select_option("#reader", index=1)
        page.fill("#muon-identifier", "bt-0001")  # typed in lower case
        page.get_by_role("button", name="Cho mượn").click()
        page.wait_for_selector(".messages")
        assert "Đã cho" in page.content() and "BT-0001" in page.locator("[data-open-loans]").inner_text()
        loan = Loan.objects.get(copy__accession_number="BT-0001")
        assert loan.reader.class_name == "3A" and loan.reader.full_name in pupil_label
        page.fill("#tra-identifier", "BT-0001")
        page.get_by_role("button", name="Nhận trả").click()
        page.wait_for_selector("text=Đã nhận trả bản BT-0001")
        loan.refresh_from_db()
        assert loan.returned_on is not None
    finally:
        page.close()

    # The next build publishes the record; a reader searches without diacritics and opens it.
    build_site(trigger="test: library")
    reader = chromium_browser.new_page()
    try:
        with StaticSiteServer() as base_url:
            reader.goto(base_url + "/thu-vien/")
            reader.fill("#library-q", QUERY)
            reader.get_by_role("button", name="Tìm").click()
            link = reader.locator("#search-results a", has_text=TITLE)
            link.first.wait_for(timeout=30000)
            link.first.click()
            reader.wait_for_selector("h1")
            assert reader.locator("h1").inner_text() == TITLE
            assert reader.locator("#availability").inner_text() == "Có sẵn 2/2 bản"
            assert pupil_label.split(" – ")[0] not in reader.content()  # no reader data on the public page
    finally:
        reader.close()
