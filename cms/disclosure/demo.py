# ruff: noqa: E501 - Vietnamese titles stay on one line.
"""Demo công khai for the current school year 2026–2027 and the four before it (kept five years, TT 09/2024): items in every category for the last two, the yearly reports for the older ones (idempotent)."""

from datetime import date

from .models import Category, DisclosureIndexPage, DisclosureItem, DisclosureYearPage

INDEX = {
    "title": "Công khai",
    "slug": "cong-khai",
    "intro": "Nhà trường công khai thông tin theo Thông tư số 09/2024/TT-BGDĐT ngày 03/6/2024 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về công khai trong hoạt động của các cơ sở giáo dục thuộc hệ thống giáo dục quốc dân.",
}

YEAR_ITEMS = {
    "2026–2027": [
        (
            Category.GENERAL,
            "Thông tin chung về nhà trường: tên, địa chỉ, loại hình, cơ quan quản lý",
            "2026-08-20",
            "gioi-thieu",
        ),
        (
            Category.GENERAL,
            "Quyết định thành lập Ban biên tập cổng thông tin điện tử năm học 2026–2027",
            "2026-09-08",
            None,
        ),
        (Category.FINANCE, "Mức thu học phí và các khoản thu dịch vụ năm học 2026–2027", "2026-08-25", None),
        (Category.FINANCE, "Dự toán thu, chi ngân sách nhà nước năm 2027", "2026-11-20", None),
        (
            Category.CONDITIONS,
            "Đội ngũ cán bộ quản lý, giáo viên, nhân viên năm học 2026–2027",
            "2026-09-30",
            None,
        ),
        (Category.QUALITY, "Kế hoạch giáo dục nhà trường năm học 2026–2027", "2026-09-12", None),
        (Category.QUALITY, "Cam kết chất lượng giáo dục năm học 2026–2027", "2026-09-12", None),
    ],
    "2025–2026": [
        (
            Category.GENERAL,
            "Thông tin chung về nhà trường: tên, địa chỉ, loại hình, cơ quan quản lý",
            "2025-08-20",
            "gioi-thieu",
        ),
        (
            Category.GENERAL,
            "Quyết định thành lập Ban biên tập cổng thông tin điện tử năm học 2025–2026",
            "2025-09-08",
            None,
        ),
        (Category.GENERAL, "Quy chế dân chủ ở cơ sở của nhà trường", "2025-09-15", None),
        (Category.FINANCE, "Dự toán thu, chi ngân sách nhà nước năm 2026", "2026-01-20", None),
        (Category.FINANCE, "Mức thu học phí và các khoản thu dịch vụ năm học 2025–2026", "2025-08-25", None),
        (Category.FINANCE, "Báo cáo quyết toán thu, chi năm 2025", "2026-03-10", None),
        (
            Category.CONDITIONS,
            "Đội ngũ cán bộ quản lý, giáo viên, nhân viên năm học 2025–2026",
            "2025-09-30",
            None,
        ),
        (
            Category.CONDITIONS,
            "Cơ sở vật chất: phòng học, phòng chức năng, thiết bị dạy học",
            "2025-09-30",
            None,
        ),
        (Category.QUALITY, "Kế hoạch giáo dục nhà trường năm học 2025–2026", "2025-09-12", None),
        (Category.QUALITY, "Kết quả đánh giá học sinh cuối năm học 2025–2026", "2026-06-05", None),
        (Category.QUALITY, "Báo cáo tự đánh giá kiểm định chất lượng giáo dục", "2026-05-28", None),
    ],
    **{
        f"{start}–{start + 1}": [
            (Category.FINANCE, f"Báo cáo quyết toán thu, chi năm {start + 1}", f"{start + 2}-03-10", None),
            (
                Category.QUALITY,
                f"Kết quả đánh giá học sinh cuối năm học {start}–{start + 1}",
                f"{start + 1}-06-05",
                None,
            ),
        ]
        for start in (2024, 2023, 2022)
    },
}


def _filename(title):
    from cms.core.vietnamese import slugify_vi

    return slugify_vi(title, max_length=60) + ".pdf"


def seed_disclosure(home, ensure_document, before_slug="lien-he"):
    """Create "Công khai" with one page per demo school year and its items; placed before ``before_slug`` in the menu."""
    index = DisclosureIndexPage.objects.child_of(home).first()
    if index is None:
        index = DisclosureIndexPage(
            title=INDEX["title"], slug=INDEX["slug"], intro=INDEX["intro"], show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        anchor = home.get_children().filter(slug=before_slug).first()
        if anchor is not None:
            index.move(anchor, pos="left")
            index = DisclosureIndexPage.objects.get(pk=index.pk)
    if index.intro != INDEX["intro"] and not index.get_children().exists():
        index.intro = INDEX["intro"]  # the install's short text
        index.save_revision().publish()
    for school_year, items in YEAR_ITEMS.items():
        if DisclosureYearPage.objects.child_of(index).filter(school_year=school_year).exists():
            continue
        year_items = []
        for order, (category, title, published, page_slug) in enumerate(items):
            linked = home.get_children().filter(slug=page_slug).first() if page_slug else None
            document = None
            if linked is None:
                document = ensure_document(
                    title,
                    _filename(title),
                    ["Trường Tiểu học Nguyễn Khuyến", f"Năm học {school_year}", title],
                )
            year_items.append(
                DisclosureItem(
                    sort_order=order,
                    category=category,
                    title=title,
                    document=document,
                    linked_page=linked,
                    published_on=date.fromisoformat(published),
                )
            )
        page = DisclosureYearPage(
            title=f"Công khai năm học {school_year}",
            slug=f"nam-hoc-{school_year.replace('–', '-')}",
            school_year=school_year,
            intro=f"Các nội dung công khai năm học {school_year} theo Thông tư 09/2024/TT-BGDĐT. Nội dung được cập nhật trong vòng 10 ngày làm việc khi có thay đổi.",
            items=year_items,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    return index
