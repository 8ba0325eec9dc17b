"""The public portal in Debian's Chromium: every kind of page at phone and desktop widths, in the default
and the high-contrast display, checked by axe-core; phones without sideways scrolling at any text size; the
urgent notice in the first screen; the display tools, the phone menu and the document filters by keyboard."""

import re
from datetime import date
from pathlib import Path

import pytest

from cms.albums.factories import AlbumPageFactory, photo
from cms.core.factories import school_year_label
from cms.core.vietnamese import today_vn
from cms.documents.factories import IssuerFactory, OfficialDocumentPageFactory
from cms.schedule.models import monday_of
from tests.support.axe import blocking_violations
from tests.support.world import WORLD_ALBUM, WORLD_ARTICLE, WORLD_DOCUMENT, WORLD_NOTICE

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
VIEWPORTS = {"phone": {"width": 375, "height": 812}, "desktop": {"width": 1280, "height": 900}}
TODAY = today_vn()
# One address per page type of the public site, in the session's small world (tests/support/world.py).
PAGES = {
    "trang-chu": "/",
    "chuyen-muc": "/tin-tuc-su-kien/",
    "bai-viet": f"/tin-tuc-su-kien/{WORLD_ARTICLE['slug']}/",
    "luu-tru-nam": f"/tin-tuc-su-kien/luu-tru/{TODAY.year}/",
    "luu-tru-thang": f"/tin-tuc-su-kien/luu-tru/{TODAY.year}/{TODAY.month:02d}/",
    "trang-thuong": "/gioi-thieu/",
    "co-cau-to-chuc": "/gioi-thieu/co-cau-to-chuc/",
    "ban-bien-tap": "/ban-bien-tap/",
    "lien-he": "/lien-he/",
    "lien-ket": "/lien-ket/",
    "cong-khai": "/cong-khai/",
    "cong-khai-nam": "/cong-khai/nam-hoc-{}/".format(school_year_label().replace("–", "-")),
    "van-ban": "/van-ban/",
    "van-ban-chi-tiet": f"/van-ban/{WORLD_DOCUMENT['slug']}/",
    "thong-bao": "/thong-bao/",
    "thong-bao-chi-tiet": f"/thong-bao/{WORLD_NOTICE['slug']}/",
    "tim-kiem": "/tim-kiem/?q=khai+gi%E1%BA%A3ng",
    "khong-tim-thay": "/404.html",
}
EXTRA_PAGES = {
    "lich-cong-tac": "/lich-cong-tac/",
    "lich-tuan": f"/lich-cong-tac/tuan-{monday_of(TODAY):%d-%m-%Y}/",
    "thu-vien-anh": "/thu-vien-anh/",
    "album": f"/thu-vien-anh/{WORLD_ALBUM['slug']}/",
}


def _context(browser, viewport, contrast="normal", text_size="normal"):
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    context.add_init_script(
        f"localStorage.setItem('portal:contrast', '{contrast}');"
        f"localStorage.setItem('portal:text-size', '{text_size}');"
    )
    return context


@pytest.mark.parametrize("contrast", ["normal", "high"])
@pytest.mark.parametrize("width_name", ["phone", "desktop"])
def test_every_page_type_passes_axe(chromium_browser, world_site_url, width_name, contrast):
    ARTIFACTS.mkdir(exist_ok=True)
    problems = {}
    context = _context(chromium_browser, VIEWPORTS[width_name], contrast)
    page = context.new_page()
    try:
        for name, path in {**PAGES, **EXTRA_PAGES}.items():
            response = page.goto(world_site_url + path)
            assert response.status == 200, path
            assert page.locator("h1").count() == 1, path
            assert page.locator("nav.breadcrumbs").count() <= 1, f"{path}: two breadcrumb trails"
            if contrast == "high":
                assert "high-contrast" in page.locator("html").get_attribute("class")
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width_name}-{contrast}.png"), full_page=False)
            violations = blocking_violations(page)
            if violations:
                problems[path] = violations
    finally:
        context.close()
    assert not problems, problems


@pytest.mark.parametrize("width", [320, 375, 414])
def test_no_sideways_scroll_on_phones_at_any_text_size(chromium_browser, world_site_url, width):
    problems = []
    for size in ("normal", "large"):
        context = _context(chromium_browser, {"width": width, "height": 800}, text_size=size)
        page = context.new_page()
        try:
            for path in {**PAGES, **EXTRA_PAGES}.values():
                page.goto(world_site_url + path)
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    problems.append(f"{path} at {width}px, text {size}: {overflow}px too wide")
        finally:
            context.close()
    assert not problems, problems


def test_urgent_notice_is_in_the_first_screen_of_a_phone_with_one_label(chromium_browser, world_site_url):
    context = _context(chromium_browser, VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(world_site_url + "/")
        notice = page.locator(".home-notices li").filter(has_text="mưa bão")
        assert notice.count() == 1
        box = notice.bounding_box()
        assert box["y"] + box["height"] <= VIEWPORTS["phone"]["height"], box
        # Above the news, one "Khẩn" label (not "Khẩn Khẩn:").
        news = page.locator("#tin-moi").bounding_box()
        assert box["y"] < news["y"]
        assert notice.inner_text().count("Khẩn") == 1
        assert page.locator(".home-notices li").count() <= 3
        # Văn bản and Thông báo are in the main menu.
        page.get_by_role("button", name="Danh mục").click()
        menu = page.get_by_role("navigation", name="Chuyên mục")
        assert menu.get_by_role("link", name="Văn bản").is_visible()
        assert menu.get_by_role("link", name="Thông báo").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [(375, 667), (320, 568)], ids=["375x667", "320x568"])
def test_urgent_notice_is_in_the_first_screen_of_a_phone_at_every_text_size(
    chromium_browser, world_site_url, viewport
):
    """A−, A and A+ (chosen with the display tools, as a parent does) on small phones: the current urgent
    notice is whole in the first screen, above the introduction and the news."""
    width, height = viewport
    context = _context(chromium_browser, {"width": width, "height": height})
    page = context.new_page()
    problems = []
    try:
        page.goto(world_site_url + "/")
        for size, name in (("small", "chữ nhỏ"), ("normal", "chữ vừa"), ("large", "chữ lớn")):
            page.get_by_role("button", name=name).click()
            assert page.locator("html").evaluate(
                "(el, size) => size === 'normal' || el.classList.contains('text-' + size)", size
            )
            page.evaluate("window.scrollTo(0, 0)")
            notice = page.locator(".home-notices li").filter(has_text="mưa bão")
            box = notice.bounding_box()
            if box["y"] + box["height"] > height:
                problems.append(
                    f"{width}x{height}, text {size}: notice ends at {box['y'] + box['height']:.0f}px"
                )
            intro = page.locator(".home-intro")
            if intro.count():
                assert box["y"] < intro.bounding_box()["y"]
    finally:
        context.close()
    assert not problems, problems


def test_phone_images_are_sized_for_their_slot(chromium_browser, world_site_url):
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"], device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(world_site_url + "/tin-tuc-su-kien/")
        page.wait_for_load_state("load")
        thumbs = page.locator(".card-media img")
        assert thumbs.count() > 0
        for i in range(min(thumbs.count(), 4)):
            img = thumbs.nth(i)
            img.scroll_into_view_if_needed()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
            natural, shown = img.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
            # A 7rem thumbnail cropped from 16:9 needs about 200 CSS px, 400 device px at 2x: not 800.
            assert natural <= 400, (natural, shown)
    finally:
        context.close()


def _tab_to(page, name, limit=30):
    """Press Tab until the focused element's accessible text starts with ``name``; return its locator."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement && document.activeElement.textContent.trim()")
        if label and label.startswith(name):
            return page.locator(":focus")
    raise AssertionError(f"Tab never reached {name!r}")


def test_text_size_and_contrast_toggles_work_with_keyboard_and_persist(chromium_browser, world_site_url):
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(world_site_url + "/")
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
        page.goto(world_site_url + PAGES["bai-viet"])
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


def test_phone_menu_opens_with_keyboard_and_closes_with_escape(chromium_browser, world_site_url):
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(world_site_url + "/")
        menu_link = page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Công khai")
        assert not menu_link.is_visible()
        toggle = _tab_to(page, "Danh mục")
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert menu_link.is_visible()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == "Giới thiệu"
        page.keyboard.press("Escape")
        assert not menu_link.is_visible()
        button = page.get_by_role("button", name="Danh mục")
        assert button.get_attribute("aria-expanded") == "false"
        assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    finally:
        context.close()


@pytest.fixture
def more_documents():
    """Beside the world's decision 39/QĐ-THNK: a ministry circular in force, an expired decision and the
    school's regulation 39/QC-THNK."""
    ministry = IssuerFactory(abbreviation="BGDĐT", name="Bộ Giáo dục và Đào tạo", short_name="Bộ GD&ĐT")
    OfficialDocumentPageFactory(
        title="Thông tư ban hành Điều lệ Trường tiểu học",
        number_symbol="28/2020/TT-BGDĐT",
        doc_type="thong-tu",
        issuer=ministry,
        issue_date=date(2020, 9, 4),
        signer_name="Phùng Xuân Nhạ",
        signer_position="Bộ trưởng",
    )
    OfficialDocumentPageFactory(
        title="Quyết định thành lập tổ kiểm tra năm học trước",
        issue_date=date(2025, 9, 10),
        effective_to=date(2026, 6, 1),
    )
    OfficialDocumentPageFactory(  # the school's own regulation: "qui chế" must find "Quy chế"
        title="Quy chế quản lý, sử dụng hệ thống quản trị",
        number_symbol="39/QC-THNK",
        doc_type="quy-che",
        issue_date=date(2023, 9, 24),
    )


# ``more_documents`` before ``static_site_url``: the site is built with them.
def test_document_filters_live_in_the_address_and_the_back_button(
    chromium_browser, more_documents, static_site_url
):
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    try:
        page.goto(static_site_url + "/van-ban/")
        rows = page.locator(".doc-row:visible")
        everything = rows.count()
        page.get_by_label("Loại văn bản").select_option(label="Thông tư")
        assert "loai=" in page.url
        typed = rows.count()
        assert 0 < typed < everything
        page.get_by_label("Hiệu lực").select_option(label="Còn hiệu lực")
        assert "hieu_luc=con-hieu-luc" in page.url
        shared = page.url
        # A shared link shows the same filtered list.
        other = context.new_page()
        other.goto(shared)
        assert other.get_by_label("Loại văn bản").input_value() != ""
        assert other.locator(".doc-row:visible").count() == page.locator(".doc-row:visible").count()
        other.close()
        # Back: the previous choice, then the whole list.
        page.go_back()
        assert page.get_by_label("Hiệu lực").input_value() == ""
        assert rows.count() == typed
        page.go_back()
        assert page.get_by_label("Loại văn bản").input_value() == ""
        assert rows.count() == everything
        # Whole syllables: the symbol typed without marks finds the decision.
        page.get_by_label("Tìm kiếm").fill("39/QD-THNK")
        assert page.locator(".doc-row:visible").filter(has_text="39/QĐ-THNK").count() == 1
        # The document list reads as cards on a phone: no column squeezed under 200 px.
        width = page.locator(".doc-row:visible td.doc-summary").first.bounding_box()["width"]
        assert width > 250
        # i/y spellings alike, as in the site search (vietnamese.search_fold): "qui chế" is "quy chế".
        page.get_by_label("Tìm kiếm").fill("qui chế 39")
        assert page.locator(".doc-row:visible").filter(has_text="39/QC-THNK").count() == 1
    finally:
        context.close()


def test_print_shows_the_article_without_menus(chromium_browser, world_site_url):
    page = chromium_browser.new_page(viewport=VIEWPORTS["desktop"])
    try:
        page.goto(world_site_url + PAGES["bai-viet"])
        assert page.get_by_role("button", name="In bài viết").is_visible()
        page.emulate_media(media="print")
        assert not page.locator(".main-nav").is_visible()
        assert not page.locator(".display-tools").is_visible()
        assert not page.get_by_role("button", name="In bài viết").is_visible()
        assert page.locator("article.article h1").is_visible()
        color = page.evaluate("getComputedStyle(document.querySelector('article.article p')).color")
        assert color == "rgb(0, 0, 0)"
        page.pdf(path=str(ARTIFACTS / "bai-viet-ban-in.pdf"))
        # A document prints in black with the full address of its files and related documents.
        page.emulate_media(media="screen")
        page.goto(world_site_url + PAGES["van-ban-chi-tiet"])
        page.emulate_media(media="print")
        link = page.locator(".doc-files a, .doc-relations a").first
        assert link.get_attribute("data-print-href").startswith(world_site_url)
        after = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert world_site_url in after
        assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == "rgb(0, 0, 0)"
        page.pdf(path=str(ARTIFACTS / "van-ban-ban-in.pdf"))
    finally:
        page.close()


@pytest.fixture
def sports_album():
    """An album of four published photos, the third one of the five without the parents' consent."""
    captions = ["Đội chạy tiếp sức khối 5 về đích.", "Kéo co khối 4.", "Nhảy dây khối 2.", "Trao giải."]
    photos = [photo(sort_order=i, caption=caption) for i, caption in enumerate(captions)]
    photos.insert(2, photo(sort_order=9, consent=False, caption="Hai bạn thi đấu cờ vua."))
    return AlbumPageFactory(title="Hội khỏe Phù Đổng", photos=photos)


def test_album_viewer_with_keyboard_and_swipe(chromium_browser, sports_album, static_site_url):
    context = chromium_browser.new_context(viewport=VIEWPORTS["phone"], has_touch=True)
    page = context.new_page()
    try:
        page.goto(static_site_url + sports_album.url)
        thumbs = page.locator(".photo-grid a")
        # The photo without the parents' consent is not published.
        assert thumbs.count() == 4
        assert "cờ vua" not in page.content()
        first = thumbs.first
        first.focus()
        page.keyboard.press("Enter")
        dialog = page.get_by_role("dialog", name="Xem ảnh")
        assert dialog.is_visible()
        assert dialog.locator(".viewer-count").inner_text() == "Ảnh 1 / 4"
        assert dialog.locator(".viewer-caption").inner_text() == "Đội chạy tiếp sức khối 5 về đích."
        alt = dialog.locator("img").get_attribute("alt")
        assert alt == first.locator("img").get_attribute("alt") and alt
        page.keyboard.press("ArrowRight")
        assert dialog.locator(".viewer-count").inner_text() == "Ảnh 2 / 4"
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")  # wraps round to the last photo
        assert dialog.locator(".viewer-count").inner_text() == "Ảnh 4 / 4"
        page.keyboard.press("Home")
        assert dialog.locator(".viewer-count").inner_text() == "Ảnh 1 / 4"
        # The buttons work with the keyboard too; the focus stays inside the dialog.
        dialog.get_by_role("button", name="Ảnh sau").focus()
        page.keyboard.press("Enter")
        assert dialog.locator(".viewer-count").inner_text() == "Ảnh 2 / 4"
        # A swipe to the left shows the next photo.
        box = dialog.locator(".viewer-stage").bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] * 0.8, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.2, y, steps=5)
        page.mouse.up()
        assert dialog.locator(".viewer-count").inner_text() == "Ảnh 3 / 4"
        assert not blocking_violations(page)
        # Escape closes the viewer and gives the focus back to the photo that opened it.
        page.keyboard.press("Escape")
        assert not dialog.is_visible()
        assert page.evaluate("document.activeElement.matches('.photo-grid a')")
        assert page.evaluate("document.activeElement === document.querySelector('.photo-grid a')")
    finally:
        context.close()


def test_a_reader_finds_an_article_through_the_archives(chromium_browser, world_site_url):
    """From the section's "Lưu trữ" box (months grouped under their year) to the month's compact list, up
    the trail to the year's month index (each month with its number of articles) and back down to the
    article, by clicks; the box's year link leads to the same year page."""
    context = _context(chromium_browser, VIEWPORTS["desktop"])
    page = context.new_page()
    try:
        page.goto(world_site_url + PAGES["chuyen-muc"])
        archive = page.get_by_role("navigation", name="Lưu trữ")
        year_link = archive.get_by_role("link", name=f"Năm {TODAY.year}", exact=True)
        assert year_link.get_attribute("href").endswith(PAGES["luu-tru-nam"])
        archive.get_by_role("link", name=f"Tháng {TODAY.month}/{TODAY.year}", exact=True).click()
        month = page.locator(".archive-list li")
        assert month.count() >= 1
        assert month.first.locator("time").get_attribute("datetime")
        page.locator("nav.breadcrumbs").get_by_role("link", name=f"Năm {TODAY.year}").click()
        assert page.url.endswith(PAGES["luu-tru-nam"])
        entry = page.locator(".archive-months li").filter(has_text=f"Tháng {TODAY.month}/{TODAY.year}")
        assert re.search(r"\(\d+ bài\)", entry.inner_text())
        entry.get_by_role("link").click()
        assert page.url.endswith(PAGES["luu-tru-thang"])
        page.locator(".archive-list").get_by_role("link", name=WORLD_ARTICLE["title"]).click()
        assert page.url.endswith(PAGES["bai-viet"])
        assert page.locator("h1").inner_text() == WORLD_ARTICLE["title"]
        assert not blocking_violations(page)
    finally:
        context.close()
