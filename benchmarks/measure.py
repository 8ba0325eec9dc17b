"""One measurement, run in its own process (so peak memory is the build's own): prints one JSON line.

``python -m benchmarks.measure <what>`` with DJANGO_SETTINGS_MODULE=portal_site.settings.bench and the
PORTAL_* folders of the school under test. ``what``: generate N | build | publish | unpublish | edit |
admin | search.
"""

import json
import resource
import sys
import time


def _setup():
    import django

    django.setup()


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(pages):
    from cms.publishing.builder import builds_suspended

    from .generate import generate as make

    started = time.monotonic()
    with builds_suspended():
        counts = make(int(pages))
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"seconds": time.monotonic() - started, **counts}


def build():
    from cms.publishing import release
    from cms.publishing.builder import build_site

    started = time.monotonic()
    result = build_site(trigger="bench: full")
    seconds = time.monotonic() - started
    release.wait_for_prune()
    html = sum(1 for f in result.files if f.endswith(".html"))
    return {
        "seconds": seconds,
        "pages": result.pages,
        "html": html,
        "files": len(result.files),
        "pages_per_s": result.pages / seconds,
        "peak_mb": _peak_mb(),
        "timings": result.timings,
        "failures": len(result.failures),
    }


def _timed_change(change):
    """Run ``change()`` (a publish path through the signals and the task) and time the swap and the end."""
    from cms.publishing import release
    from cms.publishing.builder import build_pending

    swapped = {}
    original = release.activate

    def activate(*args, **kwargs):
        result = original(*args, **kwargs)
        swapped.setdefault("at", time.monotonic())
        return result

    release.activate = activate
    try:
        started = time.monotonic()
        change()
        result = build_pending()  # nothing left if the task ran inline (ImmediateBackend)
        finished = time.monotonic()
    finally:
        release.activate = original
    from cms.publishing.models import SiteBuild

    build = SiteBuild.objects.order_by("-pk").first()
    return {
        "live_s": swapped.get("at", finished) - started,
        "finished_s": finished - started,
        "files_written": build.files_written,
        "files_deleted": build.files_deleted,
        "full": build.full,
        "timings": getattr(result, "timings", None),
    }


def publish():
    from datetime import date

    from wagtail.rich_text import RichText

    from cms.news.models import ArticlePage, SectionPage

    section = SectionPage.objects.live().order_by("path").first()

    def change():
        article = ArticlePage(
            title=f"Bài đo hiệu năng {time.time_ns()}",
            slug=f"bai-do-hieu-nang-{time.time_ns()}",
            lead="Tóm tắt bài đo.",
            body=[("paragraph", RichText("<p>Nội dung bài đo hiệu năng.</p>"))],
            publication_date=date(2026, 11, 28),
            author_name="Nguyễn Thị Hà",
        )
        section.add_child(instance=article)
        article.save_revision().publish()

    return _timed_change(change)


def unpublish():
    from cms.news.models import ArticlePage

    article = ArticlePage.objects.live().filter(slug__startswith="bai-do-hieu-nang-").order_by("-pk").first()
    article = article or ArticlePage.objects.live().order_by("-publication_date").first()
    return _timed_change(lambda: article.unpublish())


def edit():
    from cms.news.models import ArticlePage

    article = ArticlePage.objects.live().order_by("publication_date", "pk").first()

    def change():
        page = article.get_latest_revision_as_object()
        page.lead = page.lead + " (đã sửa)"
        page.save_revision().publish()

    return _timed_change(change)


def admin():
    """Queries and time of the dashboard and the documents admin list, as a superuser."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user_model = get_user_model()
    user = user_model.objects.filter(is_superuser=True).first()
    if user is None:
        user = user_model.objects.create_superuser("bench-admin", "bench@example.invalid", "bench-admin-pass")
    client = Client()
    client.force_login(user)
    out = {}
    for label, url in (("dashboard", "/admin/"), ("documents", _documents_url())):
        if url is None:
            continue
        client.get(url)  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            started = time.monotonic()
            response = client.get(url)
            seconds = time.monotonic() - started
        out[label] = {
            "status": response.status_code,
            "queries": len(ctx.captured_queries),
            "seconds": seconds,
        }
    return out


def _documents_url():
    from django.urls import NoReverseMatch, reverse

    for name in (
        "documents_officialdocumentpage_modeladmin_index",
        "wagtailsnippets_documents_officialdocumentpage:list",
    ):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


def search():
    """Index size and an estimate of the bytes a browser fetches for one query (see docs/benchmarks.md)."""
    from cms.publishing import release

    root = release.current_dir() / "pagefind"
    shards = json.loads((root / "shards.json").read_text())
    total = 0
    for rel in release.walk_files(root):
        total += (root / rel).stat().st_size
    first_query = 0
    per_shard = {}
    for shard in shards:
        folder = root / shard
        fixed = sum(
            (folder / name).stat().st_size
            for name in ("pagefind-entry.json", "pagefind.js", "wasm.unknown.pagefind")
            if (folder / name).exists()
        )
        metas = sorted(folder.glob("pagefind.*.pf_meta"))
        meta = metas[0].stat().st_size if metas else 0
        chunks = [p.stat().st_size for p in (folder / "index").glob("*.pf_index")]
        chunk = max(chunks) if chunks else 0  # the chunk holding the query term (largest, worst case)
        fragments = sorted(p.stat().st_size for p in (folder / "fragment").glob("*.pf_fragment"))
        per_shard[shard] = fixed + meta + chunk
        first_query += meta + chunk
        if shard == shards[0]:
            first_query += fixed + sum(fragments[-5:])  # the loader once, five result fragments
    return {"shards": len(shards), "index_bytes": total, "first_query_bytes": first_query}


def main():
    _setup()
    what, *args = sys.argv[1:]
    result = globals()[what](*args)
    print(json.dumps(result, default=str))


if __name__ == "__main__":
    main()
