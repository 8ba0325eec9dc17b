"""What readers, feed readers, crawlers and other systems get: feeds, sitemaps, robots, 404, JSON."""

import hashlib
import json
from pathlib import Path

import feedparser
import pytest
from django.conf import settings
from lxml import etree

from cms.core.school_pages import SectionKey, school_page
from cms.home.models import HomePage
from cms.news.factories import ArticlePageFactory
from cms.publishing import release
from cms.publishing.manifest import is_manifest_path

from .helpers import manifest as whole_manifest
from .helpers import section, text

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture(autouse=True)
def one_article_per_section():
    """A published article in each news section (the world has one in "Tin tức – Sự kiện" only), made
    before ``built_site`` builds: every section has a feed entry and a sitemap entry."""
    for key in SectionKey:
        ArticlePageFactory(parent=school_page(key))


def _schema(name):
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.mark.parametrize(
    "path", ["rss.xml", "atom.xml", "hoat-dong-chuyen-mon/rss.xml", "goc-hoc-sinh/atom.xml"]
)
def test_feeds_parse_cleanly(built_site, path):
    feed = feedparser.parse((release.current_dir() / path).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title
    assert 0 < len(feed.entries) <= 20
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    for entry in feed.entries:
        assert entry.title and entry.link.startswith(base + "/")
        assert (release.current_dir() / entry.link.removeprefix(base + "/") / "index.html").exists()
    if path.startswith("hoat-dong-chuyen-mon/"):
        newest = section().articles().first()
        assert feed.entries[0].title == newest.title


def test_sitemap_index_and_section_sitemaps_are_valid(built_site):
    from cms.publishing.public import public_pages
    from cms.publishing.renderers.sitemaps import path_group, split_group

    index = etree.parse(str(release.current_dir() / "sitemap.xml"))
    _schema("siteindex.xsd").assertValid(index)
    locs = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    base = settings.SITE_PUBLIC_URL.rstrip("/")
    names = {loc.removeprefix(base + "/") for loc in locs}
    # One sitemap per top-level branch of the site (news sections, documents, notices, …) and month of its
    # pages, plus the rest.
    home = HomePage.objects.get()
    branches = {
        p.slug for p in home.get_children().live().public() if p.specific_class.allowed_subpage_models()
    }
    assert {"tin-tuc-su-kien", "hoat-dong-chuyen-mon", "hoat-dong-doi-cong-doan", "goc-hoc-sinh"} <= branches
    parts = {path_group(name.removeprefix("sitemaps/").removesuffix(".xml")) for name in names}
    assert "trang-khac" in parts
    assert {split_group(part)[0] for part in parts - {"trang-khac"}} == branches
    assert all(split_group(part)[2] for part in parts - {"trang-khac"}), parts  # every page has a month
    urlset = _schema("sitemap.xsd")
    listed = []
    for name in names:
        doc = etree.parse(str(release.current_dir() / name))
        urlset.assertValid(doc)
        listed += doc.xpath("//sm:url/sm:loc/text()", namespaces=NS)
    # Every public page exactly once, in one part.
    site = home.get_site()
    expected = sorted(
        base + (p.get_url(current_site=site) or "/") for p in public_pages(site, specific=False)
    )
    assert sorted(listed) == expected
    article = section().articles().first()
    day = article.publication_date
    assert base + article.url in text(f"sitemaps/hoat-dong-chuyen-mon/{day.year}/{day.month:02d}.xml")
    assert base + "/" in listed
    assert f"Sitemap: {base}/sitemap.xml" in text("robots.txt")


@pytest.fixture
def twenty_more_articles():
    """More articles than the latest-news JSON lists (20)."""
    ArticlePageFactory.create_batch(20)


def test_not_found_page_json_and_manifest(twenty_more_articles, built_site):
    assert "Không tìm thấy trang" in text("404.html")
    latest = json.loads(text("api/v1/tin-moi.json"))
    assert len(latest["bai_viet"]) == 20
    first = latest["bai_viet"][0]
    assert (release.current_dir() / first["duong_dan"].strip("/") / "index.html").exists()

    manifest = whole_manifest()
    assert manifest["release"] == release.live_release() and manifest["built_at"]
    on_disk = {p for p in release.walk_files(release.current_dir()) if not is_manifest_path(p)}
    assert set(manifest["files"]) == on_disk
    for rel, entry in manifest["files"].items():
        data = (release.current_dir() / rel).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest(), rel
    assert any(p.startswith("media/images/") for p in manifest["files"])  # renditions the pages show
    assert "tim-kiem/index.html" in manifest["files"]


def test_files_from_other_apps_are_written_only_when_their_bytes_change(built_site):
    from wagtail import hooks

    from cms.publishing.builder import build_site

    documents = {"du-lieu/thu-nghiem.json": b'[{"so_ky_hieu": "39/QC-THNK"}]'}

    def register(site):
        return dict(documents)

    with hooks.register_temporarily("register_static_files", register):
        result = build_site(trigger="test: hook")
        assert "du-lieu/thu-nghiem.json" in result.written
        assert text("du-lieu/thu-nghiem.json") == '[{"so_ky_hieu": "39/QC-THNK"}]'
        assert build_site(trigger="test: hook again").written == ["manifest.json"]
        documents["du-lieu/thu-nghiem.json"] = b"[]"
        assert "du-lieu/thu-nghiem.json" in build_site(trigger="test: hook changed").written
        documents["../ngoai-trang.txt"] = b"x"
        # An odd path fails that hook only: the build is partial, the hook keeps its previous files.
        result = build_site(trigger="test: bad path")
        assert result.partial and "Đường dẫn tệp tĩnh không hợp lệ" in str(result.failures)
        assert text("du-lieu/thu-nghiem.json") == "[]"
        assert not (release.current_dir().parent / "ngoai-trang.txt").exists()
    result = build_site(trigger="test: hook gone")
    assert "du-lieu/thu-nghiem.json" in result.deleted
    assert not (release.current_dir() / "du-lieu/thu-nghiem.json").exists()
