"""Helpers for the static engine's tests: publishing articles and reading the built site."""

import gzip
import json
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
    return json.loads(text("manifest.json"))


def search_index_text():
    """All text the Pagefind index holds (fragments are gzip-compressed JSON)."""
    chunks = []
    for path in sorted((release.current_dir() / "pagefind").glob("*/fragment/*.pf_fragment")):
        chunks.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    return "\n".join(chunks)
