"""Lockout and unlock driven in Chromium: wrong passwords typed on the login page, unlocked by clicks."""

import pytest
from django.conf import settings

from tests.support.live_admin import live_admin as admin_server

pytestmark = pytest.mark.django_db

DEMO_PASSWORD = "truong-hoc-2026"


def _sign_in(page, base, username, password):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_load_state()


def test_lockout_then_unlock_by_the_portal_administrator(chromium_browser):
    with admin_server() as base:
        principal_context = chromium_browser.new_context(locale="vi-VN")
        admin_context = chromium_browser.new_context(locale="vi-VN")
        try:
            page = principal_context.new_page()
            for attempt in range(settings.AXES_FAILURE_LIMIT):
                _sign_in(page, base, "hieutruong", f"go-nham-{attempt}")
            _sign_in(page, base, "hieutruong", DEMO_PASSWORD)
            assert "tạm thời không đăng nhập được" in page.content()
            assert "/admin/login/" in page.url

            admin = admin_context.new_page()
            _sign_in(admin, base, "quantri", DEMO_PASSWORD)
            assert "/admin/login/" not in admin.url
            admin.goto(f"{base}/admin/dang-nhap/nhat-ky/")
            assert admin.locator("#lockouts").get_by_text("hieutruong").first.is_visible()
            admin.get_by_role("button", name="Mở khoá hieutruong").click()
            admin.wait_for_load_state()
            assert "Đã mở khoá đăng nhập cho “hieutruong”" in admin.content()

            _sign_in(page, base, "hieutruong", DEMO_PASSWORD)
            assert "/admin/login/" not in page.url
            assert page.locator("main").count() >= 1
        finally:
            principal_context.close()
            admin_context.close()
