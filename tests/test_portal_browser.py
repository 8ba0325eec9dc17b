"""The public portal in Debian's Chromium: every kind of page at phone and desktop widths, checked by
axe-core, and the display tools (text size, high contrast) used with the keyboard alone."""

from pathlib import Path

import pytest

from tests.support.axe import blocking_violations

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
PAGES = {
    "trang-chu": "/",
    "chuyen-muc": "/tin-tuc-su-kien/",
    "bai-viet": "/tin-tuc-su-kien/hoi-khoe-phu-dong-cap-truong-nam-hoc-2026-2027/",
    "co-cau-to-chuc": "/gioi-thieu/co-cau-to-chuc/",
    "cong-khai": "/cong-khai/nam-hoc-2025-2026/",
}


def test_pages_at_phone_and_desktop_widths_pass_axe(chromium_browser, static_site_url):
    ARTIFACTS.mkdir(exist_ok=True)
    problems = {}
    for width_name, viewport in VIEWPORTS.items():
        context = chromium_browser.new_context(viewport=viewport, locale="vi-VN")
        page = context.new_page()
        try:
            for name, path in PAGES.items():
                response = page.goto(static_site_url + path)
                assert response.status == 200, path
                assert page.locator("h1").count() == 1, path
                # Nothing overflows sideways on a phone: the reader never scrolls horizontally.
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 0, f"{path} is {overflow}px too wide at {width_name}"
                page.screenshot(path=str(ARTIFACTS / f"{name}-{width_name}.png"), full_page=True)
                violations = blocking_violations(page)
                if violations:
                    problems[f"{path} ({width_name})"] = violations
        finally:
            context.close()
    assert not problems, problems


def test_high_contrast_mode_passes_axe(chromium_browser, static_site_url):
    context = chromium_browser.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        page.goto(static_site_url + PAGES["bai-viet"])
        page.evaluate("localStorage.setItem('portal:contrast', 'high')")
        page.reload()
        assert "high-contrast" in page.locator("html").get_attribute("class")
        page.screenshot(path=str(ARTIFACTS / "bai-viet-tuong-phan-cao.png"), full_page=False)
        assert blocking_violations(page) == []
    finally:
        context.close()


def _tab_to(page, name, limit=25):
    """Press Tab until the focused element's accessible text starts with ``name``; return its locator."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement && document.activeElement.textContent.trim()")
        if label and label.startswith(name):
            return page.locator(":focus")
    raise AssertionError(f"Tab never reached {name!r}")


def test_text_size_and_contrast_toggles_work_with_keyboard_and_persist(chromium_browser, static_site_url):
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(static_site_url + "/")
        root_size = "getComputedStyle(document.documentElement).fontSize"
        assert page.evaluate(root_size) == "16px"

        larger = _tab_to(page, "A+")
        assert larger.get_attribute("aria-pressed") == "false"
        page.keyboard.press("Enter")
        assert larger.get_attribute("aria-pressed") == "true"
        assert page.evaluate(root_size) == "20px"

        contrast = _tab_to(page, "Tương phản cao")
        assert contrast.get_attribute("aria-pressed") == "false"
        page.keyboard.press("Space")
        assert contrast.get_attribute("aria-pressed") == "true"
        background = "getComputedStyle(document.body).backgroundColor"
        assert page.evaluate(background) == "rgb(0, 0, 0)"

        # Both choices survive a reload and a visit to another page.
        page.goto(static_site_url + PAGES["bai-viet"])
        assert page.evaluate(root_size) == "20px"
        assert page.evaluate(background) == "rgb(0, 0, 0)"
        assert page.get_by_role("button", name="A+ chữ lớn").get_attribute("aria-pressed") == "true"
        assert page.get_by_role("button", name="Tương phản cao").get_attribute("aria-pressed") == "true"

        # And back, still with the keyboard only.
        normal = _tab_to(page, "A chữ vừa")
        page.keyboard.press("Space")
        assert normal.get_attribute("aria-pressed") == "true"
        assert page.evaluate(root_size) == "16px"
        _tab_to(page, "Tương phản cao")
        page.keyboard.press("Enter")
        page.reload()
        assert page.evaluate(root_size) == "16px"
        assert page.evaluate(background) == "rgb(255, 255, 255)"
    finally:
        context.close()


def test_phone_menu_opens_with_keyboard(chromium_browser, static_site_url):
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(static_site_url + "/")
        menu_link = page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Công khai")
        assert not menu_link.is_visible()
        toggle = _tab_to(page, "Danh mục")
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert menu_link.is_visible()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Giới thiệu"
    finally:
        context.close()


def test_print_shows_the_article_without_menus(chromium_browser, static_site_url):
    page = chromium_browser.new_page(viewport=VIEWPORTS["desktop"])
    try:
        page.goto(static_site_url + PAGES["bai-viet"])
        assert page.get_by_role("button", name="In bài viết").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".main-nav").is_visible()
        assert not page.locator(".display-tools").is_visible()
        assert not page.get_by_role("button", name="In bài viết").is_visible()
        assert page.locator("article.article h1").is_visible()
        page.pdf(path=str(ARTIFACTS / "bai-viet-ban-in.pdf"))
    finally:
        page.close()
