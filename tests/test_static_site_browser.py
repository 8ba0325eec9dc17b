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
