"""The built site's outputs for parents (issue 16), read over HTTP as a visitor reads them: the search
index (rule, privacy), feeds, JSON-LD, the current school year, the work schedule and the albums."""

import base64
import json
import re
import urllib.request
from datetime import date, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from cms.core.people import full_name
from cms.core.school_pages import SectionKey, school_page
from cms.documents.factories import IssuerFactory, OfficialDocumentPageFactory
from cms.news.factories import ArticlePageFactory
from cms.publishing import search_index
from cms.schedule.factories import ScheduleWeekPageFactory
from cms.schedule.models import ScheduleEntry, ScheduleWeekPage
from tests.support.world import WORLD_ALBUM, WORLD_DOCUMENT

pytestmark = pytest.mark.django_db


def _get(base, path):
    with urllib.request.urlopen(base + path) as response:  # noqa: S310 - loopback test server
        return response.read().decode("utf-8")


def _json_ld(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)]


# --- the index: the matching rule is in the data --------------------------------------------------------


def _postings(value, total):
    if isinstance(value, str):
        bits = base64.b64decode(value)
        return [i for i in range(total) if bits[i // 8] >> (i % 8) & 1]
    out, n = [], 0
    for gap in value:
        n += gap
        out.append(n)
    return out


def test_index_holds_folded_whole_syllables_and_adjacent_pairs():
    records = [
        {
            "url": "/a/",
            "title": "Bóng đá",
            "type": "Tin tức",
            "date": "2026-01-02",
            "summary": "",
            "text": "Bóng đá",
        },
        {
            "url": "/b/",
            "title": "Hoa",
            "type": "Tin tức",
            "date": "2026-01-01",
            "summary": "",
            "text": "hoa bông. Đa dạng",
        },
        {
            "url": "/c/",
            "title": "QĐ",
            "type": "Văn bản",
            "date": "2025-01-01",
            "summary": "",
            "text": "39/QĐ-THNK",
        },
    ]
    files = search_index.build_index(records)
    index = json.loads(files["index.json"])
    terms = {}
    for i in range(index["buckets"]):
        bucket = json.loads(files[f"{index['version']}/b{i}.json"])
        assert all(search_index.bucket_of(term, index["buckets"]) == i for term in bucket)
        terms.update(bucket)
    assert _postings(terms["bong"], 3) == [0, 1]
    assert _postings(terms["bong da"], 3) == [0]  # "bông. Đa dạng": bong, da, not "bóng đá"
    assert _postings(terms["qd thnk"], 3) == [2]
    assert "bon" not in terms and "đa" not in terms  # no prefixes, nothing unfolded
    # Page numbers are newest first and the metadata chunk lists them in that order.
    meta = json.loads(files[f"{index['version']}/m0.json"])
    assert [row[0] for row in meta] == ["/a/", "/b/", "/c/"]


def test_extract_reads_only_the_marked_part_and_skips_ignored_parts():
    html = (
        "<html><body><nav>Menu Trang chủ</nav><article data-search-body data-search-type='Thông báo' "
        "data-search-date='2026-10-15'><h1>Phòng bệnh tay chân miệng</h1><p>Nội dung</p>"
        "<div data-search-ignore>bỏ qua</div><script>var x='script'</script></article></body></html>"
    )
    record = search_index.extract(html, "/thong-bao/x/")
    assert record["title"] == "Phòng bệnh tay chân miệng"
    assert record["type"] == "Thông báo" and record["date"] == "2026-10-15"
    assert "Nội dung" in record["text"]
    assert "Menu" not in record["text"] and "bỏ qua" not in record["text"] and "script" not in record["text"]
    assert search_index.extract("<p>không đánh dấu</p>", "/") is None


def test_extract_keeps_text_after_skipped_parts_and_splits_blocks():
    # Text that follows an ignored or script element belongs to the record; items inside a body are part
    # of the body (records do not nest); a line break or a new paragraph ends a pair of syllables.
    html = (
        "<main><section data-search-body data-search-summary='Tóm tắt'><h1>Lịch <em>thi</em> đấu</h1>"
        "<script>bo()</script> sau script"
        "<span data-search-ignore>ẩn</span> sau ẩn<p>bóng</p><p>đá vui</p>dòng một<br>dòng hai"
        "<div data-search-item id='muc'>mục con</div><!-- ghi chú --></section>"
        "<div data-search-item id='hoc-lieu'><h1>Học liệu</h1>Toán 5</div></main>"
    )
    body, item = search_index.extract_all(html.encode(), "/lich/")
    assert body["title"] == "Lịch thi đấu" and body["url"] == "/lich/"
    terms = search_index.terms_of(body["text"])
    assert {"sau script", "sau an", "muc con", "bong", "da vui"} <= terms
    assert not {"bo", "an bong", "ghi chu", "bong da", "mot dong"} & terms
    assert item["url"] == "/lich/#hoc-lieu" and item["title"] == "Học liệu"
    assert "toan 5" in search_index.terms_of(item["text"])


@pytest.fixture
def pupil_article():
    """An article of the pupil ``hocsinh1a`` in the student corner, bylined with the pupil's full name."""
    pupil = get_user_model().objects.get(username="hocsinh1a")
    return ArticlePageFactory(
        parent=school_page(SectionKey.STUDENTS),
        title="Bài thơ tặng cô giáo",
        author_name=full_name(pupil),
        author_position="Học sinh lớp 1A",
        owner=pupil,
    )


def test_search_index_names_no_pupil_in_full(pupil_article, static_site_url):
    site = static_site_url
    shards = json.loads(_get(site, "/chi-muc/shards.json"))
    text = []
    for shard in shards:
        index = json.loads(_get(site, f"/chi-muc/{shard}/index.json"))
        folder = f"/chi-muc/{shard}/{index['version']}/"
        text += [_get(site, f"{folder}m{i}.json") for i in range(-(-index["n"] // index["per"]))]
        text += [_get(site, f"{folder}b{i}.json") for i in range(index["buckets"])]
    blob = "\n".join(text)
    assert "mưa bão" in blob  # the world's notice is indexed
    assert "Bài thơ tặng cô giáo" in blob  # and the pupil's article
    name = pupil_article.author_name
    assert name == "Hoàng Bảo Ngọc"
    folded_blob = " ".join(search_index.syllables(blob))
    assert name not in blob
    assert " ".join(search_index.syllables(name)) not in folded_blob


# --- documents and notices as first-class outputs ------------------------------------------------------


def test_feeds_of_notices_documents_and_schedule(world_site_url):
    site = world_site_url
    for path, expected in (
        ("/thong-bao/rss.xml", "Học sinh nghỉ học do ảnh hưởng của mưa bão"),
        ("/thong-bao/atom.xml", "Học sinh nghỉ học do ảnh hưởng của mưa bão"),
        ("/van-ban/rss.xml", WORLD_DOCUMENT["title"]),
        ("/van-ban/atom.xml", WORLD_DOCUMENT["title"]),
        ("/lich-cong-tac/rss.xml", "Tuần"),
    ):
        body = _get(site, path)
        assert expected in body, path
    internal = ScheduleEntry.objects.get(internal=True).content
    assert internal not in _get(site, "/lich-cong-tac/rss.xml")
    # The index pages announce their feeds.
    assert 'type="application/rss+xml"' in _get(site, "/van-ban/")


@pytest.fixture
def circular():
    """Thông tư 37/2020/TT-BGDĐT of the Ministry (a normative document: ``Legislation``)."""
    return OfficialDocumentPageFactory(
        title="Thông tư quy định về tổ chức hoạt động, sử dụng thư điện tử và cổng thông tin điện tử",
        slug="thong-tu-37-2020-tt-bgddt",
        number_symbol="37/2020/TT-BGDĐT",
        doc_type="thong-tu",
        issuer=IssuerFactory(abbreviation="BGDĐT", name="Bộ Giáo dục và Đào tạo", short_name="Bộ GD&ĐT"),
        issue_date=date(2020, 10, 5),
        signer_name="Nguyễn Văn Phúc",
        signer_position="Thứ trưởng",
    )


def test_json_ld_and_open_graph_of_documents_and_notices(circular, static_site_url):
    site = static_site_url
    circular = _get(site, "/van-ban/thong-tu-37-2020-tt-bgddt/")
    (data,) = _json_ld(circular)
    assert data["@type"] == "Legislation" and data["legislationIdentifier"] == "37/2020/TT-BGDĐT"
    decision = _get(site, "/van-ban/quyet-dinh-39-qd-thnk/")
    (data,) = _json_ld(decision)
    assert data["@type"] == "DigitalDocument" and data["identifier"] == "39/QĐ-THNK"
    assert '<meta property="og:type" content="article">' in decision
    notice = _get(site, "/thong-bao/khan-hoc-sinh-nghi-hoc-do-mua-bao/")
    (data,) = _json_ld(notice)
    assert data["@type"] == "NewsArticle" and not data["headline"].startswith("Khẩn")
    assert re.search(r'<meta property="og:description" content="[^"]+', notice)
    for html in (circular, decision, notice):
        assert html.count('class="breadcrumbs"') == 1


def test_every_atom_feed_names_the_school_as_its_author(demo_site_url):
    """RFC 4287 §4.1.1: atom:author at feed level (or on every entry); the school, never a person."""
    import xml.etree.ElementTree as ET

    from cms.core.models import SchoolSettings

    # Every Atom feed of the built site, as its manifest lists the files (the root and every folder's part,
    # decision record 0015; read from the release: the server does not serve the manifest).
    from cms.publishing.manifest import read_tree
    from cms.publishing.release import current_dir

    files = read_tree(current_dir().resolve()).files
    feeds = sorted(path for path in files if path == "atom.xml" or path.endswith("/atom.xml"))
    assert {"atom.xml", "thong-bao/atom.xml", "van-ban/atom.xml", "lich-cong-tac/atom.xml"} <= set(feeds)
    school = SchoolSettings.objects.get().name
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for path in feeds:
        feed = ET.fromstring(_get(demo_site_url, "/" + path).encode())
        authors = feed.findall("a:author/a:name", ns)
        assert [a.text for a in authors] == [school], path
        assert feed.find("a:author/a:uri", ns).text.startswith("http"), path


def test_document_json_ld_gives_each_file_its_mime_type(demo_site_url):
    decision = _get(demo_site_url, "/van-ban/quyet-dinh-39-qd-thnk/")
    (data,) = _json_ld(decision)
    formats = [f["encodingFormat"] for f in data["associatedMedia"]]
    assert formats and all(re.fullmatch(r"application/[a-z0-9.+-]+", f) for f in formats), formats
    assert "application/pdf" in formats


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("qd-39.pdf", "application/pdf"),
        ("QD-39.PDF", "application/pdf"),
        ("ke-hoach.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("bang-diem.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("cong-van.doc", "application/msword"),
        ("so-lieu.xls", "application/vnd.ms-excel"),
        ("bao-cao.odt", "application/vnd.oasis.opendocument.text"),
        ("khong-duoi", "application/octet-stream"),
    ],
)
def test_document_mime_type_comes_from_the_checked_file(name, mime):
    from cms.core.files import document_mime_type

    assert document_mime_type(f"documents/{name}") == mime


def test_every_search_result_says_what_it_is(demo_site_url):
    """No result has the generic label "Trang": library records are "Sách", learning material "Học liệu"."""
    shards = json.loads(_get(demo_site_url, "/chi-muc/shards.json"))
    labels = {}
    for shard in shards:
        index = json.loads(_get(demo_site_url, f"/chi-muc/{shard}/index.json"))
        for i in range(-(-index["n"] // index["per"])):
            for url, _title, kind, *_ in json.loads(
                _get(demo_site_url, f"/chi-muc/{shard}/{index['version']}/m{i}.json")
            ):
                labels.setdefault(kind, []).append(url)
    assert "Trang" not in labels
    assert {
        "Tin tức",
        "Thông báo",
        "Văn bản",
        "Công khai",
        "Giới thiệu",
        "Lịch công tác",
        "Thư viện ảnh",
    } <= set(labels)
    assert "Sách" in labels and all(u.startswith("/thu-vien/sach/") for u in labels["Sách"])
    assert labels["Học liệu"] and all(
        u.startswith("/thu-vien/hoc-lieu/") and "#hoc-lieu-" in u for u in labels["Học liệu"]
    )


def test_notice_title_has_one_urgent_label():
    from cms.notices.models import NoticePage

    notice = NoticePage.objects.get(slug="khan-hoc-sinh-nghi-hoc-do-mua-bao")
    assert notice.display_title() == "Học sinh nghỉ học do ảnh hưởng của mưa bão"


# --- the current school year everywhere -------------------------------------------------------------------


def test_one_current_school_year_across_the_site(world_site_url):
    site = world_site_url
    from editorial.models import SchoolYear

    assert SchoolYear.objects.current().name == "2026–2027"
    assert "Năm học 2026–2027" in _get(site, "/gioi-thieu/co-cau-to-chuc/")
    assert "Năm học 2026–2027" in _get(site, "/ban-bien-tap/")
    disclosure = _get(site, "/cong-khai/")
    assert "Năm học 2026–2027 (năm học hiện tại)" in disclosure
    assert "Công khai năm học 2026–2027" in _get(site, "/cong-khai/nam-hoc-2026-2027/")
    assert "Năm học 2026–2027" in _get(site, "/thu-vien-anh/")


# --- the work schedule ----------------------------------------------------------------------------------


def test_weeks_are_numbered_in_the_school_year():
    from cms.schedule.models import week_label

    # The demo year starts on Tuesday 1/9/2026: week 1 is 31/8–5/9, week 13 is 23/11–28/11.
    assert week_label(date(2026, 11, 23)) == "Tuần 13 (23/11–28/11/2026)"
    assert week_label(date(2026, 9, 2)) == "Tuần 1 (31/08–05/09/2026)"  # any day gives its week


@pytest.fixture
def last_week():
    """The week before the world's week, so this week's page links back to it."""
    world_week = ScheduleWeekPage.objects.get()
    return ScheduleWeekPageFactory(week_start=world_week.week_start - timedelta(days=7))


def test_internal_schedule_entries_are_never_public(last_week, static_site_url):
    site = static_site_url
    internal = ScheduleEntry.objects.get(internal=True, page__week_start__gt=last_week.week_start)
    week = internal.page
    html = _get(site, week.url)
    assert internal.content not in html
    assert internal.content not in _get(site, "/")
    assert internal.content not in _get(site, "/lich-cong-tac/")
    public = [e for e in week.entries.all() if not e.internal]
    assert public and all(e.content in html for e in public)
    # The home page shows the current week; the week page links to the week before.
    assert f"Lịch công tác {week.title}" in _get(site, "/")
    assert 'rel="prev"' in html


def test_schedule_entry_outside_its_week_is_refused_in_vietnamese():
    from cms.schedule.models import ScheduleEntry, ScheduleWeekPage

    week = ScheduleWeekPage.objects.order_by("week_start").first()
    entry = ScheduleEntry(page=week, day=date(2020, 1, 1), start_time=time(8), content="Họp")
    with pytest.raises(ValidationError) as error:
        entry.clean()
    assert "Ngày phải trong tuần" in str(error.value)


# --- albums -------------------------------------------------------------------------------------------------


def test_album_photos_without_consent_stay_private(world_site_url):
    from cms.albums.models import AlbumPage

    site = world_site_url
    album = AlbumPage.objects.get(slug=WORLD_ALBUM["slug"])
    private = [p for p in album.photos.all() if not p.is_publishable]
    assert len(private) == 1
    html = _get(site, album.url)
    assert private[0].caption not in html and private[0].alt_text not in html
    stem = private[0].image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    assert stem not in html
    # Thumbnails have their own small renditions and `sizes` for a two-column phone grid.
    assert 'sizes="(min-width: 64em) 15rem, (min-width: 40em) 31vw, 48vw"' in html
    assert album.school_year == "2026–2027"


def test_album_photo_needs_an_alt_text():
    from cms.albums.models import AlbumPhoto

    with pytest.raises(ValidationError) as error:
        AlbumPhoto(caption="Ảnh", alt_text="  ").clean()
    assert "Cần mô tả ảnh" in str(error.value)


def test_favicon_is_served_at_the_site_root(world_site_url):
    with urllib.request.urlopen(world_site_url + "/favicon.ico") as response:  # noqa: S310
        assert response.status == 200
        assert response.read(4) == b"\x00\x00\x01\x00"


def test_files_of_photos_without_consent_never_reach_the_release(site_dir):
    """Not linked is not enough: the rendition files of a photo without consent are not copied at all, even
    when the admin's thumbnail made one (cms.publishing.media: ``AlbumPage.private_media_objects``)."""
    import os

    from cms.albums.models import AlbumPage
    from cms.publishing import release
    from cms.publishing.builder import build_site

    album = AlbumPage.objects.get(slug=WORLD_ALBUM["slug"])
    private = next(p for p in album.photos.all() if not p.is_publishable)
    hidden = private.image.get_rendition("max-165x165")  # as the admin's chooser thumbnail does
    shown = album.public_photos()[0].image.get_rendition("max-165x165")
    build_site(trigger="test: consent")
    root = release.current_dir()
    published = {
        os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
        for folder, _, names in os.walk(root, followlinks=True)
        for name in names
    }
    assert f"media/{shown.file.name}" in published
    assert f"media/{hidden.file.name}" not in published
