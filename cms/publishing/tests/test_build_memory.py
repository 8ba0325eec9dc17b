"""Issue 15, item 3: a full build's memory stays bounded as the site grows.

Counted, not measured (memory figures of a shared machine are noisy): what the build process keeps per
page is one object per distinct string (paths, sources, links), and the objects that exist when the render
workers are forked stay out of reach of the workers' garbage collector, so the pages holding them stay
shared with the build process instead of being copied into every worker.
"""

import gc
import sys

import pytest

from cms.publishing import parallel
from cms.publishing.builder import build_site
from cms.publishing.targets.local import live_manifest


def _frozen_in_worker(_chunk):
    return gc.get_freeze_count()


def test_workers_are_forked_with_the_build_process_objects_frozen():
    """Objects created before the fork (here 20,000 dicts, in a build the plan and the page index) are in
    the collector's permanent generation in each worker, and in the build process while the workers run
    (its collections would otherwise copy every shared page into itself); it collects them again after."""
    plan = [{"deps": [f"page:{i}"]} for i in range(20_000)]
    seen = []

    def consume(_index, frozen_in_worker):
        seen.append((frozen_in_worker, gc.get_freeze_count()))

    pids = parallel.run_chunks([[1], [2], [3], [4]], _frozen_in_worker, consume, 2)

    assert len(pids) == 2
    assert len(seen) == 4, seen
    assert all(worker >= len(plan) and here >= len(plan) for worker, here in seen), seen
    assert gc.get_freeze_count() == 0  # this process's collector sees its objects again


@pytest.mark.django_db
def test_a_full_build_keeps_one_string_per_distinct_path_and_source(warm_renditions, site_dir):
    """The manifest entries and the plan hold each path, source and link once, whatever the number of
    pages that share it: an article's link to its section, or a listing every article of a section
    depends on, is one string object, not one copy per page (the pages_map's dependencies and each
    HTML file's ``links`` would otherwise grow with pages × links)."""
    build_site(trigger="test: memory")
    manifest = live_manifest()

    links = [link for entry in manifest.files.values() for link in entry.get("links", ())]
    assert len(links) > len(set(links))  # several pages link the same page (a section, a feed)
    assert len({id(s) for s in links}) == len(set(links))
    keys = {path: path for path in manifest.files}
    linked_files = [link for link in links if link in keys]
    assert linked_files and all(link is keys[link] for link in linked_files)

    sources = [entry["source"] for entry in manifest.files.values()]
    assert len({id(s) for s in sources}) == len(set(sources))

    deps = [dep for page in manifest.pages.values() for dep in page["deps"]]
    assert len(deps) > len(set(deps))  # shared dependencies (the home page lists many pages)
    assert len({id(s) for s in deps}) == len(set(deps))
    assert all(dep is sys.intern(dep) for dep in deps)


def _pid(chunk):
    import os

    return chunk[0], os.getpid()


def test_workers_are_replaced_by_fresh_forks_once_one_outgrows_its_memory_bound(monkeypatch):
    """A worker's own memory grows as it renders (copied pages, caches): once one reports more than
    ``WORKER_MEMORY_MB``, the workers finish the chunks they hold and fresh forks of the build process
    take over; every chunk is still consumed once under its own index."""
    monkeypatch.setattr(parallel, "WORKER_MEMORY_MB", 0)  # every worker is over it after its first chunk
    seen = {}
    pids = parallel.run_chunks(
        [[i] for i in range(10)], _pid, lambda index, result: seen.update({index: result}), 2
    )

    assert sorted(seen) == list(range(10)) and all(seen[i][0] == i for i in seen)
    assert {pid for _, pid in seen.values()} == pids
    # Each pool is handed at most 2 × workers chunks before it retires, and no process of one pool
    # renders for another: chunks 0–3, 4–7 and 8–9 (handed out in order) each come from their own pool.
    pools = [{seen[i][1] for i in range(k, min(k + 4, 10))} for k in (0, 4, 8)]
    assert not (pools[0] & pools[1]) and not (pools[1] & pools[2]) and not (pools[0] & pools[2]), pools


def test_workers_under_their_memory_bound_render_the_whole_build(monkeypatch):
    """Below the bound nothing is replaced: a new worker would only warm up again (templates, caches)."""
    monkeypatch.setattr(parallel, "WORKER_MEMORY_MB", 10**6)
    seen = {}
    pids = parallel.run_chunks(
        [[i] for i in range(12)], _pid, lambda index, result: seen.update({index: result}), 2
    )

    assert sorted(seen) == list(range(12))
    assert len(pids) == 2


def test_a_process_reads_its_own_memory_and_sees_it_grow():
    """The bound is checked against what the worker itself no longer shares (``private_mb``)."""
    before = parallel.private_mb()
    ballast = bytearray(64 * 2**20)  # 64 MB written (zero pages are still touched by bytearray)
    ballast[::4096] = b"x" * len(ballast[::4096])
    after = parallel.private_mb()
    del ballast

    assert before is not None and before > 0
    assert after - before >= 60, (before, after)
