"""Issue 16, item 3, checked on content made here (not the demo's):

- an album goes through the news route (vice principal → principal), its writer cannot publish it, and only
  photos with the parents' consent (or without pupils) reach the page, the search index and the files;
- the weekly work schedule, approved by the principal, is in its feed and in the search index; internal
  entries are in neither.
"""

from datetime import date, time

import pytest
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import WorkflowState

from cms.albums.models import AlbumIndexPage, AlbumPage, AlbumPhoto
from cms.core.school_pages import school_page
from cms.demo.images import make_image
from cms.publishing import release
from cms.publishing.builder import build_site
from cms.schedule.models import ScheduleEntry, ScheduleIndexPage, ScheduleWeekPage
from editorial.moderation.tests.support import act, approve_through, current_stage, user

pytestmark = pytest.mark.django_db

PUBLIC_CAPTION = "Đội nhảy dây khối Bốn về nhất toàn trường"
PRIVATE_CAPTION = "Chung kết đánh khăng lớp Năm chưa có ý kiến cha mẹ"
PUBLIC_ENTRY = "Tổng duyệt văn nghệ chào mừng ngày Nhà giáo"
INTERNAL_ENTRY = "Họp tổ bếp ăn bán trú về thực đơn"


def _image(title, seed):
    from io import BytesIO

    data = make_image(title, "sport", seed, size=(320, 180))
    image = get_image_model()(title=title)
    image.file = ImageFile(BytesIO(data), name=f"anh-thu-{seed}.jpg")
    image.save()
    return image


def _release_texts():
    root = release.current_dir()
    # walk_files follows the release's shared folders (Path.rglob does not enter symlinked folders on 3.11).
    return {
        rel: (root / rel).read_text(encoding="utf-8", errors="replace")
        for rel in release.walk_files(root)
        if rel.endswith((".html", ".xml", ".json"))
    }


def _search_blob(texts):
    return "\n".join(text for path, text in texts.items() if path.startswith("chi-muc/"))


def test_an_album_takes_the_news_route_and_publishes_only_consented_photos(client, site_dir):
    index = (school_page("albums") or AlbumIndexPage.objects.get()).specific
    writer = user("quantri")  # writes "Tin tức – Sự kiện", so adds albums
    assert index.permissions_for_user(writer).can_add_subpage()
    album = AlbumPage(
        title="Ngày hội thể thao mùa đông",
        slug="ngay-hoi-the-thao-mua-dong",
        event_date=date(2026, 11, 20),
        intro="Ảnh ngày hội thể thao của học sinh toàn trường.",
        owner=writer,
        live=False,
        photos=[
            AlbumPhoto(
                image=_image("Nhảy dây", 1),
                caption=PUBLIC_CAPTION,
                alt_text="Học sinh nhảy dây trên sân trường",
                shows_pupils=True,
                consent=True,
            ),
            AlbumPhoto(
                image=_image("Kéo co", 2),
                caption=PRIVATE_CAPTION,
                alt_text="Hai đội kéo co",
                shows_pupils=True,
                consent=False,
            ),
        ],
    )
    index.add_child(instance=album)
    album.save_revision(user=writer)
    assert not album.permissions_for_user(writer).can_publish()
    private_image = album.photos.get(consent=False).image

    news = school_page("tin_tuc")
    assert album.get_workflow().pk == index.get_workflow().pk
    assert [t.name for t in album.get_workflow().tasks] == [t.name for t in news.get_workflow().tasks]

    album.get_workflow().start(album, writer)
    assert current_stage(album).task.name == "Phó hiệu trưởng duyệt"
    # The writer cannot approve their own album.
    act(client, "quantri", album, "approve")
    assert current_stage(album).task.name == "Phó hiệu trưởng duyệt"
    approve_through(client, album, ["phohieutruong", "hieutruong"])
    album.refresh_from_db()
    assert album.live
    assert not WorkflowState.objects.filter(object_id=str(album.pk), status="in_progress").exists()

    build_site(trigger="test: album")
    texts = _release_texts()
    page_html = texts[album.url.strip("/") + "/index.html"]
    assert PUBLIC_CAPTION in page_html and PRIVATE_CAPTION not in page_html
    assert all(PRIVATE_CAPTION not in text for text in texts.values())
    search = _search_blob(texts)  # terms are folded syllables and adjacent pairs, as JSON keys
    assert '"nhay day"' in search and album.url in search
    assert '"danh khang"' not in search
    stem = private_image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    files = release.walk_files(release.current_dir())
    assert files and not [rel for rel in files if stem in rel.rsplit("/", 1)[-1]]


def test_an_approved_week_is_in_the_feed_and_the_search_but_internal_entries_are_not(client, site_dir):
    index = (school_page("schedule") or ScheduleIndexPage.objects.get()).specific
    office = user("vanthu")
    monday = date(2026, 11, 16)
    ScheduleWeekPage.objects.filter(week_start=monday).delete()
    week = ScheduleWeekPage(
        week_start=monday,
        owner=office,
        live=False,
        entries=[
            ScheduleEntry(day=monday, start_time=time(14, 0), content=PUBLIC_ENTRY, place="Hội trường"),
            ScheduleEntry(day=date(2026, 11, 17), content=INTERNAL_ENTRY, internal=True),
        ],
    )
    index.add_child(instance=week)
    week.save_revision(user=office)
    assert not week.permissions_for_user(office).can_publish()
    week.get_workflow().start(week, office)
    assert current_stage(week).task.name == "Hiệu trưởng duyệt và cho đăng"
    approve_through(client, week, ["hieutruong"])
    week.refresh_from_db()
    assert week.live

    build_site(trigger="test: schedule")
    texts = _release_texts()
    base = index.url.strip("/")
    for feed in ("rss.xml", "atom.xml"):
        body = texts[f"{base}/{feed}"]
        assert week.url in body, feed
    assert all(INTERNAL_ENTRY not in text for text in texts.values())
    search = _search_blob(texts)  # terms are folded syllables and adjacent pairs, as JSON keys
    assert '"tong duyet"' in search and week.url in search
    assert '"bep an"' not in search
