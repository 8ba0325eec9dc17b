"""The office changes the school's address in the real admin; the public site keeps the approved one until the
principal approves in the admin, then the rebuild shows the new address (Debian's Chromium, Playwright).

Rules and edge cases are in ``test_school_settings_approval.py``.
"""

import pytest

from cms.core.models import SchoolSettings
from cms.publishing.builder import build_pending, build_site
from editorial.moderation.tests import browser_steps as steps
from tests.support.live_admin import live_admin
from tests.support.static_server import StaticSiteServer

pytestmark = pytest.mark.django_db

NEW_ADDRESS = "15 Lê Lợi, phường Máy Chai, thành phố Hải Phòng"


def _open_school_settings(page, base):
    """Cài đặt → Thông tin nhà trường in the admin's sidebar, as a person finds it."""
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Cài đặt").click()
    page.get_by_role("link", name="Thông tin nhà trường").click()
    page.wait_for_selector("#id_address")


def _public_footer(page, site):
    page.goto(site + "/")
    return page.locator("footer.site-footer").inner_text()


def test_office_changes_the_address_and_the_public_site_waits_for_the_principal(browser_page, site_dir):
    page = browser_page
    old_address = SchoolSettings.objects.get().address
    assert old_address and old_address != NEW_ADDRESS
    build_site(trigger="test: before the change")
    with StaticSiteServer() as site, live_admin() as base:
        assert old_address in _public_footer(page, site)

        steps.log_in(page, base, "vanthu")
        _open_school_settings(page, base)
        page.fill("#id_address", NEW_ADDRESS)
        steps.submit_for_review(page)
        assert "Hiệu trưởng" in steps.messages_text(page) or "duyệt" in steps.messages_text(page).lower()

        build_site(trigger="test: a full rebuild while the change waits")
        footer = _public_footer(page, site)
        assert old_address in footer and NEW_ADDRESS not in footer

        steps.log_in(page, base, "hieutruong")
        _open_school_settings(page, base)
        assert page.input_value("#id_address") == NEW_ADDRESS  # the principal reviews the proposed value
        steps.click_action(page, "Phê duyệt và xuất bản")  # the principal's (last) stage
        assert SchoolSettings.objects.get().address == NEW_ADDRESS, steps.form_errors(page)

        build_pending()  # the background build the approval scheduled
        footer = _public_footer(page, site)
        assert NEW_ADDRESS in footer and old_address not in footer
