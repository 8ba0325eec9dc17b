"""Two-factor set-up and sign-in in Chromium: type the key, confirm, keep the recovery codes, sign in."""

import base64

import pytest
from django_otp.oath import totp

from tests.support.live_admin import live_admin as admin_server

pytestmark = pytest.mark.django_db


def _code(secret):
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def _sign_in(page, base, password="truong-hoc-2026"):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "hieutruong")
    page.fill("#id_password", password)
    page.locator("form.login-form button[type=submit]").click()
    page.wait_for_load_state()


def test_principal_sets_up_two_factor_and_signs_in_with_a_recovery_code(chromium_browser, settings):
    settings.PORTAL_REQUIRE_2FA = True
    with admin_server() as base:
        context = chromium_browser.new_context(locale="vi-VN")
        try:
            page = context.new_page()
            _sign_in(page, base)
            assert "/admin/xac-thuc-hai-buoc/bat/" in page.url
            assert page.locator(".qr svg").count() == 1  # the page is not injected twice (icon sprite)
            assert page.locator(".qr svg").is_visible()
            secret = page.locator("#totp-secret").inner_text().strip()
            page.fill("#id_token", _code(secret))
            page.press("#id_token", "Enter")
            page.wait_for_load_state()
            codes = list(
                dict.fromkeys(c.strip() for c in page.locator("#recovery-codes code").all_inner_texts())
            )
            assert len(codes) == 10
            page.locator("a.button", has_text="Tiếp tục").first.click()
            page.wait_for_load_state()
            assert "/admin/xac-thuc" not in page.url and "/admin/login/" not in page.url

            # A new browser session: password, then the second step; phone "lost", a recovery code works.
            context.clear_cookies()
            _sign_in(page, base)
            assert "/admin/xac-thuc-hai-buoc/" in page.url
            page.fill("#id_token", "123456")
            page.press("#id_token", "Enter")
            page.wait_for_load_state()
            assert "Mã không đúng" in page.content()
            # django-otp refuses any code for 1 s after a wrong one (then 2 s, 4 s …): a person types slower.
            page.wait_for_timeout(1100)
            page.fill("#id_token", codes[0])
            page.press("#id_token", "Enter")
            page.wait_for_load_state()
            assert "/admin/xac-thuc" not in page.url and "/admin/login/" not in page.url
        finally:
            context.close()
