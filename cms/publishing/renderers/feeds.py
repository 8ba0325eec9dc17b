"""RSS 2.0 and Atom feeds of any page that has ``feed_items()`` (home page: site-wide; sections)."""

from datetime import UTC, datetime, time

from django.utils import feedgenerator

from cms.core.models import SchoolSettings
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


def render_feed(page, site, kind, base_url):
    """The RSS (``kind="rss"``) or Atom feed of ``page``'s newest ``FEED_SIZE`` items, as bytes."""
    school = SchoolSettings.for_site(site).name or site.site_name
    page_url = base_url + (page.get_url(current_site=site) or "/")
    home = page.depth <= site.root_page.depth
    cls = RssFeed if kind == "rss" else AtomFeed
    feed = cls(
        title=school if home else f"{page.title} – {school}",
        link=page_url,
        description=getattr(page, "intro", "") or f"Tin mới của {school}",
        language="vi",
        feed_url=page_url + f"{kind}.xml",
    )
    for item in page.feed_items()[:FEED_SIZE]:
        item = item.specific
        link = base_url + (item.get_url(current_site=site) or "/")
        feed.add_item(
            title=item.title,
            link=link,
            unique_id=link,
            description=getattr(item, "lead", "") or item.search_description or item.title,
            pubdate=_published(item),
            updateddate=item.last_published_at or _published(item),
            author_name=getattr(item, "author_name", "") or None,
        )
    return feed.writeString("utf-8").encode()
