"""RSS 2.0 and Atom feeds of any page that has ``feed_items()`` (home page: site-wide; sections).

Text goes in as text: every string is cleaned of XML-illegal characters (a stored ``\x0b`` can never
fail a build) and the item description, which RSS and Atom (``type="html"``) define as HTML, carries the
plain-text lead HTML-escaped, so ``<img onerror=…>`` in a lead reaches the reader as visible text.
Authors are named through ``cms.core.people`` (pupils by their given name); every Atom feed names the school
as its feed-level ``atom:author`` (RFC 4287 §4.1.1).
"""

from datetime import UTC, datetime, time

from django.utils import feedgenerator
from django.utils.html import escape

from cms.core.models import SchoolSettings
from cms.core.text import clean_plain
from cms.core.vietnamese import VN_TZ

FEED_SIZE = 20
# An empty feed must render the same bytes every time, or it would be rewritten on every build.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


class _StableDate:
    def latest_post_date(self):
        dates = [d for item in self.items for d in (item["updateddate"], item["pubdate"]) if d is not None]
        return max(dates) if dates else EPOCH


class RssFeed(_StableDate, feedgenerator.Rss201rev2Feed):
    content_type = "application/rss+xml; charset=utf-8"


class AtomFeed(_StableDate, feedgenerator.Atom1Feed):
    content_type = "application/atom+xml; charset=utf-8"


def _published(item):
    day = getattr(item, "publication_date", None)
    if day is not None:
        # An article dated "26/11" was published that morning in Vietnam, not at midnight UTC.
        return datetime.combine(day, time(7, 0), tzinfo=VN_TZ)
    return item.first_published_at or EPOCH


def _author(item, site):
    """The item's author as the site names them publicly (never the stored full name of a pupil)."""
    accessor = getattr(item, "public_author_name", None)
    if not callable(accessor):
        return None
    from cms.core.people import student_full_names_allowed

    return clean_plain(accessor(student_full_names_allowed(site))) or None


def _attach_parents(items):
    """Give ``items`` their parent page (treebeard's cached parent) in one query per parent type.

    Naming an unsigned article's author asks its section (a pupils' corner or not:
    ``ArticlePage.effective_author_kind``): without this, one query per item of the feed outside a full
    build, whose page index answers it instead (``render_cache.parent_of``)."""
    from wagtail.models import Page

    from cms.core import render_cache

    if render_cache.current("page_index") is not None:
        return
    step = Page.steplen
    missing = [item for item in items if "_cached_parent_obj" not in item.__dict__ and item.depth > 1]
    paths = {item.path[:-step] for item in missing}
    if not paths:
        return
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths).specific()}
    for item in missing:
        parent = parents.get(item.path[:-step])
        if parent is not None:
            item._cached_parent_obj = parent


def render_feed(page, site, kind, base_url):
    """The RSS (``kind="rss"``) or Atom feed of ``page``'s newest ``FEED_SIZE`` items, as bytes."""
    school = SchoolSettings.for_site(site).name or site.site_name
    page_url = base_url + (page.get_url(current_site=site) or "/")
    home = page.depth <= site.root_page.depth
    cls = RssFeed if kind == "rss" else AtomFeed
    # RFC 4287 §4.1.1: an Atom feed needs atom:author at feed level unless every entry has one; the school
    # (never a person) is the author of every feed. RSS has no feed-level author element.
    author = {"author_name": clean_plain(school), "author_link": base_url + "/"} if kind == "atom" else {}
    feed = cls(
        title=clean_plain(school if home else f"{page.title} – {school}"),
        link=page_url,
        description=clean_plain(getattr(page, "intro", "") or f"Tin mới của {school}"),
        language="vi",
        feed_url=page_url + f"{kind}.xml",
        **author,
    )
    items = [item.specific for item in page.feed_items()[:FEED_SIZE]]
    _attach_parents(items)
    for item in items:
        link = base_url + (item.get_url(current_site=site) or "/")
        summary = getattr(item, "lead", "") or item.search_description or item.title
        feed.add_item(
            title=clean_plain(item.title),
            link=link,
            unique_id=link,
            description=escape(clean_plain(summary)),  # an HTML field: the plain text escaped as HTML
            pubdate=_published(item),
            updateddate=item.last_published_at or _published(item),
            author_name=_author(item, site),
        )
    return feed.writeString("utf-8").encode()
