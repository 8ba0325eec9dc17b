"""Project-wide pytest fixtures: the demo school is seeded once per test session."""

import os

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an asyncio loop running in the test thread; Django would otherwise
# refuse database calls from it. Tests only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Seed the demo school once; each test then runs inside a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)


@pytest.fixture
def site_dir(settings, tmp_path):
    """A fresh, empty static-site output folder for this test."""
    settings.SITE_OUTPUT_DIR = tmp_path / "site"
    return settings.SITE_OUTPUT_DIR


@pytest.fixture
def login(client, django_user_model):
    """Log the test client in as a demo account: ``login("hieutruong")``."""

    def _login(username):
        user = django_user_model.objects.get(username=username)
        client.force_login(user)
        return user

    return _login


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Debian Chromium for the whole session (Playwright's sync API)."""
    from playwright.sync_api import sync_playwright

    from tests.support.browser import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def static_site_url(site_dir):
    """Build the whole site into a fresh folder and serve it on a free loopback port; yields the base URL."""
    from cms.publishing.builder import build_site
    from tests.support.static_server import StaticSiteServer

    build_site(trigger="test")
    with StaticSiteServer() as base_url:
        yield base_url


@pytest.fixture
def admin_server(db):
    """The real admin on a free loopback port, sharing this test's (rolled-back) database transaction."""
    from tests.support.live_admin import start_admin_server

    server, stop = start_admin_server()
    yield server
    stop()


@pytest.fixture
def admin_page(chromium_browser, admin_server):
    """A fresh browser tab (own cookies) on the admin server, Vietnamese locale, 1280 px wide."""
    context = chromium_browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def demo_site_url(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seeded demo school built ONCE per session and served on a free loopback port (read-only tests).

    Tests that change content use ``static_site_url`` (a fresh build inside their transaction) instead.
    """
    from django.test import override_settings

    from cms.publishing.builder import build_site
    from tests.support.static_server import StaticSiteServer

    with override_settings(SITE_OUTPUT_DIR=tmp_path_factory.mktemp("demo-site") / "site"):
        with django_db_blocker.unblock():
            build_site(trigger="test")
        with StaticSiteServer() as base_url:
            yield base_url


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3-compatible server on loopback for one test module (``tests.support.s3``); yields its URL."""
    from tests.support.s3 import moto_server

    yield from moto_server()
