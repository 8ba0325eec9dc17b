"""A live back office for browser tests, inside the test's own transaction (nothing to flush or re-seed).

pytest-django's ``live_server`` needs a transactional test, whose flush would wipe the demo school seeded
once per session (conftest.py). Here the server thread uses the test's own database connection instead:
every request runs inside the test transaction (as savepoints) and is rolled back with it. Requests are
handled one at a time (a lock around the Django application), because one connection must never run two
transactions at once; static files are served beside it without the lock.

Runs on the in-memory SQLite test database; under PostgreSQL (``PORTAL_TEST_DB=postgres``) these browser tests
are skipped and the same rules are covered by the server-side tests.
"""

import threading
from contextlib import contextmanager

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

from cms.demo.seed import DEMO_PASSWORD


class _SharedConnectionServer(ThreadedWSGIServer):
    def _close_connections(self):
        """The connection belongs to the test (and its transaction): never close it after a request."""


class _SerialApp:
    """Run the Django application for one request at a time (one shared database connection)."""

    def __init__(self, app):
        self.app = app
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return self.app(environ, start_response)


class _Thread(LiveServerThread):
    server_class = _SharedConnectionServer

    def run(self):
        for alias, conn in (self.connections_override or {}).items():
            connections[alias] = conn
        try:
            from django.core.handlers.wsgi import WSGIHandler

            handler = StaticFilesHandler(_SerialApp(WSGIHandler()))
            self.httpd = self._create_server(connections_override=self.connections_override)
            self.port = self.httpd.server_address[1]
            self.httpd.set_app(handler)
            self.is_ready.set()
            self.httpd.serve_forever()
        except Exception as error:  # reported to the test by live_admin()
            self.error = error
            self.is_ready.set()

    def _create_server(self, connections_override=None):
        return self.server_class(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=False,
            connections_override=connections_override,
        )


@contextmanager
def live_admin():
    """Serve the back office on a free loopback port; yields its base URL (``http://127.0.0.1:PORT``)."""
    conn = connections["default"]
    if conn.vendor != "sqlite":
        # Sharing the test's transaction with the server thread is proven on SQLite only; PostgreSQL runs
        # every server-side test of the same rules (PORTAL_TEST_DB=postgres).
        import pytest

        pytest.skip("browser tests of the back office run on SQLite")
    conn.inc_thread_sharing()
    thread = _Thread("127.0.0.1", None, connections_override={"default": conn}, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        if hasattr(thread, "httpd"):
            thread.httpd.shutdown()
            thread.httpd.server_close()
        thread.join(timeout=10)
        conn.dec_thread_sharing()


class AdminServer:
    """A running admin server; ``url(path)`` gives an absolute address on it."""

    def __init__(self, base_url):
        self.base_url = base_url

    def url(self, path="/"):
        return self.base_url + path


def start_admin_server():
    """``live_admin()`` for fixtures: returns ``(AdminServer, stop)``."""
    manager = live_admin()
    base_url = manager.__enter__()

    def stop():
        manager.__exit__(None, None, None)

    return AdminServer(base_url), stop


def log_in(page, server, username, password=DEMO_PASSWORD):
    """Sign in through the admin's login form (as a person would) in a fresh Playwright page.

    ``server``: the base URL (``live_admin()``) or an ``AdminServer``.
    """
    base_url = server if isinstance(server, str) else server.base_url
    page.context.clear_cookies()
    # The single-threaded test server may still be finishing the previous request's build: wait for it.
    page.goto(f"{base_url}/admin/login/", timeout=120_000)
    page.wait_for_selector("#id_username", timeout=120_000)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
