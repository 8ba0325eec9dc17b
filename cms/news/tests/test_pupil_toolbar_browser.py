"""A pupil's editor offers only what the server accepts (issue 10 item 6), seen in Debian Chromium."""

import pytest

from cms.core.school_pages import SectionKey, school_page
from cms.news.blocks import ArticleBodyBlock, PupilArticleBodyBlock
from cms.news.pupil_rules import ALLOWED_BLOCKS, ALLOWED_TAGS, PUPIL_FEATURES
from tests.support.live_admin import log_in

pytestmark = pytest.mark.django_db

# Draftail's toolbar buttons are named after the feature's type.
FORBIDDEN_BUTTONS = {"header-two", "header-three", "DOCUMENT", "IMAGE", "EMBED", "blockquote", "code"}
ALLOWED_BUTTONS = {"BOLD", "ITALIC", "ordered-list-item", "unordered-list-item", "LINK"}


def test_the_pupils_editor_and_the_server_rule_name_the_same_blocks_and_features():
    assert set(PupilArticleBodyBlock.base_blocks) == ALLOWED_BLOCKS
    assert set(PupilArticleBodyBlock.base_blocks) < set(ArticleBodyBlock.base_blocks)
    # bold → <b>, italic → <i>, ol/ul → lists, link → <a>: every feature is a tag the rule keeps.
    feature_tags = {"bold": {"b"}, "italic": {"i"}, "ol": {"ol", "li"}, "ul": {"ul", "li"}, "link": {"a"}}
    assert set().union(*(feature_tags[name] for name in PUPIL_FEATURES)) <= ALLOWED_TAGS


def _block_menu_and_toolbar(page):
    """Open the body's block menu, read its options, add a paragraph and read the Draftail toolbar."""
    page.locator("[data-streamfield-stream-container] button[title], .c-sf-add-button").first.click()
    options = [o.inner_text().strip() for o in page.get_by_role("option").all()]
    page.get_by_role("option", name="Đoạn văn").first.click()
    editor = page.locator(".public-DraftEditor-content").last
    editor.wait_for()
    editor.click()
    page.keyboard.type("Em viết")
    page.keyboard.press("Shift+Home")  # a selection shows the inline toolbar in every Draftail mode
    buttons = {b.get_attribute("name") for b in page.locator(".Draftail-ToolbarButton").all()}
    return options, buttons


def test_pupil_toolbar_lacks_what_the_server_refuses_and_staff_keep_theirs(admin_page, admin_server):
    corner = school_page(SectionKey.STUDENTS)
    url = admin_server.url(f"/admin/pages/add/news/articlepage/{corner.pk}/")

    log_in(admin_page, admin_server, "hocsinh1a")
    admin_page.goto(url)
    options, buttons = _block_menu_and_toolbar(admin_page)
    assert "Đoạn văn" in options and "Ảnh" in options
    for label in ("Bảng", "Video (YouTube)", "Tệp đính kèm"):
        assert label not in options, options
    assert ALLOWED_BUTTONS <= buttons, buttons
    assert not (FORBIDDEN_BUTTONS & buttons), buttons

    # The homeroom teacher, on the same page, keeps the full editor (the test can tell them apart).
    log_in(admin_page, admin_server, "gvcn1a")
    admin_page.goto(url)
    options, buttons = _block_menu_and_toolbar(admin_page)
    assert {"Bảng", "Video (YouTube)", "Tệp đính kèm"} <= set(options), options
    assert "header-two" in buttons, buttons
