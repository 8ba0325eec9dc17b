"""Rendering a build's sources on every core: chunks of sources handed to forked worker processes.

A full build renders thousands of independent sources; one Python process uses one core. ``run_chunks``
hands chunks of sources to ``workers`` processes forked from the build (so they start with its code,
settings and plan, nothing is pickled but the chunk's source names) and gives each chunk's result back
to the build process as soon as it is done, which writes it into the release (one writer: the
release's directory versions and file-operation counts stay in one process). Memory stays bounded: a
worker holds one chunk's output at a time and the build process writes each result as it arrives.

Each worker opens its own database connection: Django's connections are closed before forking
(SQLite) or dropped in the child without closing them (PostgreSQL, where the build process's session
holds the build's advisory lock and a child closing the shared socket would end it). Workers therefore
only see committed data, which is why ``can_fork`` refuses inside a transaction (a test's, or the
rolled-back pass that hides failed new pages) and on an in-memory SQLite database: the build renders
in its own process then, exactly as before. Workers render from the same ``public_pages`` queryset as
the build process, so they publish nothing a serial build would not.

``settings.SITE_BUILD_WORKERS`` (env ``PORTAL_SITE_BUILD_WORKERS``, default: the CPUs this process may
use) sets the number of processes; builds with fewer than ``MIN_SOURCES`` sources (every publish)
render serially, as forking costs more than it saves there.
"""

import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# Builds with fewer sources render in the build process (a publish re-renders a few dozen).
MIN_SOURCES = 200
# Sources per chunk: small enough to balance the cores and bound the bytes in flight, large enough that
# the per-chunk page load (one query per page type) and the hand-over cost little.
CHUNK_SIZE = 40
# A worker's own memory (MB, the pages it no longer shares with the build process: Private_Clean +
# Private_Dirty of /proc/self/smaps_rollup) beyond which the workers are replaced by fresh forks of the
# build process. A worker's memory grows as it renders: it copies the pages of every inherited object it
# reads (the indexed pages of the listings, sitemaps and feeds it renders; reference counts are writes)
# and fills its per-build caches (page URLs). Replacing the workers when one reaches this bounds that
# growth whatever the size of the site, and costs nothing where a build never gets there: a new worker
# warms up again (templates, settings, caches), which is why the bound is on memory, not on a number of
# chunks (measured in decision 0015-parallel-streaming-builds, "third memory pass").
WORKER_MEMORY_MB = 90
# Where a worker cannot read its own memory (no /proc): replaced after this many chunks instead.
WORKER_CHUNKS = 100

# The chunk function of the running ``run_chunks`` (set before forking, so workers inherit it).
_job = None
# Database connections inherited from the build process; kept referenced so they are never closed
# (closing would end the parent's PostgreSQL session, which shares the socket).
_inherited = []


def configured_workers():
    """The number of rendering processes for large builds (``settings.SITE_BUILD_WORKERS``, at least 1)."""
    try:
        return max(1, int(getattr(settings, "SITE_BUILD_WORKERS", 1) or 1))
    except (TypeError, ValueError):
        return 1


def default_workers():
    """The CPUs this process may run on (the default of ``SITE_BUILD_WORKERS``)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork():
    """True when forked workers would see exactly what this process sees: Linux's fork, no open
    transaction on any connection (its uncommitted rows are invisible to a new connection), and no
    in-memory SQLite database (a new connection would open an empty one)."""
    if not sys.platform.startswith("linux"):
        return False
    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block:
            return False
    for conn in connections.all():
        if conn.vendor == "sqlite" and conn.is_in_memory_db():
            return False
    return True


def workers_for(count):
    """How many processes render ``count`` sources: 1 (this process) for small builds or when forking
    is unsafe, else ``configured_workers()``."""
    workers = configured_workers()
    if workers < 2 or count < MIN_SOURCES or not can_fork():
        return 1
    return workers


def chunks(sources, size=None):
    """``sources`` (any iterable) sorted and cut into lists of ``size`` (``CHUNK_SIZE``)."""
    size = size or CHUNK_SIZE
    ordered = sorted(sources)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def _before_fork():
    """Close what a child must not share. SQLite handles must not cross a fork; PostgreSQL sessions are
    kept (the build's advisory lock lives in it) and dropped in the child instead (``_in_child``)."""
    for conn in connections.all(initialized_only=True):
        if conn.vendor != "postgresql":
            conn.close()


# File descriptors a worker must not keep (the build lock): closed at its start, so a worker that
# outlives a killed build holds nothing the next build waits for.
_close_in_children = set()


def close_in_children(fd):
    """Have forked workers close ``fd`` when they start."""
    _close_in_children.add(fd)


def keep_in_children(fd):
    _close_in_children.discard(fd)


def _die_with_parent():
    """Linux: the worker gets SIGKILL when the build process dies (killed, crashed): no orphan keeps
    rendering or holding files of an abandoned release."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() == 1:
        os._exit(1)  # the build died before this worker started


def _in_child():
    """Worker start: die with the build, drop the build lock's descriptor, forget the inherited
    connections (without closing them) so the first query opens this process's own."""
    _die_with_parent()
    for fd in list(_close_in_children):
        try:
            os.close(fd)
        except OSError:
            pass
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _inherited.append(conn.connection)
            conn.connection = None


def private_mb():
    """This process's own memory in MB (``Private_Clean + Private_Dirty`` of ``/proc/self/smaps_rollup``:
    what it no longer shares with the process it was forked from), or None where that is not readable."""
    try:
        with open("/proc/self/smaps_rollup", "rb") as rollup:
            kilobytes = sum(int(line.split()[1]) for line in rollup if line.startswith(b"Private_"))
    except (OSError, IndexError, ValueError):
        return None
    return kilobytes / 1024


def _run(index, chunk):
    return index, os.getpid(), _job(chunk), private_mb()


def run_chunks(chunk_list, job, consume, workers):
    """Call ``job(chunk)`` for every chunk and ``consume(index, result)`` with each result; returns the set
    of process ids that ran ``job``.

    ``workers`` ≤ 1: in this process, in order. Otherwise in ``workers`` forked processes; results come
    back in completion order (``consume`` must not depend on it), at most ``2 × workers`` chunks are
    queued at once so finished results never pile up; once a worker's own memory passes
    ``WORKER_MEMORY_MB`` (or, where it cannot tell, after ``WORKER_CHUNKS × workers`` chunks) the
    workers finish what they hold and are replaced by fresh forks (so more process ids than ``workers``
    may be returned). ``job`` must catch its own per-source errors: an exception escaping it, or a
    worker that dies, fails the build (the live release stays).
    """
    global _job
    if workers <= 1 or len(chunk_list) <= 1:
        for index, chunk in enumerate(chunk_list):
            consume(index, job(chunk))
        return {os.getpid()}
    _job = job
    pids = set()
    try:
        queue = list(enumerate(chunk_list))
        queue.reverse()
        while queue:  # one pool per round: each starts from a fresh fork (see WORKER_MEMORY_MB)
            _run_pool(queue, consume, workers, pids)
    finally:
        _job = None
    return pids


def _run_pool(queue, consume, workers, pids):
    """Run ``(index, chunk)`` pairs popped from the end of ``queue`` in a new pool of ``workers`` forked
    processes, until it is empty or a worker outgrows ``WORKER_MEMORY_MB`` (the rest stays queued)."""
    _before_fork()
    pool = ProcessPoolExecutor(
        max_workers=min(workers, len(queue)),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_in_child,
    )
    # Every object this process holds (the plan, the page index, the manifest entries so far) moves to
    # the collector's permanent generation while the workers run (they are forked all at once, by the
    # first ``submit``): no collection, in a worker or here, writes into those objects' headers, so the
    # memory pages holding them stay shared by all the processes instead of being copied into each.
    gc.freeze()
    try:
        pending, handed, retire = set(), 0, False
        while (queue and not retire) or pending:
            while queue and not retire and len(pending) < 2 * workers:
                index, chunk = queue.pop()
                pending.add(pool.submit(_run, index, chunk))
                handed += 1
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in sorted(done, key=lambda f: f.result()[0]):
                index, pid, result, memory = future.result()
                pids.add(pid)
                consume(index, result)
                if memory is None:
                    retire = retire or handed >= WORKER_CHUNKS * workers
                else:
                    retire = retire or memory > WORKER_MEMORY_MB
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        gc.unfreeze()  # the workers are gone: this process collects its older objects again
