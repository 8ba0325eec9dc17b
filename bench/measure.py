"""One measurement, run in its own process (so peak memory is the measurement's own): prints one JSON line.

``python -m bench.measure <what> [args]`` with DJANGO_SETTINGS_MODULE=portal_site.settings.bench and
the PORTAL_* folders of the school under test. ``what``: ``generate N`` | ``pending N`` | ``build`` |
``changes N`` (or one ``publish`` | ``unpublish`` | ``edit``) | ``admin`` | ``search``.

Only the public entry points of the publishing app are used (``build_site``, ``build_pending``, Wagtail's
revision publish and its signals) and the fields of ``BuildResult`` (files, written, pages, timings,
file_ops): the internals of a build may change without touching this harness.
"""

import json
import os
import sys
import threading
import time
from pathlib import Path


def _setup():
    import django

    django.setup()


class MemorySampler:
    """Peak memory (MB) of this process plus every descendant (build workers), sampled from /proc every
    ``interval`` seconds in a thread. ``ru_maxrss`` alone would miss the worker processes.

    Each process counts its proportional set size (PSS, ``/proc/<pid>/smaps_rollup``): forked workers
    share the build process's pages copy-on-write, and summing their resident sizes would count those
    pages once per process. Where PSS is not readable, the resident size is used (``rss_peak`` keeps the
    plain sum of resident sizes too, for comparison).
    """

    def __init__(self, interval=0.1):
        self.interval, self.peak, self._stop = interval, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        import resource

        self.peak = max(self.peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)

    @staticmethod
    def _tree(pid):
        pids, todo = [], [pid]
        while todo:
            current = todo.pop()
            pids.append(current)
            for task in Path(f"/proc/{current}/task").glob("*/children"):
                try:
                    todo += [int(c) for c in task.read_text().split()]
                except OSError:
                    pass
        return pids

    @staticmethod
    def _pss(pid):
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            pass
        return None

    def _run(self):
        page = os.sysconf("SC_PAGE_SIZE")
        self.rss_peak = 0.0
        while not self._stop.is_set():
            total = rss_total = 0
            for pid in self._tree(os.getpid()):
                try:
                    rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
                except (OSError, IndexError, ValueError):
                    continue
                pss = self._pss(pid)
                total += rss if pss is None else pss
                rss_total += rss
            self.peak = max(self.peak, total / 2**20)
            self.rss_peak = max(self.rss_peak, rss_total / 2**20)
            self._stop.wait(self.interval)


def _current():
    """The live release as readers see it: the ``current`` symlink of the site folder."""
    from django.conf import settings

    return Path(settings.SITE_OUTPUT_DIR) / "current"


def _wait_for_prune():
    from cms.publishing import release

    wait = getattr(release, "wait_for_prune", None)  # old releases are removed by a background thread
    if wait is not None:
        wait()


def _analyze():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def generate(pages):
    from cms.publishing.builder import builds_suspended

    from .generate import generate as make

    started = time.monotonic()
    with builds_suspended():
        counts = make(int(pages))
    _analyze()
    return {"seconds": time.monotonic() - started, **counts}


def pending(count):
    """Submit ``count`` more articles for review (real submissions); time per submission."""
    from cms.publishing.builder import builds_suspended

    from .generate import add_pending

    started = time.monotonic()
    with builds_suspended():
        waiting = add_pending(int(count))
    _analyze()
    seconds = time.monotonic() - started
    return {
        "seconds": seconds,
        "added": int(count),
        "waiting": waiting,
        "per_item_ms": seconds * 1000 / int(count),
    }


def build():
    from cms.publishing.builder import build_site

    with MemorySampler() as memory:
        started = time.monotonic()
        result = build_site(trigger="bench: full")
        seconds = time.monotonic() - started
    _wait_for_prune()
    html = sum(1 for f in result.files if f.endswith(".html"))
    return {
        "seconds": seconds,
        "pages": result.pages,
        "html": html,
        "files": len(result.files),
        "written": len(result.written),
        "pages_per_s": result.pages / seconds,
        "html_per_s": html / seconds,
        "peak_mb": memory.peak,
        "peak_rss_sum_mb": getattr(memory, "rss_peak", None),
        "timings": result.timings,
        "file_ops": getattr(result, "file_ops", None),
        "failures": len(result.failures),
        "workers": getattr(__import__("django.conf").conf.settings, "SITE_BUILD_WORKERS", None),
    }


class LinkWatcher:
    """Records when the ``current`` symlink of the site changes (the atomic swap readers see), polling its
    target every millisecond in a thread: no knowledge of how the build performs the swap."""

    def __init__(self, link):
        self.link, self.at, self._stop = link, None, threading.Event()
        self.before = self._target()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _target(self):
        try:
            return os.readlink(self.link)
        except OSError:
            return None

    def _run(self):
        while not self._stop.is_set():
            if self._target() != self.before:
                self.at = time.monotonic()
                return
            time.sleep(0.001)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def _timed_change(change):
    """Run ``change()`` (Wagtail's revision publish → page_published/unpublished signals → pending change →
    the build task, run inline by the immediate task backend) and time the swap ("live") and the end."""
    from cms.publishing import builder

    results = []
    original = builder.build_pending

    def capture(*args, **kwargs):  # the task calls builder.build_pending: keep its BuildResult
        result = original(*args, **kwargs)
        if result is not None:
            results.append(result)
        return result

    builder.build_pending = capture
    try:
        with LinkWatcher(_current()) as watcher:
            started = time.monotonic()
            change()
            builder.build_pending()  # nothing left if the task already ran (ImmediateBackend)
            finished = time.monotonic()
            time.sleep(0.005)
    finally:
        builder.build_pending = original
    _wait_for_prune()
    result = results[-1] if results else None
    out = {
        "live_s": (watcher.at or finished) - started,
        "finished_s": finished - started,
        "swapped": watcher.at is not None,
        "builds": len(results),
    }
    if result is not None:
        out.update(
            files_written=len(result.written),
            files_deleted=len(result.deleted),
            full=result.full,
            pages=result.pages,
            timings=result.timings,
            file_ops=getattr(result, "file_ops", None),
        )
    else:  # the build's record in the admin's build log
        from cms.publishing.models import SiteBuild

        record = SiteBuild.objects.order_by("-pk").first()
        out.update(files_written=record.files_written, files_deleted=record.files_deleted, full=record.full)
    return out


def _user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def publish():
    from datetime import date

    from wagtail.rich_text import RichText

    from cms.news.models import ArticlePage, SectionPage

    section = SectionPage.objects.live().order_by("path").first()
    principal = _user("hieutruong")
    stamp = time.time_ns()
    article = ArticlePage(
        title=f"Bài đo hiệu năng {stamp}",
        slug=f"bai-do-hieu-nang-{stamp}",
        lead="Tóm tắt bài đo.",
        body=[("paragraph", RichText("<p>Nội dung bài đo hiệu năng.</p>"))],
        publication_date=date(2026, 11, 28),
        author_name="Nguyễn Thị Hà",
        owner=principal,
        live=False,
    )
    from cms.publishing.builder import builds_suspended

    with builds_suspended():  # the draft is not a change of the public site
        section.add_child(instance=article)
        revision = article.save_revision(user=principal)
    return _timed_change(lambda: revision.publish(user=principal))


def unpublish():
    from cms.news.models import ArticlePage

    article = ArticlePage.objects.live().filter(slug__startswith="bai-do-hieu-nang-").order_by("-pk").first()
    article = article or ArticlePage.objects.live().order_by("-publication_date").first()
    return _timed_change(lambda: article.unpublish(user=_user("hieutruong")))


def edit():
    from cms.news.models import ArticlePage

    article = ArticlePage.objects.live().order_by("publication_date", "pk").first()
    principal = _user("hieutruong")

    def change():
        page = article.get_latest_revision_as_object()
        page.lead = page.lead + " (đã sửa)"
        page.save_revision(user=principal).publish(user=principal)

    return _timed_change(change)


def changes(rounds):
    """``rounds`` × (publish, edit, unpublish) in one warm process, as the long-running build worker
    (``db_worker``) does them; the first change of the process (an edit: templates compiled, caches filled)
    is reported apart as ``cold``."""
    out = {"cold": edit(), "publish": [], "edit": [], "unpublish": []}
    for _ in range(int(rounds)):
        for name in ("publish", "edit", "unpublish"):
            out[name].append(globals()[name]())
    return out


# The admin lists, each as the person who uses it (queries counted after one warm-up request).
ADMIN_VIEWS = (
    ("dashboard (tổ trưởng)", "totruong1", "wagtailadmin_home"),
    ("dashboard (hiệu trưởng)", "hieutruong", "wagtailadmin_home"),
    ("documents (văn thư)", "vanthu", "documents_officialdocumentpage_modeladmin_index"),
    ("notices (quản trị)", "quantri", "notices_noticepage_modeladmin_index"),
    ("catalogue (thủ thư)", "thuthu", "library_bibliographicrecord_modeladmin_index"),
)


def _rows(label, user):
    """How many rows the list stands for (waiting items for a dashboard, objects for a list)."""
    if label.startswith("dashboard"):
        from editorial.moderation.queue import awaiting_review_queryset

        return awaiting_review_queryset(user).count()
    if label.startswith("documents"):
        from cms.documents.models import OfficialDocumentPage

        return OfficialDocumentPage.objects.count()
    if label.startswith("notices"):
        from cms.notices.models import NoticePage

        return NoticePage.objects.count()
    from cms.library.models import BibliographicRecord

    return BibliographicRecord.objects.count()


def admin():
    """Queries and time of each admin list in ``ADMIN_VIEWS``, rendered for its real user."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    out = {}
    for label, username, name in ADMIN_VIEWS:
        try:
            url = reverse(name)
        except NoReverseMatch:
            out[label] = {"error": f"no URL {name}"}
            continue
        user = _user(username)
        client = Client()
        client.force_login(user)
        client.get(url)  # warm per-process caches
        with CaptureQueriesContext(connection) as ctx:
            started = time.monotonic()
            response = client.get(url)
            seconds = time.monotonic() - started
        out[label] = {
            "user": username,
            "status": response.status_code,
            "queries": len(ctx.captured_queries),
            "seconds": seconds,
            "rows": _rows(label, user),
        }
    return out


# Queries typed by a parent, first in a fresh browser: a frequent pair and rarer words.
SEARCH_QUERIES = ("học sinh", "hoạt động ngoại khóa", "thư viện đọc sách")


def search():
    """Index size and the bytes ``static/js/search.js`` fetches for a first query (cold cache), replaying its
    requests on the live release: ``chi-muc/shards.json``; every shard's ``index.json``; per shard, the term
    bucket ``<version>/b<i>.json`` of every lookup term; then the metadata chunks ``<version>/m<j>.json`` of
    the first 20 results. Each distinct URL counts once (search.js caches them). Bytes are the files' sizes
    (uncompressed) and, beside them, their gzip size (nginx's ``gzip on`` for JSON)."""
    import gzip

    from cms.publishing import search_index as si

    root = _current() / "chi-muc"
    index_bytes = sum(
        (Path(folder) / name).stat().st_size
        for folder, _, names in os.walk(root, followlinks=True)
        for name in names
    )
    names = json.loads((root / "shards.json").read_text())
    indexes = [dict(json.loads((root / n / "index.json").read_text()), name=n) for n in names]
    out = {"shards": len(names), "index_bytes": index_bytes, "queries": {}}
    for query in SEARCH_QUERIES:
        fetched = {"shards.json": None, **{f"{n}/index.json": None for n in names}}
        groups = [[w] for w in dict.fromkeys(si.syllables(query)) if w not in si.FUNCTION_SYLLABLES]
        hits = []
        for index in indexes:
            if not index["n"]:
                continue
            lists = []
            for options in groups:
                found = set()
                for term in options:
                    rel = f"{index['name']}/{index['version']}/b{si.bucket_of(term, index['buckets'])}.json"
                    fetched[rel] = None
                    bucket = json.loads((root / rel).read_text())
                    found |= set(_decode(bucket.get(term, [])))
                lists.append(found)
            ids = sorted(set.intersection(*lists)) if lists else []
            hits += [(index, i) for i in ids]
        for index, i in hits[:20]:
            fetched[f"{index['name']}/{index['version']}/m{i // index['per']}.json"] = None
        raw = sum((root / rel).stat().st_size for rel in fetched)
        packed = sum(len(gzip.compress((root / rel).read_bytes(), 6)) for rel in fetched)
        out["queries"][query] = {
            "requests": len(fetched),
            "bytes": raw,
            "gzip_bytes": packed,
            "hits": len(hits),
        }
    out["first_query_bytes"] = max(q["bytes"] for q in out["queries"].values())
    out["first_query_gzip_bytes"] = max(q["gzip_bytes"] for q in out["queries"].values())
    script = Path(__file__).resolve().parent.parent / "portal_site" / "static" / "js" / "search.js"
    out["script_bytes"] = script.stat().st_size
    return out


def _decode(postings):
    """Page numbers of a posting (search.js ``decode``): a gap list or a base64 bitmap."""
    import base64

    if isinstance(postings, str):
        data = base64.b64decode(postings)
        return [b * 8 + bit for b, byte in enumerate(data) for bit in range(8) if byte & (1 << bit)]
    ids, n = [], 0
    for gap in postings:
        n += gap
        ids.append(n)
    return ids


def main():
    _setup()
    what, *args = sys.argv[1:]
    result = globals()[what](*args)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
