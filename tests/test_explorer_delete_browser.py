"""The explorer of a news section, as a writer (issue 15 item 4): "Xoá" only on their own drafts.

The answer now comes from each row's own fields (``cms.core.page_permissions``) instead of one query per
row; the menu a writer sees must stay Wagtail's rule.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from cms.core.school_pages import school_page
from cms.news.factories import ArticlePageFactory
from tests.support.live_admin import log_in

pytestmark = pytest.mark.django_db


def _row_menu(page, title):
    """Open the "more" menu of the row titled ``title``; returns the row."""
    row = page.locator("table.listing tbody tr", has_text=title)
    row.locator("[data-controller~='w-dropdown'] button").first.click()
    return row


def test_writer_sees_delete_only_on_own_drafts_in_the_section_explorer(admin_page, admin_server):
    users = get_user_model().objects.in_bulk(["phohieutruong", "quantri"], field_name="username")
    section = school_page("tin_tuc")
    own_draft = ArticlePageFactory(
        parent=section, owner=users["phohieutruong"], publish=False, title="Bản nháp của cô Phó hiệu trưởng"
    )
    own_live = ArticlePageFactory(parent=section, owner=users["phohieutruong"], title="Bài đã đăng của cô")
    others = ArticlePageFactory(parent=section, owner=users["quantri"], title="Bài của thầy Quản trị")
    log_in(admin_page, admin_server, "phohieutruong")
    admin_page.goto(admin_server.url(f"/admin/pages/{section.pk}/"))

    row = _row_menu(admin_page, own_draft.title)
    expect(row.get_by_role("link", name="Xoá", exact=True)).to_be_visible()
    expect(row.get_by_role("link", name="Xoá", exact=True)).to_have_attribute(
        "href", f"/admin/pages/{own_draft.pk}/delete/?next=%2Fadmin%2Fpages%2F{section.pk}%2F"
    )
    admin_page.keyboard.press("Escape")
    # Published (her own) or someone else's: the menu opens without "Xoá" (Wagtail's rule for a writer).
    for page in (own_live, others):
        row = _row_menu(admin_page, page.title)
        expect(row.get_by_role("button", name=f"Tuỳ chọn khác cho “{page.title}”")).to_have_attribute(
            "aria-expanded", "true"
        )
        expect(row.get_by_role("link", name="Xoá", exact=True)).to_have_count(0)
        admin_page.keyboard.press("Escape")
