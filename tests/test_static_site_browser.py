"""The built static site opens in a real browser: home, section and article pages link together."""

import pytest

# The site is built inside the test's transaction; the server thread only reads files.
pytestmark = pytest.mark.django_db


def test_home_links_to_section_and_article(chromium_browser, static_site_url):
    page = chromium_browser.new_page()
    try:
        page.goto(static_site_url + "/")
        assert page.locator("html").get_attribute("lang") == "vi"
        # The world's article is in "Tin tức – Sự kiện" (tests/support/world.py).
        page.get_by_role("navigation", name="Chuyên mục").get_by_role(
            "link", name="Tin tức – Sự kiện"
        ).click()
        assert page.locator("h1").inner_text() == "Tin tức – Sự kiện"
        first = page.locator(".card h3 a").first
        title = first.inner_text()
        first.click()
        assert page.locator("h1").inner_text() == title
        response = page.goto(static_site_url + "/khong-co-trang-nay/")
        assert response.status == 404
        assert "Không tìm thấy trang" in page.content()
    finally:
        page.close()


def test_a_search_page_left_open_keeps_working_after_a_publish(chromium_browser, static_site_url):
    """A year's index lives in a folder named after its version: a publish replaces it while a visitor's
    search page is open. The next search reads the new index instead of failing on the old folder."""
    from cms.publishing.builder import build_pending
    from cms.publishing.tests.helpers import new_article, publish

    page = chromium_browser.new_page()
    try:
        page.goto(static_site_url + "/tim-kiem/")
        box = page.get_by_role("searchbox")
        box.fill("khai giảng quokka")
        box.press("Enter")
        page.wait_for_selector("#search-status[data-done]")
        assert "Không tìm thấy" in page.locator("#search-status").inner_text()

        publish(new_article("Khai giảng quokka năm học mới", "khai-giang-quokka"))
        build_pending()

        box.fill("quokka khai giảng")
        box.press("Enter")
        page.wait_for_selector('#search-status[data-done="quokka khai giảng"]')
        assert "Tìm thấy 1 kết quả" in page.locator("#search-status").inner_text()
        assert "Khai giảng quokka năm học mới" in page.locator("#search-results").inner_text()
    finally:
        page.close()
