"""The back office's CSP does not break Wagtail 8: the page editor and the image chooser work in Chromium."""

import pytest

from cms.news.models import ArticlePage
from tests.support.live_admin import live_admin as admin_server

pytestmark = pytest.mark.django_db


def test_editor_and_chooser_work_under_the_csp(chromium_browser):
    article = ArticlePage.objects.live().first()
    with admin_server() as base:
        context = chromium_browser.new_context(locale="vi-VN")
        violations = []
        try:
            page = context.new_page()
            page.on(
                "console",
                lambda message: (
                    violations.append(message.text) if "Content Security Policy" in message.text else None
                ),
            )
            page.goto(f"{base}/admin/login/")
            page.fill("#id_username", "hieutruong")
            page.fill("#id_password", "truong-hoc-2026")
            page.locator("form.login-form button[type=submit]").click()
            page.wait_for_load_state()
            response = page.goto(f"{base}/admin/pages/{article.pk}/edit/")
            assert "default-src 'self'" in response.headers["content-security-policy"]
            page.locator(".Draftail-Editor").first.wait_for(timeout=15000)
            page.goto(f"{base}/admin/images/")
            page.wait_for_load_state("networkidle")
            assert violations == []
        finally:
            context.close()
