"""Typing an unaccented query into the admin's search boxes (issue 10 item 7), in Debian Chromium."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from cms.news.models import ArticlePage, SectionPage
from tests.support.live_admin import log_in

pytestmark = pytest.mark.django_db

TITLE = "Đội tuyển Đá cầu đạt giải Nhất"


def test_page_search_box_finds_vietnamese_title_typed_without_marks(admin_page, admin_server):
    section = SectionPage.objects.get(slug="hoat-dong-chuyen-mon")
    section.add_child(instance=ArticlePage(title=TITLE, slug="", lead="Tóm tắt.", body=[], live=False))
    log_in(admin_page, admin_server, "hieutruong")

    # The search field of the page explorer: the way people look for a page in the admin.
    admin_page.goto(admin_server.url(f"/admin/pages/{section.pk}/"))
    search = admin_page.locator("input[name=q]").first
    search.click()
    search.press_sequentially("doi tuyen da cau", delay=10)
    search.press("Enter")
    expect(admin_page.get_by_role("link", name=TITLE).first).to_be_visible()

    search = admin_page.locator("input[name=q]").first
    search.fill("")
    search.press_sequentially("bong ro", delay=10)
    search.press("Enter")
    admin_page.wait_for_load_state("networkidle")
    expect(admin_page.get_by_role("link", name=TITLE)).to_have_count(0)


def test_accounts_search_box_finds_people_typed_without_marks(admin_page, admin_server):
    log_in(admin_page, admin_server, "hieutruong")
    admin_page.goto(admin_server.url(reverse("editorial_accounts:index")))
    admin_page.locator("#id_q").press_sequentially("bui duc manh", delay=10)
    admin_page.get_by_role("button", name="Lọc").click()
    rows = admin_page.locator("table.listing tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Bùi Đức Mạnh")
