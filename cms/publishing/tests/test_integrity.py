"""The public site shows exactly what the board approved (issue 11): files, names, odd text, removals,
dates and notices, each checked on a built release."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from lxml import etree
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import RichText

from cms.core.models import SchoolSettings
from cms.news.models import ArticlePage
from cms.publishing import release
from cms.publishing.builder import build_pending, build_site
from cms.publishing.models import SiteBuild

from .helpers import files_of, new_article, publish, section, text

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _all_text(root):
    """Every file of a release as text (the search index is plain JSON): {path: text}."""
    out = {}
    for path in [root / rel for rel in release.walk_files(root)]:
        data = path.read_bytes()
        out[path.relative_to(root).as_posix()] = data.decode("utf-8", "replace")
    return out


_HREF = re.compile(r'href="(/[^"#?]*)"')


def broken_links(root):
    """Internal links (pages, feeds, files) of every HTML file that do not resolve in the release."""
    broken = set()
    for path in [root / rel for rel in release.walk_files(root) if rel.endswith(".html")]:
        for url in _HREF.findall(path.read_text(encoding="utf-8")):
            rel = url.lstrip("/")
            target = root / rel
            if url.endswith("/") or not rel:
                target = target / "index.html"
            if not target.is_file():
                broken.add((path.relative_to(root).as_posix(), url))
    return broken


def _document(title, name, data=PDF):
    Document = get_document_model()
    doc = Document(title=title)
    doc.file.save(name, ContentFile(data), save=False)
    doc.save()
    return doc


# --- 1. publish what pages reference, never what text mentions ------------------------------------------


def test_text_that_names_media_paths_publishes_nothing_and_breaks_nothing(
    built_site, django_capture_on_commit_callbacks
):
    internal = _document("Bảng lương nội bộ", "bang-luong-noi-bo.pdf")
    attached = _document("Kế hoạch tháng 12", "ke-hoach-thang-12.pdf")
    body = (
        f'<p>Xem <a href="{internal.file.url}">{internal.file.url}</a>, '
        '<a href="/media/../db.sqlite3">/media/../db.sqlite3</a> và '
        '<img src="/media/original_images/anh-goc.jpg"> /media/original_images/anh-goc.jpg</p>'
    )
    article = new_article("Bài nêu đường dẫn tệp", "bai-neu-duong-dan-tep", body="x")
    article.body = [
        ("paragraph", RichText(body)),
        ("attachment", {"document": attached, "title": "Kế hoạch"}),
    ]
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)

    assert SiteBuild.objects.first().status == SiteBuild.Status.SUCCESS
    names = files_of(release.current_dir().resolve())
    assert f"media/{attached.file.name}" in names  # chosen in a block: published
    assert f"media/{internal.file.name}" not in names  # only mentioned in text: never
    assert not [n for n in names if n.startswith("media/original_images/") or "sqlite" in n]
    # Later builds are not broken by the odd path either.
    publish(new_article("Bài sau đó", "bai-sau-do"))
    build_pending()
    assert SiteBuild.objects.first().status == SiteBuild.Status.SUCCESS
    assert "Bài sau đó" in text("hoat-dong-chuyen-mon/index.html")


# --- 3. privacy in every output -------------------------------------------------------------------------


def test_no_output_names_a_pupil_in_full_or_leaks_unpublished_contacts(warm_renditions, site_dir):
    from editorial.models import StaffProfile

    school = SchoolSettings.objects.get()
    assert not school.show_student_full_name
    pupil = ArticlePage(
        title="Em vẽ trường em",
        slug="em-ve-truong-em",
        lead="Bức tranh về ngôi trường.",
        body=[("paragraph", RichText("<p>Trường em có cây bàng.</p>"))],
        author_name="Trịnh Khánh Linh",
        author_position="Học sinh lớp 4B",
    )
    section("goc-hoc-sinh").add_child(instance=pupil)
    publish(pupil)
    build_site(trigger="test: privacy")

    files = _all_text(release.current_dir().resolve())
    leaks = [path for path, body in files.items() if "Trịnh Khánh Linh" in body]
    assert leaks == []
    assert "Em Linh, lớp 4B" in files["goc-hoc-sinh/em-ve-truong-em/index.html"]
    for feed in ("rss.xml", "atom.xml", "goc-hoc-sinh/rss.xml", "goc-hoc-sinh/atom.xml"):
        assert "Em Linh" in files[feed]

    # Bylines and metadata of the demo pupils (their names may appear in approved body text: Điều 3.1).
    pupils = {
        a.author_name
        for a in ArticlePage.objects.live()
        if a.effective_author_kind() == ArticlePage.AuthorKind.STUDENT and len(a.author_name.split()) > 1
    }
    assert pupils
    metadata = re.compile(
        r'<span class="byline">(.*?)</span>|"author":\{[^}]*"name":"([^"]*)"|<dc:creator>(.*?)</dc:creator>'
        r'|<author><name>(.*?)</name>|"tac_gia": "([^"]*)"'
    )
    for path, body in files.items():
        for match in metadata.finditer(body):
            value = next(g for g in match.groups() if g is not None)
            assert value not in pupils and not any(name in value for name in pupils), (path, value)

    hidden_contacts = set()
    for profile in StaffProfile.objects.filter(show_contact_publicly=False).select_related("user"):
        hidden_contacts |= {v for v in (profile.user.email, profile.phone) if v}
    assert hidden_contacts
    school_contacts = {school.email, school.phone}
    for path, body in files.items():
        for value in hidden_contacts - school_contacts:
            assert value not in body, (path, value)


# --- 4. text that output formats forbid never breaks publishing -----------------------------------------


def test_word_line_break_in_a_title_publishes_cleanly_and_feeds_escape_html(
    built_site, django_capture_on_commit_callbacks
):
    article = new_article(
        "Họp phụ huynh\x0bhọc kỳ I", "hop-phu-huynh-hoc-ky-i", lead="<img src=x onerror=alert(1)> Sa-pô\x0c"
    )
    article.body = [("paragraph", RichText("<p>Dòng một\x0bdòng hai\x00</p>"))]
    with django_capture_on_commit_callbacks(execute=True):
        publish(article)
    article.refresh_from_db()
    assert article.title == "Họp phụ huynh học kỳ I"
    assert article.lead == "<img src=x onerror=alert(1)> Sa-pô "
    assert article.body[0].value.source == "<p>Dòng một<br>dòng hai</p>"
    assert SiteBuild.objects.first().status == SiteBuild.Status.SUCCESS

    rss = etree.fromstring((release.current_dir() / "hoat-dong-chuyen-mon/rss.xml").read_bytes())
    item = rss.find("channel/item")
    assert item.findtext("title") == "Họp phụ huynh học kỳ I"
    # RSS <description> is HTML: the reader must get the text "<img …>", not an element.
    assert item.findtext("description").startswith("&lt;img src=x onerror=alert(1)&gt;")
    atom = etree.fromstring((release.current_dir() / "hoat-dong-chuyen-mon/atom.xml").read_bytes())
    summary = atom.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary")
    assert summary.get("type") == "html" and summary.text.startswith("&lt;img")

    # Renderers are defensive too: text stored before the cleaning (no save() involved) cannot fail a build.
    Page.objects.filter(pk=article.pk).update(title="Tiêu đề cũ\x0bcòn ký tự lạ")
    ArticlePage.objects.filter(pk=article.pk).update(lead="Sa-pô cũ\x1f")
    result = build_site(trigger="test: stored control characters")
    assert not result.partial
    etree.fromstring((release.current_dir() / "rss.xml").read_bytes())  # well-formed XML


def test_the_data_migration_cleans_stored_text():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("cms.core.migrations.0005_clean_control_characters")
    article = ArticlePage.objects.live().first()
    Page.objects.filter(pk=article.pk).update(title="Tiêu đề\x0bcũ")
    ArticlePage.objects.filter(pk=article.pk).update(lead="Sa-pô\x08 cũ")
    migration.clean_stored_text(apps, None)
    article.refresh_from_db()
    assert article.title == "Tiêu đề cũ" and article.lead == "Sa-pô cũ"


# --- 5. one failing output never freezes the site -------------------------------------------------------


def test_a_new_page_that_cannot_render_is_left_out_with_every_link_and_the_rest_goes_live(
    built_site, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core import mail

    from cms.news.models import ArticlePage as Model

    original = Model.get_context

    def broken(self, request, *args, **kwargs):
        if self.slug == "bai-hong":
            raise ValueError("Khối nội dung hỏng")
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(Model, "get_context", broken)
    with django_capture_on_commit_callbacks(execute=True):
        publish(new_article("Bài hỏng", "bai-hong"))
        publish(new_article("Bài lành", "bai-lanh"))

    build = SiteBuild.objects.first()
    assert build.status == SiteBuild.Status.PARTIAL and "Khối nội dung hỏng" in build.error
    root = release.current_dir().resolve()
    assert "Bài lành" in text("hoat-dong-chuyen-mon/index.html")
    assert not (root / "hoat-dong-chuyen-mon/bai-hong/index.html").exists()
    everything = _all_text(root)
    assert not [p for p, body in everything.items() if "bai-hong" in body and p != "manifest.json"]
    assert broken_links(root) == set()
    assert mail.outbox and "chưa trọn vẹn" in mail.outbox[-1].subject


def test_dashboard_shows_the_build_problem_to_the_principal(built_site, client, login, monkeypatch):
    SiteBuild.objects.create(
        trigger="Xuất bản: Bài hỏng", status=SiteBuild.Status.PARTIAL, error="page:1: ValueError: hỏng"
    )
    login("hieutruong")
    page = client.get("/admin/").content.decode()
    assert "Trang công khai cần chú ý" in page and "ValueError: hỏng" in page
    build_site(trigger="test: fixed")
    assert "Trang công khai cần chú ý" not in client.get("/admin/").content.decode()


# --- 6. removal rebuilds every dependent ----------------------------------------------------------------


@pytest.mark.parametrize("change", ["unpublish", "delete", "move"])
def test_no_broken_internal_link_after_removal(built_site, change, django_capture_on_commit_callbacks):
    from datetime import date

    # A (older) is published first, B later: B's "Bài đã đăng" box lists A, but A's recorded
    # dependents (computed when A was published) do not include B.
    with django_capture_on_commit_callbacks(execute=True):
        a = publish(new_article("Bài A", "bai-a", day=date(2026, 11, 28)))
    with django_capture_on_commit_callbacks(execute=True):
        publish(new_article("Bài B", "bai-b", day=date(2026, 11, 29)))
    assert "/hoat-dong-chuyen-mon/bai-a/" in text("hoat-dong-chuyen-mon/bai-b/index.html")

    with django_capture_on_commit_callbacks(execute=True):
        if change == "unpublish":
            a.unpublish()
        elif change == "delete":
            Page.objects.get(pk=a.pk).specific.delete()
        else:
            Page.objects.get(pk=a.pk).move(section("tin-tuc-su-kien"), pos="last-child")
    root = release.current_dir().resolve()
    old = root / "hoat-dong-chuyen-mon/bai-a/index.html"
    assert broken_links(root) == set()
    if change == "move":
        assert "/tin-tuc-su-kien/bai-a/" in text("tin-tuc-su-kien/index.html")
        # The old address keeps working: a redirect page to the new one (Wagtail's Redirect, written by
        # cms.publishing.renderers.redirects), never the article itself.
        assert 'http-equiv="refresh"' in old.read_text(encoding="utf-8")
        assert "/tin-tuc-su-kien/bai-a/" in old.read_text(encoding="utf-8")
    else:
        assert not old.exists()


# --- 7. Vietnam dates everywhere ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "utc, vn_day",
    [
        (datetime(2026, 11, 30, 23, 30, tzinfo=UTC), "2026-12-01"),  # 06:30 on 1 December in Hà Nội
        (datetime(2026, 12, 1, 16, 30, tzinfo=UTC), "2026-12-01"),  # 23:30 on 1 December in Hà Nội
    ],
)
def test_dates_from_timestamps_are_vietnam_dates(warm_renditions, site_dir, utc, vn_day, monkeypatch):
    from cms.core.vietnamese import today_vn, vn_date

    assert vn_date(utc).isoformat() == vn_day and today_vn(utc).isoformat() == vn_day
    # An article created and published at that moment is dated that Vietnam day everywhere.
    monkeypatch.setattr(timezone, "now", lambda: utc)
    article = ArticlePage(
        title="Bài sáng sớm",
        slug="bai-sang-som",
        lead="Sa-pô.",
        body=[("paragraph", RichText("<p>Nội dung.</p>"))],
        author_name="Nguyễn Thị Hà",
    )
    section().add_child(instance=article)
    publish(article)
    Page.objects.filter(pk=article.pk).update(last_published_at=utc, first_published_at=utc)
    article.refresh_from_db()
    assert article.publication_date.isoformat() == vn_day
    build_site(trigger="test: dates")

    html = text(article.url.strip("/") + "/index.html")
    assert f'datetime="{vn_day}"' in html and f'"datePublished":"{vn_day}"' in html
    assert f'"dateModified":"{vn_day}T' in html
    sitemap = text(f"sitemaps/hoat-dong-chuyen-mon/{vn_day[:4]}/{vn_day[5:7]}.xml")
    assert f"<lastmod>{vn_day}</lastmod>" in sitemap
    items = json.loads(text("api/v1/tin-moi.json"))["bai_viet"]
    assert next(i for i in items if i["id"] == article.pk)["ngay_dang"] == vn_day


# --- 8. notices only within their display window --------------------------------------------------------


def test_a_notice_scheduled_for_later_is_public_nowhere_until_then(built_site, monkeypatch):
    from cms.notices.factories import NoticePageFactory
    from cms.publishing.scheduler import tick

    now = timezone.now()
    notice = NoticePageFactory(
        title="Lịch nghỉ Tết dương lịch",
        slug="lich-nghi-tet-duong-lich",
        priority="khan",
        pinned=True,
        valid_from=now + timedelta(hours=2),
        valid_to=now + timedelta(days=5),
    )
    build_site(trigger="test: scheduled notice")
    files = _all_text(release.current_dir().resolve())
    assert [p for p, body in files.items() if "Lịch nghỉ Tết dương lịch" in body] == []
    assert not any("lich-nghi-tet-duong-lich" in p for p in files)

    # On time, the scheduler's periodic job publishes it (page, list, JSON, home page).
    later = now + timedelta(hours=2, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    tick(later)
    build_pending()
    assert "Lịch nghỉ Tết dương lịch" in text(notice.url.strip("/") + "/index.html")
    assert "Lịch nghỉ Tết dương lịch" in text("thong-bao/index.html")
    assert "Lịch nghỉ Tết dương lịch" in text("index.html")
    assert "Lịch nghỉ Tết dương lịch" in text("du-lieu/thong-bao.json")
