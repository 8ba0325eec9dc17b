"""Transactional tests here (concurrent imports, the live-server browser test) end with pytest-django
emptying every table, which would throw away the demo school seeded once per session for the tests that run
after them. On in-memory SQLite the database is copied (SQLite backup API) once the test's fixtures are set up
and copied back after its teardown, so later tests see the demo school again."""

import sqlite3

import pytest
from django.db import connections


def _transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(
        item, "fixturenames", ()
    )


def _raw_connection():
    # The in-memory test database lives as long as Django's connection to it, which stays open all session.
    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        return None
    return connection.connection


def _seed_if_missing():
    from tests.support.demo import seed_demo_after_flush

    seed_demo_after_flush()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    result = yield
    if _transactional(item):
        raw = _raw_connection()
        if raw is None:
            # PostgreSQL: no snapshot; an earlier transactional test may have emptied the database.
            _seed_if_missing()
        if raw is not None:
            snapshot = sqlite3.connect(":memory:", check_same_thread=False)
            raw.backup(snapshot)
            item._library_db_snapshot = snapshot
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    snapshot = getattr(item, "_library_db_snapshot", None)
    if snapshot is not None:
        raw = _raw_connection()
        if raw is not None:
            snapshot.backup(raw)
        snapshot.close()
        item._library_db_snapshot = None
    return result
