# ruff: noqa: E501 - Vietnamese prose stays one paragraph per line.
"""Demo introduction pages: giới thiệu, lịch sử, cơ cấu tổ chức, liên hệ and the links page (idempotent)."""

from django.utils.html import escape
from wagtail.rich_text import RichText

from .models import LinkItem, LinksPage, OrganisationPage, StandardPage

ABOUT = {
    "title": "Giới thiệu",
    "slug": "gioi-thieu",
    "intro": "Trường Tiểu học Nguyễn Khuyến – ngôi trường thân thiện của học sinh phường Cầu Đất, quận Ngô Quyền, thành phố Hải Phòng.",
    "paragraphs": [
        "Trường Tiểu học Nguyễn Khuyến là trường công lập trực thuộc Phòng Giáo dục và Đào tạo quận Ngô Quyền. Năm học 2026–2027, nhà trường có 32 lớp với hơn 1.200 học sinh, 58 cán bộ, giáo viên, nhân viên.",
        "Sứ mệnh của nhà trường là xây dựng môi trường học tập an toàn, thân thiện, nơi mỗi học sinh được yêu thương, được tôn trọng và được phát triển toàn diện về phẩm chất và năng lực theo Chương trình giáo dục phổ thông 2018.",
        "Nhà trường đạt chuẩn quốc gia mức độ 2 và kiểm định chất lượng giáo dục cấp độ 3. Nhiều năm liền, trường được công nhận danh hiệu Tập thể lao động xuất sắc.",
    ],
    "facts": [
        ["Nội dung", "Số liệu năm học 2026–2027"],
        ["Số lớp", "32"],
        ["Số học sinh", "1.214"],
        ["Cán bộ quản lý", "3"],
        ["Giáo viên", "46"],
        ["Nhân viên", "9"],
    ],
}

HISTORY = {
    "title": "Lịch sử nhà trường",
    "slug": "lich-su-nha-truong",
    "intro": "Những chặng đường xây dựng và trưởng thành của nhà trường.",
    "paragraphs": [
        "Trường mang tên nhà thơ Nguyễn Khuyến (1835–1909), người được mệnh danh là “Tam nguyên Yên Đổ”, một nhà giáo, nhà thơ lớn của dân tộc với tấm lòng yêu nước, thương dân.",
        "Từ những ngày đầu chỉ có vài dãy phòng học cấp bốn, qua nhiều thế hệ thầy và trò, nhà trường đã không ngừng lớn mạnh. Khu nhà học ba tầng, thư viện thân thiện, phòng tin học và sân chơi đa năng lần lượt được xây dựng với sự quan tâm của chính quyền các cấp và sự đồng hành của cha mẹ học sinh.",
        "Nhiều thế hệ học sinh của trường nay đã trưởng thành, trở thành bác sĩ, kỹ sư, thầy cô giáo, chiến sĩ, cùng góp sức xây dựng thành phố Cảng.",
    ],
    "quote": {
        "text": "Mỗi ngày đến trường là một ngày vui.",
        "attribution": "Khẩu hiệu của nhà trường",
    },
}

ORGANISATION = {
    "title": "Cơ cấu tổ chức",
    "slug": "co-cau-to-chuc",
    "intro": "Ban giám hiệu, các tổ chuyên môn, tổ văn phòng, các tổ chức đoàn thể và Ban biên tập cổng thông tin điện tử của nhà trường.",
    "paragraph": "Nhà trường hoạt động theo Điều lệ trường tiểu học. Hiệu trưởng là Trưởng ban biên tập cổng thông tin điện tử; thông tin liên hệ của cán bộ, giáo viên chỉ được công khai khi người đó đồng ý.",
}

CONTACT = {
    "title": "Liên hệ",
    "slug": "lien-he",
    "intro": "Cha mẹ học sinh và các cơ quan, đơn vị có thể liên hệ với nhà trường qua địa chỉ, điện thoại và thư điện tử dưới đây.",
    "paragraphs": [
        "Văn phòng nhà trường tiếp cha mẹ học sinh trong giờ hành chính. Để gặp giáo viên chủ nhiệm, cha mẹ học sinh vui lòng liên hệ trước qua sổ liên lạc điện tử hoặc qua văn phòng.",
        "Mọi ý kiến góp ý về nội dung đăng trên cổng thông tin điện tử xin gửi về thư điện tử của nhà trường; Ban biên tập sẽ xem xét và phản hồi trong thời gian sớm nhất.",
    ],
}

LINKS = {
    "title": "Liên kết",
    "slug": "lien-ket",
    "intro": "Cổng thông tin của các cơ quan quản lý giáo dục và các hệ thống thông tin mà nhà trường sử dụng.",
    "links": [
        (
            "Cơ quan quản lý",
            "Bộ Giáo dục và Đào tạo",
            "https://moet.gov.vn",
            "Cổng thông tin điện tử Bộ GD&ĐT",
        ),
        (
            "Cơ quan quản lý",
            "Sở Giáo dục và Đào tạo Hải Phòng",
            "https://haiphong.edu.vn",
            "Văn bản, thông báo của Sở",
        ),
        (
            "Cơ quan quản lý",
            "Phòng GD&ĐT quận Ngô Quyền",
            "https://ngoquyen.haiphong.edu.vn",
            "Cơ quan quản lý trực tiếp của nhà trường",
        ),
        (
            "Hệ thống của ngành",
            "Cơ sở dữ liệu ngành giáo dục",
            "https://csdl.moet.gov.vn",
            "Dành cho cán bộ quản lý và giáo viên",
        ),
        (
            "Hệ thống của ngành",
            "Trường học kết nối",
            "https://truonghocketnoi.edu.vn",
            "Sinh hoạt chuyên môn trực tuyến",
        ),
        (
            "Hệ thống của ngành",
            "Hệ tri thức Việt số hóa – Học liệu",
            "https://igiaoduc.vn",
            "Học liệu số cho học sinh và giáo viên",
        ),
        (
            "Hệ thống của nhà trường",
            "Thư điện tử công vụ",
            "https://mail.haiphong.gov.vn",
            "Hộp thư của cán bộ, giáo viên",
        ),
    ],
}


def _rich(text):
    return RichText("<p>" + escape(text) + "</p>")


def _child(parent, model, slug, **fields):
    """The child page with ``slug`` under ``parent``, created and published once — or filled once when
    ``setup_school`` installed it blank (no body, no links)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        page = existing.specific
        if _blank(page):
            for name, value in fields.items():
                setattr(page, name, value)
            page.save_revision().publish()
        return page
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _blank(page):
    """A page as a fresh install leaves it: no body and no links yet."""
    if isinstance(page, LinksPage):
        return not page.links.exists()
    return not page.body


def _table(rows, caption):
    from wagtail.contrib.table_block.blocks import TableBlock

    return TableBlock().to_python(
        {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "table_caption": caption,
        }
    )


def seed_pages(home, ensure_image):
    """Create the introduction pages and the links page under ``home``; returns them by slug."""
    about_body = [("paragraph", _rich(text)) for text in ABOUT["paragraphs"]]
    about_body.insert(
        1,
        (
            "image",
            {
                "image": ensure_image("Toàn cảnh Trường Tiểu học Nguyễn Khuyến", "school", 4000),
                "alt_text": "Khu nhà học ba tầng và sân trường rợp bóng cây",
                "caption": "Khuôn viên nhà trường.",
            },
        ),
    )
    about_body.append(("table", _table(ABOUT["facts"], "Quy mô nhà trường")))
    about = _child(
        home,
        StandardPage,
        ABOUT["slug"],
        title=ABOUT["title"],
        intro=ABOUT["intro"],
        body=about_body,
        show_in_menus=True,
    )
    first = home.get_first_child()
    if first is not None and first.pk != about.pk:
        about.move(first, pos="left")  # "Giới thiệu" comes first in the menu
        about = StandardPage.objects.get(pk=about.pk)  # the move changed its tree path
    history_body = [("paragraph", _rich(text)) for text in HISTORY["paragraphs"]]
    history_body.append(("quote", HISTORY["quote"]))
    history = _child(
        about,
        StandardPage,
        HISTORY["slug"],
        title=HISTORY["title"],
        intro=HISTORY["intro"],
        body=history_body,
    )
    organisation = _child(
        about,
        OrganisationPage,
        ORGANISATION["slug"],
        title=ORGANISATION["title"],
        intro=ORGANISATION["intro"],
        body=[("paragraph", _rich(ORGANISATION["paragraph"]))],
    )
    links = _child(
        home,
        LinksPage,
        LINKS["slug"],
        title=LINKS["title"],
        intro=LINKS["intro"],
        links=[
            LinkItem(sort_order=order, group=group, title=title, url=url, description=description)
            for order, (group, title, url, description) in enumerate(LINKS["links"])
        ],
    )
    contact = _child(
        home,
        StandardPage,
        CONTACT["slug"],
        title=CONTACT["title"],
        intro=CONTACT["intro"],
        body=[("paragraph", _rich(text)) for text in CONTACT["paragraphs"]],
        show_school_contacts=True,
        show_in_menus=True,
    )
    return {p.slug: p for p in (about, history, organisation, links, contact)}
