# ruff: noqa: E501 - Vietnamese prose stays one paragraph per line.
"""Demo news that shows every body block: gallery, table, video, attachment, and a pupil's article."""

from datetime import date

from django.utils.html import escape
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.rich_text import RichText

from .models import ArticlePage, SectionPage

STUDENT_CORNER_SLUG = "goc-hoc-sinh"

SPORTS_DAY = {
    "section": "tin-tuc-su-kien",
    "title": "Sôi nổi Hội khỏe Phù Đổng cấp trường năm học 2026–2027",
    "slug": "hoi-khoe-phu-dong-cap-truong-nam-hoc-2026-2027",
    "date": "2026-11-26",
    "author_name": "Bùi Đức Mạnh",
    "author_position": "Quản trị cổng TTĐT",
    "lead": "Sáng 25/11/2026, hơn 600 học sinh từ khối 1 đến khối 5 tham gia Hội khỏe Phù Đổng cấp trường với các môn chạy, nhảy dây, bật xa, cờ vua và kéo co.",
}

STUDENT_ARTICLE = {
    "section": STUDENT_CORNER_SLUG,
    "title": "Chuyến tham quan Bảo tàng Hải Phòng của lớp 3A",
    "slug": "chuyen-tham-quan-bao-tang-hai-phong-cua-lop-3a",
    "date": "2026-11-24",
    "author_name": "Trần Minh Khang",
    "author_position": "Học sinh lớp 3A",
    "author_class": "3A",
    "lead": "Bài viết của một bạn nhỏ lớp 3A kể lại buổi học trải nghiệm ở Bảo tàng Hải Phòng.",
    "paragraphs": [
        "Sáng thứ Bảy, lớp em được cô giáo chủ nhiệm đưa đi tham quan Bảo tàng Hải Phòng. Bảo tàng là một tòa nhà cổ màu đỏ rất đẹp trên phố Điện Biên Phủ.",
        "Em được xem những chiếc trống đồng, mô hình thuyền buồm và nhiều bức ảnh về trận Bạch Đằng. Cô hướng dẫn viên kể chuyện Nữ tướng Lê Chân lập ra trang An Biên, bây giờ là thành phố Hải Phòng của chúng em.",
        "Em thích nhất là phòng trưng bày về biển. Về nhà, em kể cho bố mẹ nghe và hứa sẽ chăm học để sau này góp phần xây dựng thành phố Cảng thêm giàu đẹp.",
    ],
}


def _rich(text):
    return RichText("<p>" + escape(text) + "</p>")


def _results_table():
    value = {
        "first_row_is_table_header": True,
        "first_col_is_header": True,
        "table_caption": "Kết quả toàn đoàn Hội khỏe Phù Đổng cấp trường 2026–2027",
        "data": [
            ["Khối", "Giải Nhất", "Giải Nhì", "Giải Ba", "Tổng số giải"],
            ["Khối 1", "2", "3", "4", "9"],
            ["Khối 2", "3", "2", "3", "8"],
            ["Khối 3", "4", "3", "2", "9"],
            ["Khối 4", "3", "4", "3", "10"],
            ["Khối 5", "5", "3", "2", "10"],
        ],
    }
    return TableBlock().to_python(value)


def _sports_day_body(ensure_image, ensure_document):
    photos = [
        ("Học sinh khối 5 thi kéo co trên sân trường", "Phần thi kéo co sôi nổi của khối 5.", "sport"),
        ("Hai bạn học sinh thi đấu cờ vua trong thư viện", "Các kỳ thủ nhỏ tranh tài môn cờ vua.", "star"),
        ("Học sinh khối 2 thi nhảy dây tập thể", "Nhảy dây tập thể – môn thi được yêu thích nhất.", "flag"),
    ]
    gallery = []
    for number, (alt, caption, motif) in enumerate(photos, start=1):
        image = ensure_image(f"Hội khỏe Phù Đổng 2026 – ảnh {number}", motif, 3000 + number)
        gallery.append({"image": image, "alt_text": alt, "caption": caption})
    plan = ensure_document(
        "Kế hoạch tổ chức Hội khỏe Phù Đổng cấp trường năm học 2026–2027",
        "ke-hoach-hoi-khoe-phu-dong-2026-2027.pdf",
        ["Trường Tiểu học Nguyễn Khuyến", "Số: 112/KH-THNK", "Thời gian: 25/11/2026", "Địa điểm: sân trường"],
    )
    return [
        (
            "paragraph",
            _rich(
                "Hội khỏe Phù Đổng là hoạt động thường niên nhằm phát triển phong trào thể dục thể thao trong nhà trường, đồng thời chọn vận động viên tham dự Hội khỏe Phù Đổng cấp quận."
            ),
        ),
        ("gallery", {"title": "Một số hình ảnh tại Hội khỏe", "images": gallery}),
        (
            "paragraph",
            _rich(
                "Sau một buổi sáng thi đấu sôi nổi, Ban tổ chức đã trao 46 giải cá nhân và đồng đội. Khối 4 và khối 5 dẫn đầu toàn đoàn với 10 giải mỗi khối."
            ),
        ),
        ("table", _results_table()),
        (
            "quote",
            {
                "text": "Mỗi em được vận động, được cổ vũ bạn mình – đó mới là chiến thắng lớn nhất của ngày hội.",
                "attribution": "Thầy Phạm Văn Tuấn, Hiệu trưởng",
            },
        ),
        (
            "video",
            {
                "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "title": "Toàn cảnh Hội khỏe Phù Đổng cấp trường 2026–2027",
                "duration": "3:25",
            },
        ),
        ("attachment", {"document": plan, "title": "Kế hoạch tổ chức Hội khỏe Phù Đổng (PDF)"}),
    ]


def _add_article(section, data, body, cover, owner=None):
    if ArticlePage.objects.child_of(section).filter(slug=data["slug"]).exists():
        return None
    article = ArticlePage(
        title=data["title"],
        slug=data["slug"],
        lead=data["lead"],
        cover_image=cover,
        cover_alt=data.get("cover_alt", data["title"]),
        body=body,
        publication_date=date.fromisoformat(data["date"]),
        author_name=data["author_name"],
        author_position=data["author_position"],
        author_kind=data.get("author_kind", ""),
        author_class=data.get("author_class", ""),
        owner=owner,
    )
    section.add_child(instance=article)
    article.save_revision(user=owner).publish()
    return article


def seed_news(home, users, ensure_image, ensure_document):
    """Mark the student corner, show sections in the menu, add the showcase articles (idempotent)."""
    for section in SectionPage.objects.child_of(home):
        changed = (
            not section.show_in_menus or (section.slug == STUDENT_CORNER_SLUG) != section.is_student_corner
        )
        if changed:
            section.show_in_menus = True
            section.is_student_corner = section.slug == STUDENT_CORNER_SLUG
            section.save_revision().publish()
    sections = {s.slug: s for s in SectionPage.objects.child_of(home)}
    created = []
    news = sections.get(SPORTS_DAY["section"])
    if news is not None:
        cover = ensure_image(SPORTS_DAY["title"], "sport", 3000)
        data = {**SPORTS_DAY, "cover_alt": "Học sinh xếp hàng khai mạc Hội khỏe Phù Đổng trên sân trường"}
        article = _add_article(
            news, data, _sports_day_body(ensure_image, ensure_document), cover, users.get("quantri")
        )
        created.append(article)
    corner = sections.get(STUDENT_CORNER_SLUG)
    if corner is not None:
        cover = ensure_image(STUDENT_ARTICLE["title"], "books", 3100)
        data = {**STUDENT_ARTICLE, "cover_alt": "Học sinh lớp 3A chụp ảnh trước Bảo tàng Hải Phòng"}
        body = [("paragraph", _rich(text)) for text in STUDENT_ARTICLE["paragraphs"]]
        created.append(_add_article(corner, data, body, cover, users.get("gvcn1a")))
    return [article for article in created if article is not None]


def showcase_article(home):
    """The demo's featured story (the sports day article), if it exists."""
    return ArticlePage.objects.descendant_of(home).filter(slug=SPORTS_DAY["slug"]).first()
