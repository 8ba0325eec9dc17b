"""The built public portal: light home page, structured data, Open Graph, dates, media carried along."""

import json
import re
from datetime import date

import pytest
from django.conf import settings
from lxml import html as lxml_html

from cms.core.factories import DocumentFactory, ImageFactory
from cms.core.school_pages import HOME, SectionKey, school_page
from cms.disclosure.factories import DisclosureYearPageFactory
from cms.disclosure.models import Category, DisclosureItem
from cms.home.models import QuickLink
from cms.news.factories import ArticlePageFactory, every_block_body
from cms.publishing.builder import build_site
from cms.publishing.release import current_dir, walk_files

pytestmark = pytest.mark.django_db

ARTICLE = "tin-tuc-su-kien/hoi-khoe-phu-dong-cap-truong-nam-hoc-2026-2027/index.html"
HOME_BUDGET = 150 * 1024


@pytest.fixture
def showcase():
    """Beside the world: the featured story with every body block, one article in each other section,
    quick links on the home page, and công khai 2025–2026 with one item per category."""
    home = school_page(HOME)
    featured = ArticlePageFactory(
        title="Sôi nổi Hội khỏe Phù Đổng cấp trường năm học 2026–2027",
        slug="hoi-khoe-phu-dong-cap-truong-nam-hoc-2026-2027",
        publication_date=date(2026, 11, 26),
        cover_image=ImageFactory(file__width=1200, file__height=675),
        cover_alt="Học sinh xếp hàng khai mạc Hội khỏe Phù Đổng",
        body=every_block_body(),
    )
    for key in (SectionKey.PROFESSIONAL, SectionKey.UNIONS, SectionKey.STUDENTS):
        ArticlePageFactory(parent=school_page(key))
    home.featured_article = featured
    home.quick_links = [
        QuickLink(sort_order=0, title="Bộ Giáo dục và Đào tạo", url="https://moet.gov.vn"),
        QuickLink(sort_order=1, title="Trường học kết nối", url="https://truonghocketnoi.edu.vn"),
    ]
    home.save_revision().publish()
    items = [
        DisclosureItem(
            category=category,
            title=f"Nội dung công khai {number}",
            document=DocumentFactory(),
            published_on=date(2025, 8, 20),
        )
        for number, category in enumerate(Category.values)
    ]
    DisclosureYearPageFactory(school_year="2025–2026", items=items)


@pytest.fixture
def built(showcase, site_dir):
    """The static site built from the world and the showcase; returns the folder of the live release."""
    build_site(trigger="test")
    return current_dir()


def _doc(root, rel):
    return lxml_html.fromstring((root / rel).read_bytes())


def _json_ld(doc):
    return [json.loads(node.text) for node in doc.xpath('//script[@type="application/ld+json"]')]


def test_home_page_weighs_at_most_150_kb_before_images(built):
    home = built / "index.html"
    doc = _doc(built, "index.html")
    assets = doc.xpath('//link[@rel="stylesheet"]/@href') + doc.xpath("//script[@src]/@src")
    assert assets, "the home page loads its stylesheet and script"
    total = home.stat().st_size + sum((built / a.lstrip("/")).stat().st_size for a in assets)
    assert total <= HOME_BUDGET, f"home page is {total} bytes of HTML+CSS+JS"
    # No third-party script or stylesheet: everything comes from the school's own site.
    assert all(a.startswith("/static/") for a in assets)


def test_home_page_shows_featured_story_sections_quick_links_and_school_json_ld(built):
    doc = _doc(built, "index.html")
    assert doc.xpath("string(//html/@lang)") == "vi"
    featured = doc.xpath('string(//*[@class="featured-title"])').strip()
    assert featured == "Sôi nổi Hội khỏe Phù Đổng cấp trường năm học 2026–2027"
    section_titles = [t.strip() for t in doc.xpath('//div[@class="by-section"]//h2//text()') if t.strip()]
    assert section_titles == [
        "Tin tức – Sự kiện",
        "Hoạt động chuyên môn",
        "Hoạt động Đội – Công đoàn",
        "Góc học sinh",
    ]
    quick = [t.strip() for t in doc.xpath('//section[contains(@class, "quick-links")]//a/text()')]
    assert "Bộ Giáo dục và Đào tạo" in quick and "Trường học kết nối" in quick
    school = [d for d in _json_ld(doc) if d.get("@type") == "School"]
    assert school and school[0]["name"] == "Trường Tiểu học Nguyễn Khuyến"
    assert school[0]["url"] == settings.SITE_PUBLIC_URL.rstrip("/") + "/"
    assert school[0]["parentOrganization"]["name"] == "Phòng GD&ĐT quận Ngô Quyền"


def test_article_page_has_news_article_json_ld_open_graph_and_vietnamese_dates(built):
    doc = _doc(built, ARTICLE)
    public = settings.SITE_PUBLIC_URL.rstrip("/")
    news = [d for d in _json_ld(doc) if d.get("@type") == "NewsArticle"][0]
    assert news["headline"].startswith("Sôi nổi Hội khỏe Phù Đổng")
    assert news["datePublished"] == "2026-11-26"
    assert news["mainEntityOfPage"] == public + "/" + ARTICLE.removesuffix("index.html")
    assert news["image"][0].startswith(public + "/media/images/")
    og = {m.get("property"): m.get("content") for m in doc.xpath("//meta[@property]")}
    assert og["og:type"] == "article"
    assert og["og:url"] == news["mainEntityOfPage"]
    assert og["og:image"].startswith(public + "/media/")
    assert doc.xpath('string(//link[@rel="canonical"]/@href)') == news["mainEntityOfPage"]
    assert doc.xpath('string(//header[@class="article-header"]//time)') == "Thứ Năm, 26/11/2026"
    crumbs = [t.strip() for t in doc.xpath('//nav[@aria-label="Đường dẫn"]//li//text()') if t.strip()]
    assert crumbs[:2] == ["Trang chủ", "Tin tức – Sự kiện"]


def test_article_body_blocks_render_accessibly_without_third_party_requests(built):
    doc = _doc(built, ARTICLE)
    body = doc.xpath('//div[contains(@class, "body")]')[0]
    gallery = body.xpath('.//section[@class="gallery"]//img')
    assert len(gallery) == 3 and all(img.get("alt") for img in gallery)
    assert all(".webp" in img.get("srcset") and " 640w" in img.get("srcset") for img in gallery)
    table = body.xpath(".//table")[0]
    assert table.xpath("string(caption)").startswith("Kết quả toàn đoàn")
    assert table.xpath("thead/tr/th/@scope")[0] == "col"
    video = body.xpath('.//a[@class="video-poster"]')[0]
    assert video.get("href") == "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
    assert "Toàn cảnh Hội khỏe" in video.text_content()
    page_html = (built / ARTICLE).read_text(encoding="utf-8")
    assert "<iframe" not in page_html
    assert not re.search(r"""(src|srcset)=["']https?://""", page_html), "nothing loads from another site"
    attachment = body.xpath('.//p[@class="attachment"]/a/@href')[0]
    assert attachment.startswith("/media/documents/") and attachment.endswith(".pdf")
    assert (built / attachment.lstrip("/")).read_bytes().startswith(b"%PDF")


def test_every_media_file_a_page_refers_to_is_in_the_build(built):
    missing = set()
    for page in [built / rel for rel in walk_files(built) if rel.endswith(".html")]:
        for url in re.findall(r"""(/media/[^"'\s>,)]+)""", page.read_text(encoding="utf-8")):
            if not (built / url.lstrip("/")).is_file():
                missing.add(url)
    assert not missing


def test_friendly_404_and_cong_khai_and_organisation_pages(built):
    not_found = _doc(built, "404.html")
    assert not_found.xpath("string(//h1)") == "Không tìm thấy trang"
    assert not_found.xpath('//a[@href="/" and contains(., "Về trang chủ")]')
    disclosure = _doc(built, "cong-khai/nam-hoc-2025-2026/index.html")
    headings = [h.strip() for h in disclosure.xpath('//section[@class="disclosure-category"]/h2/text()')]
    assert headings == [
        "1. Thông tin chung về cơ sở giáo dục",
        "2. Thu, chi tài chính",
        "3. Điều kiện bảo đảm chất lượng: đội ngũ, cơ sở vật chất",
        "4. Kế hoạch và kết quả hoạt động giáo dục",
    ]
    assert "Công khai ngày 20 tháng 8 năm 2025" in disclosure.text_content()
    for href in disclosure.xpath('//ul[@class="doc-list"]//a/@href'):
        assert (built / href.lstrip("/")).exists() or (built / href.lstrip("/") / "index.html").exists(), href
    organisation = _doc(built, "gioi-thieu/co-cau-to-chuc/index.html")
    assert [h.strip() for h in organisation.xpath('//section[@class="org-section"]/h2/text()')] == [
        "Ban giám hiệu",
        "Các tổ chuyên môn và tổ văn phòng",
        "Các tổ chức đoàn thể",
        "Ban biên tập cổng thông tin điện tử",
    ]
