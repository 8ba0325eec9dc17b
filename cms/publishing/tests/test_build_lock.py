"""Issue 14: several workers (threads here, processes or hosts in production) build one at a time."""

import threading
import time

import pytest
from django.db import connection

from cms.publishing.builder import build_lock, database_build_lock


def _hold(lock, events, name, entered, release=None):
    try:
        with lock():
            events.append((name, "in", time.monotonic()))
            entered.set()
            if release is not None:
                release.wait(10)
            events.append((name, "out", time.monotonic()))
    finally:
        connection.close()  # this thread's own database connection


def _run_pair(lock):
    events, first_in, second_in, release = [], threading.Event(), threading.Event(), threading.Event()
    first = threading.Thread(target=_hold, args=(lock, events, "first", first_in, release))
    first.start()
    assert first_in.wait(10)
    second = threading.Thread(target=_hold, args=(lock, events, "second", second_in))
    second.start()
    # The second worker waits while the first builds...
    assert not second_in.wait(0.5)
    release.set()
    first.join(10)
    second.join(10)
    # ...and starts only once the first has finished.
    assert [(name, what) for name, what, _ in events] == [
        ("first", "in"),
        ("first", "out"),
        ("second", "in"),
        ("second", "out"),
    ]


@pytest.mark.django_db
def test_a_second_build_waits_for_the_first(site_dir):
    _run_pair(build_lock)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="hosts share the lock through PostgreSQL")
def test_workers_on_different_hosts_share_the_lock_through_the_database():
    """Different hosts have different output folders: only the database's advisory lock is common."""
    _run_pair(database_build_lock)
