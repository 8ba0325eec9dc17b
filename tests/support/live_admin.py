"""The real admin (Django + Wagtail) on a free loopback port, sharing the test's database transaction.

pytest-django's ``live_server`` needs ``transactional_db``, which empties every table after the test and so
throws away the demo school seeded once per session (``conftest.django_db_setup``). Here the server thread
uses the test's own connection instead, as Django's ``LiveServerTestCase`` does for in-memory SQLite: the
browser sees the demo school and whatever the test created, and everything is rolled back afterwards.
"""

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread


class AdminServer:
    """A running admin server; ``url(path)`` gives an absolute address on it."""

    def __init__(self, thread):
        self._thread = thread
        self.base_url = f"http://{thread.host}:{thread.port}"

    def url(self, path="/"):
        return self.base_url + path


def start_admin_server():
    """Start the server thread on 127.0.0.1 and a free port; returns ``(AdminServer, stop)``.

    Static files come from the app finders (as ``runserver`` serves them), so no ``collectstatic`` is needed.
    """
    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        # A PostgreSQL connection cannot be shared by the server's request threads (they close it).
        pytest.skip("browser tests of the admin share the in-memory SQLite test database")
    connection.inc_thread_sharing()
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={"default": connection})
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        connection.dec_thread_sharing()
        raise thread.error

    def stop():
        thread.terminate()
        connection.dec_thread_sharing()

    return AdminServer(thread), stop


def log_in(page, server, username, password="truong-hoc-2026"):
    """Sign in through the admin's login form, as a person would."""
    page.goto(server.url("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)
