"""A feed costs the same queries however many of its items are unsigned articles (issue 15).

Naming an unsigned article's author asks its section (a pupils' corner or not); outside a full build that
was one query per item of the feed. Counted, not timed.
"""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from cms.news.models import ArticlePage
from cms.publishing.public import public_pages
from cms.publishing.renderers import RenderContext, render_source

from .helpers import publish, section

pytestmark = pytest.mark.django_db


def _unsigned(slug, day):
    article = ArticlePage(title=f"Bài {slug}", slug=slug, lead="Tóm tắt.", publication_date=day, body=[])
    section().add_child(instance=article)
    return publish(article)


def _queries(page, site):
    """Queries of rendering ``page``'s RSS feed in an incremental build (no page index), after the values
    a build reads once (settings, menus) are warm."""
    ctx = RenderContext(site, public_pages(site), sources=frozenset())
    render_source(f"rss:{page.pk}", ctx)
    with CaptureQueriesContext(connection) as captured:
        body = render_source(f"rss:{page.pk}", ctx)
    return len(captured.captured_queries), b"".join(body.values())


def test_a_feed_asks_the_sections_of_its_items_once():
    site = Site.objects.get(is_default_site=True)
    _unsigned("chua-ky-ten-0", date(2026, 11, 1))
    small, _ = _queries(section(), site)
    home_small, _ = _queries(site.root_page.specific, site)
    for n in range(1, 8):
        _unsigned(f"chua-ky-ten-{n}", date(2026, 11, 1 + n))
    large, body = _queries(section(), site)
    home_large, _ = _queries(site.root_page.specific, site)
    assert body.count(b"<item>") >= 8
    assert (large, home_large) == (small, home_small)
