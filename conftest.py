"""Project-wide pytest fixtures. The small world (``tests/support/world.py``: the school installed by
``setup_school``, its role accounts, one item of each public content type) is built once per session; tests
about the demo itself are marked ``demo`` and use the ``demo_school`` fixture."""

import os
import sqlite3

import pytest

# Playwright's sync API keeps an asyncio loop running in the test thread; Django would otherwise
# refuse database calls from it. Tests only, never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the small world once; each test then runs inside a rolled-back transaction."""
    from tests.support.world import build_world

    with django_db_blocker.unblock():
        build_world()


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
def browser_page(chromium_browser):
    """A fresh tab (own cookies) of the shared browser: Vietnamese locale, 1280 px wide, 20 s timeout."""
    context = chromium_browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def admin_page(browser_page, admin_server):
    """``browser_page`` with the admin server running (``admin_server`` gives its address)."""
    return browser_page


@pytest.fixture(scope="session")
def world_site_url(django_db_setup, django_db_blocker, tmp_path_factory):
    """The session's small world (``tests/support/world.py``) built ONCE and served on a free loopback port
    (read-only tests). Tests that change content use ``static_site_url`` (a fresh build inside their
    transaction) instead."""
    from django.test import override_settings

    from cms.publishing.builder import build_site
    from tests.support.static_server import StaticSiteServer

    with override_settings(SITE_OUTPUT_DIR=tmp_path_factory.mktemp("world-site") / "site"):
        with django_db_blocker.unblock():
            build_site(trigger="test")
        with StaticSiteServer() as base_url:
            yield base_url


@pytest.fixture(scope="session")
def demo_site_url(world_site_url):
    """Old name of ``world_site_url`` (kept for branches written before the small world): the session's
    world, not the demo. Tests about the demo's content use ``demo_built_site_url``."""
    return world_site_url


@pytest.fixture(scope="session")
def demo_school(django_db_setup, django_db_blocker):
    """The demo school (``seed_demo``) in place of the world's content, seeded once, committed, the first
    time a demo test runs. Demo tests run after every other non-transactional test (``pytest_collection_
    modifyitems`` below), so nothing else sees it. Only for tests about the demo itself; they get the ``demo``
    marker automatically."""
    from tests.support.demo import replace_world_by_demo

    with django_db_blocker.unblock():
        yield replace_world_by_demo()


@pytest.fixture(scope="session")
def demo_built_site_url(demo_school, django_db_blocker, tmp_path_factory):
    """The demo school built once and served on a free loopback port (demo smoke tests)."""
    from django.test import override_settings

    from cms.publishing.builder import build_site
    from tests.support.static_server import StaticSiteServer

    with override_settings(SITE_OUTPUT_DIR=tmp_path_factory.mktemp("demo-site") / "site"):
        with django_db_blocker.unblock():
            build_site(trigger="test")
        with StaticSiteServer() as base_url:
            yield base_url


DEMO_FIXTURES = {"demo_school", "demo_built_site_url"}


def _uses_demo(item):
    return bool(DEMO_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Tests that use the demo get the ``demo`` marker (``pytest -m "not demo"`` runs without ``seed_demo``)
    and run after the other non-transactional tests (pytest-django has put the transactional ones last)."""
    for item in items:
        if _uses_demo(item):
            item.add_marker(pytest.mark.demo)
    items.sort(key=lambda item: (_transactional(item), _uses_demo(item)))


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(
        item, "fixturenames", ()
    )


def _sqlite_memory_connection():
    # The in-memory test database lives as long as Django's connection to it, which stays open all session.
    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return None
    return connection.connection


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    """Transactional tests end with pytest-django emptying every table, which would throw away the world
    built once per session for the tests after them. On in-memory SQLite the database is copied (SQLite
    backup API) once the test's fixtures are set up and copied back after its teardown; on PostgreSQL the
    world is built again when an earlier flush emptied it (``rebuild_world_after_flush``)."""
    result = yield
    if _transactional(item):
        raw = _sqlite_memory_connection()
        if raw is None:
            from tests.support.demo import rebuild_world_after_flush

            rebuild_world_after_flush()
        else:
            snapshot = sqlite3.connect(":memory:", check_same_thread=False)
            raw.backup(snapshot)
            item._world_db_snapshot = snapshot
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    snapshot = getattr(item, "_world_db_snapshot", None)
    if snapshot is not None:
        raw = _sqlite_memory_connection()
        if raw is not None:
            snapshot.backup(raw)
        snapshot.close()
        item._world_db_snapshot = None
    return result


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3-compatible server on loopback for one test module (``tests.support.s3``); yields its URL."""
    from tests.support.s3 import moto_server

    yield from moto_server()
