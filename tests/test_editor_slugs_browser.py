"""Addresses typed in the real page editor (issue 10 item 3), driven in Debian Chromium.

A writer types a Vietnamese title; the slug field fills itself with the project's folding while typing
(Wagtail's slug input with ``cms.core.vietnamese.slug_formatters``), and the saved page keeps that slug.
"""

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from cms.news.models import ArticlePage, SectionPage
from cms.notices.models import NoticeIndexPage, NoticePage
from tests.support.live_admin import log_in

pytestmark = pytest.mark.django_db


def _type_title_expect_slug(page, title, slug):
    title_input = page.locator("#id_title")
    title_input.click()
    title_input.press_sequentially(title, delay=5)  # real keystrokes: keyup drives Wagtail's title→slug sync
    # The sync is debounced: wait for the field (fails after the timeout if it never shows the slug).
    expect(page.locator("#id_slug")).to_have_value(slug)


def _save_draft(page):
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")


def test_teacher_types_a_vietnamese_title_and_gets_a_folded_slug(admin_page, admin_server):
    section = SectionPage.objects.get(slug="hoat-dong-chuyen-mon")
    log_in(admin_page, admin_server, "giaovien1")
    # The way a teacher starts an article: the section's page in the explorer, then "Thêm trang con".
    admin_page.goto(admin_server.url(f"/admin/pages/{section.pk}/"))
    admin_page.goto(admin_server.url(f"/admin/pages/add/news/articlepage/{section.pk}/"))

    _type_title_expect_slug(admin_page, "Đội tuyển Đá cầu đạt giải Nhất", "doi-tuyen-da-cau-dat-giai-nhat")

    admin_page.locator("#id_lead").fill("Các em đã thi đấu rất cố gắng.")
    _save_draft(admin_page)

    article = ArticlePage.objects.child_of(section).get(title="Đội tuyển Đá cầu đạt giải Nhất")
    assert article.slug == "doi-tuyen-da-cau-dat-giai-nhat"
    assert article.get_latest_revision_as_object().slug == "doi-tuyen-da-cau-dat-giai-nhat"
    # Reopened in the editor, the page shows the same address.
    admin_page.goto(admin_server.url(f"/admin/pages/{article.pk}/edit/"))
    assert admin_page.locator("#id_slug").input_value() == "doi-tuyen-da-cau-dat-giai-nhat"


def test_all_caps_title_with_dates_and_vv_for_a_notice(admin_page, admin_server):
    index = NoticeIndexPage.objects.first()
    log_in(admin_page, admin_server, "quantri")
    admin_page.goto(admin_server.url(f"/admin/pages/add/notices/noticepage/{index.pk}/"))

    title = "V/V NGHỈ HỌC NGÀY 9/3/2020 – ĐẠI HỘI"
    _type_title_expect_slug(admin_page, title, "v-v-nghi-hoc-ngay-9-3-2020-dai-hoi")

    _save_draft(admin_page)
    notice = NoticePage.objects.child_of(index).get(title=title)
    assert Page.objects.get(pk=notice.pk).slug == "v-v-nghi-hoc-ngay-9-3-2020-dai-hoi"


def test_copy_page_folds_the_new_title_into_the_slug(admin_page, admin_server):
    """ "Sao chép trang": typing a new title fills the copy's address with the same Vietnamese folding."""
    from cms.core.school_pages import SectionKey, school_page

    section = school_page(SectionKey.NEWS)
    original = section.add_child(
        instance=ArticlePage(title="Bài mẫu để sao chép", slug="bai-mau-de-sao-chep", lead="Sa-pô.", body=[])
    )
    log_in(admin_page, admin_server, "hieutruong")
    admin_page.goto(admin_server.url(f"/admin/pages/{original.pk}/copy/"))

    title_input = admin_page.locator("#id_new_title")
    title_input.click()
    title_input.press("Control+a")
    title_input.press("Delete")
    title_input.press_sequentially("Đội tuyển Đá cầu", delay=5)
    expect(admin_page.locator("#id_new_slug")).to_have_value("doi-tuyen-da-cau")

    admin_page.locator("form input[type=submit]").click()
    admin_page.wait_for_load_state("networkidle")
    copy = ArticlePage.objects.child_of(section).get(title="Đội tuyển Đá cầu")
    assert copy.slug == "doi-tuyen-da-cau"
