"""Helpers for the static engine's tests: publishing articles and reading the built site."""

import os
from datetime import date

from wagtail.rich_text import RichText

from cms.news.models import ArticlePage, SectionPage
from cms.publishing import release


def section(slug="hoat-dong-chuyen-mon"):
    return SectionPage.objects.get(slug=slug)


def new_article(title, slug, section_slug="hoat-dong-chuyen-mon", day=date(2026, 11, 27), body="", lead=None):
    """Create (not yet publish) an article in a section."""
    article = ArticlePage(
        title=title,
        slug=slug,
        lead=lead or f"Tóm tắt: {title}.",
        body=[("paragraph", RichText(f"<p>{body or title}</p>"))],
        publication_date=day,
        author_name="Nguyễn Thị Hà",
    )
    section(section_slug).add_child(instance=article)
    return article


def publish(article):
    article.save_revision().publish()
    return article


def live_dir():
    """The folder `current` points to now (resolved, so it stays the same after a later swap)."""
    return release.current_dir().resolve()


def files_of(root):
    return set(release.walk_files(root))


def rewritten(before, after):
    """Files of release ``after`` that are not the very same file (hard link) as in release ``before``."""
    changed = set()
    for rel in files_of(after):
        old = before / rel
        if not old.exists() or not os.path.samefile(old, after / rel):
            changed.add(rel)
    return changed


def text(rel):
    return (release.current_dir() / rel).read_text(encoding="utf-8")


def manifest():
    """The live release's whole manifest (root and parts, format 3) as one dictionary: files, pages, …"""
    from cms.publishing.manifest import read_tree

    return read_tree(release.current_dir().resolve()).whole()


def search_index_text():
    """All text the search index shows (titles and summaries of the metadata chunks)."""
    chunks = []
    for path in sorted((release.current_dir() / "chi-muc").glob("*/*/m*.json")):
        chunks.append(path.read_text(encoding="utf-8"))
    return "\n".join(chunks)


# The public site's bucket in the S3 tests (conftest.py::bucket).
SITE_BUCKET = "cong-ttdt-thnk"


def post_image_edit(client, image, new_file=True, **fields):
    """POST Wagtail's image edit form for ``image`` as the logged-in ``client``: same title and collection,
    a new 40×30 PNG as its file when ``new_file``, and ``fields`` (e.g. focal point values). Returns the
    response."""
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from PIL import Image as PILImage

    data = {
        "title": image.title,
        "collection": image.collection_id,
        "tags": "",
        "focal_point_x": "",
        "focal_point_y": "",
        "focal_point_width": "",
        "focal_point_height": "",
        **fields,
    }
    if new_file:
        buffer = BytesIO()
        PILImage.new("RGB", (40, 30), "red").save(buffer, "PNG")
        data["file"] = SimpleUploadedFile("anh.png", buffer.getvalue(), content_type="image/png")
    return client.post(reverse("wagtailimages:edit", args=[image.pk]), data)


def sqlite_file_copy(path):
    """Write this test's SQLite database (in memory, inside the test's transaction) to the file ``path``, for
    a child process to open. ``iterdump()`` runs on this very connection, so the open transaction does not
    block it (sqlite's backup API would wait for it); Wagtail's full-text tables (FTS5) do not dump and a
    build does not need them. Returns ``path``."""
    import sqlite3

    from django.db import connection

    connection.ensure_connection()
    target = sqlite3.connect(path)
    for statement in connection.connection.iterdump():
        if "_fts" not in statement:
            target.execute(statement)
    target.commit()
    target.close()
    return path
