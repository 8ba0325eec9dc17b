"""Static search in Debian's Chromium: Vietnamese queries with or without tone marks, đ folded, NFD input."""

import unicodedata

import pytest

from cms.publishing.builder import build_site
from tests.support.static_server import StaticSiteServer

from .helpers import new_article, publish

pytestmark = pytest.mark.django_db

TITLE = "Đội bóng đá lớp 5A giành giải nhất Hội khoẻ Phù Đổng"
OTHER = "Học sinh lớp 3B tham gia ngày hội đọc sách"


@pytest.fixture
def search_site(warm_renditions, site_dir):
    publish(
        new_article(
            TITLE,
            "doi-bong-da-lop-5a-giai-nhat",
            body="Các cầu thủ nhí của trường đã thi đấu xuất sắc trên sân cỏ nhân tạo của quận.",
        )
    )
    publish(new_article(OTHER, "hoc-sinh-lop-3b-doc-sach", "goc-hoc-sinh"))
    build_site(trigger="test: search")
    with StaticSiteServer() as base_url:
        yield base_url


def _search(page, base_url, query):
    page.goto(base_url + "/tim-kiem/")
    page.get_by_label("Nhập từ khoá").fill(query)
    page.get_by_role("button", name="Tìm").click()
    status = page.locator("#search-status")
    status.filter(has_text="kết quả").wait_for(timeout=15000)
    return status.inner_text(), page.locator("#search-results li a").all_inner_texts()


QUERIES = [
    "bong da",  # no tone marks, đ typed as d
    "bóng đá",  # as written
    unicodedata.normalize("NFD", "bóng đá"),  # decomposed input (macOS, some Unikey modes)
    "doi bong",  # Đội
    "DOI BONG DA",
    "phu dong",
]


def test_vietnamese_queries_find_the_article(chromium_browser, search_site):
    page = chromium_browser.new_page()
    try:
        for query in QUERIES:
            status, titles = _search(page, search_site, query)
            assert TITLE in titles, (query, status, titles)
            assert OTHER not in titles
    finally:
        page.close()


def test_search_page_reports_no_results_and_links_work(chromium_browser, search_site):
    page = chromium_browser.new_page()
    try:
        status, titles = _search(page, search_site, "xylophone")
        assert titles == [] and "Không tìm thấy" in status
        page.goto(search_site + "/tim-kiem/?q=" + "doi")
        page.locator("#search-results li a", has_text=TITLE).first.click()
        assert page.locator("h1").inner_text() == TITLE
    finally:
        page.close()
