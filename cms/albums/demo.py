# ruff: noqa: E501 - Vietnamese captions stay on one line.
"""Demo albums of school year 2026–2027 (idempotent); one photo lacks the parents' consent and stays private."""

from datetime import date

from .models import AlbumPage, AlbumPhoto

# (title, slug, date, intro, [(image title, motif, seed, caption, alt, shows pupils, consent)])
ALBUMS = [
    (
        "Hội khỏe Phù Đổng cấp trường năm học 2026–2027",
        "hoi-khoe-phu-dong-2026-2027",
        date(2026, 11, 25),
        "Những khoảnh khắc sôi nổi của học sinh khối 1 đến khối 5 tại Hội khỏe Phù Đổng cấp trường.",
        [
            (
                "Ảnh HKPĐ 2026: chạy tiếp sức",
                "sport",
                301,
                "Đội chạy tiếp sức khối 5 về đích.",
                "Bốn học sinh mặc áo đỏ chạy tiếp sức trên sân trường",
                True,
                True,
            ),
            (
                "Ảnh HKPĐ 2026: nhảy dây",
                "sport",
                302,
                "Học sinh khối 3 thi nhảy dây.",
                "Học sinh nhảy dây trong sân trường, thầy cô đứng xem",
                True,
                True,
            ),
            (
                "Ảnh HKPĐ 2026: cờ vua",
                "star",
                303,
                "Trận chung kết cờ vua khối 4.",
                "Hai học sinh ngồi đánh cờ vua, các bạn đứng quanh theo dõi",
                True,
                False,
            ),
            (
                "Ảnh HKPĐ 2026: kéo co",
                "sport",
                304,
                "Kéo co giữa các lớp khối 2.",
                "Hai đội học sinh kéo co trên sân cỏ",
                True,
                True,
            ),
            (
                "Ảnh HKPĐ 2026: trao giải",
                "flag",
                305,
                "Ban giám hiệu trao giải cho các đội.",
                "Sân khấu với băng rôn Hội khỏe Phù Đổng và bục trao giải",
                False,
                False,
            ),
        ],
    ),
    (
        "Lễ khai giảng năm học 2026–2027",
        "le-khai-giang-2026-2027",
        date(2026, 9, 5),
        "Học sinh lớp 1 bước vào năm học đầu tiên trong ngày khai giảng.",
        [
            (
                "Ảnh khai giảng 2026: lễ chào cờ",
                "flag",
                311,
                "Lễ chào cờ mở đầu buổi khai giảng.",
                "Toàn trường đứng chào cờ trước sân khấu",
                True,
                True,
            ),
            (
                "Ảnh khai giảng 2026: đón học sinh lớp 1",
                "school",
                312,
                "Các anh chị lớp 5 đón học sinh lớp 1.",
                "Học sinh lớp 5 dắt tay học sinh lớp 1 đi qua cổng hoa",
                True,
                True,
            ),
            (
                "Ảnh khai giảng 2026: đánh trống",
                "flag",
                313,
                "Hiệu trưởng đánh trống khai giảng.",
                "Chiếc trống trường đặt trên sân khấu trang trí hoa",
                False,
                False,
            ),
        ],
    ),
]


def ensure_index():
    """The "Thư viện ảnh" page: made by the install (``setup_school``, page key ``albums``), found by key."""
    from cms.core.school_pages import school_page

    return school_page("albums")


def seed_albums(ensure_image, users=None):
    """Two albums; ``ensure_image(title, motif, seed)`` returns a library image. Returns the index page."""
    index_page = ensure_index()
    owner = (users or {}).get("quantri")
    for title, slug, day, intro, photos in ALBUMS:
        if AlbumPage.objects.child_of(index_page).filter(slug=slug).exists():
            continue
        album = AlbumPage(title=title, slug=slug, event_date=day, intro=intro, owner=owner)
        album.photos = [
            AlbumPhoto(
                sort_order=order,
                image=ensure_image(image_title, motif, seed),
                caption=caption,
                alt_text=alt,
                shows_pupils=pupils,
                consent=consent,
            )
            for order, (image_title, motif, seed, caption, alt, pupils, consent) in enumerate(photos)
        ]
        index_page.add_child(instance=album)
        album.save_revision(user=owner).publish()
    return index_page
