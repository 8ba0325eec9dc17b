"""The back office on a free loopback port, inside the test's own transaction (SQLite in memory).

Django's ``LiveServerThread`` shares the test's in-memory SQLite connection (as ``LiveServerTestCase``
does), so the seeded demo school and anything the test creates are visible to the browser, and everything
is rolled back afterwards (no flush that would wipe the once-per-session seed). Under PostgreSQL the server
thread would not see the test's transaction: such tests are skipped there.
"""

from contextlib import contextmanager

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread


@contextmanager
def admin_server():
    """Yield the base URL (``http://127.0.0.1:<port>``) of a live back office sharing the test's database."""
    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        pytest.skip("the shared-transaction live server needs SQLite in memory")
    connection.inc_thread_sharing()
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={"default": connection})
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        connection.dec_thread_sharing()
