# ruff: noqa: E501 - long Vietnamese prose is kept one paragraph per line so it stays easy to edit.
"""Demo notices of school year 2026–2027: start of year, change of plan, urgent, health advice; some expired."""

from datetime import date, datetime

from cms.core.pdf import ensure_pdf_document
from cms.core.vietnamese import VN_TZ

from .models import NoticeAttachment, NoticePage


def _at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=VN_TZ)


NOTICES = [
    {
        "slug": "thong-bao-tuu-truong-nam-hoc-2026-2027",
        "title": "Thông báo tựu trường năm học 2026–2027",
        "notice_date": date(2026, 8, 20),
        "sender": "Ban Giám hiệu",
        "audience": "toan-truong",
        "priority": "thuong",
        "pinned": True,
        "valid_from": _at(2026, 8, 20, 7),
        "valid_to": _at(2026, 9, 6, 0),
        "summary": "Học sinh toàn trường tựu trường lúc 7 giờ 30 ngày 27/8/2026; khai giảng ngày 05/9/2026.",
        "body": "<p>Nhà trường thông báo lịch tựu trường năm học 2026–2027:</p><ul><li>Học sinh lớp 1: 7 giờ 30 "
        "ngày 25/8/2026.</li><li>Học sinh lớp 2 đến lớp 5: 7 giờ 30 ngày 27/8/2026.</li><li>Lễ khai giảng: "
        "7 giờ 30 ngày 05/9/2026 tại sân trường.</li></ul><p>Đề nghị cha mẹ học sinh đưa con đến trường đúng giờ.</p>",
    },
    {
        "slug": "thong-bao-nghi-tet-duong-lich-2026",
        "title": "Thông báo nghỉ Tết Dương lịch năm 2026",
        "notice_date": date(2025, 12, 26),
        "sender": "Ban Giám hiệu",
        "audience": "toan-truong",
        "priority": "thuong",
        "pinned": True,
        "valid_from": _at(2025, 12, 26, 7),
        "valid_to": _at(2026, 1, 2, 0),
        "summary": "Học sinh nghỉ Tết Dương lịch ngày 01/01/2026, đi học trở lại ngày 02/01/2026.",
        "body": "<p>Thực hiện hướng dẫn của Phòng GD&amp;ĐT quận Ngô Quyền, học sinh toàn trường nghỉ Tết Dương lịch "
        "ngày 01/01/2026 (thứ Năm) và đi học trở lại vào ngày 02/01/2026.</p>",
    },
    {
        "slug": "thay-doi-lich-hop-cha-me-hoc-sinh-hoc-ky-i",
        "title": "Thay đổi lịch họp cha mẹ học sinh học kỳ I",
        "notice_date": date(2026, 11, 20),
        "sender": "Ban Giám hiệu",
        "audience": "phu-huynh",
        "priority": "thuong",
        "pinned": True,
        "valid_from": _at(2026, 11, 20, 7),
        "valid_to": _at(2027, 1, 10, 0),
        "summary": "Họp cha mẹ học sinh học kỳ I chuyển sang 8 giờ sáng Chủ Nhật ngày 27/12/2026.",
        "body": "<p>Do trùng lịch kiểm tra định kỳ, buổi họp cha mẹ học sinh học kỳ I được chuyển từ ngày 20/12/2026 "
        "sang <strong>8 giờ sáng Chủ Nhật ngày 27/12/2026</strong> tại các lớp học. Rất mong quý cha mẹ học sinh "
        "sắp xếp thời gian tham dự.</p>",
    },
    {
        "slug": "khan-hoc-sinh-nghi-hoc-do-mua-bao",
        "title": "Khẩn: Học sinh nghỉ học do ảnh hưởng của mưa bão",
        "notice_date": date(2026, 11, 27),
        "sender": "Ban Giám hiệu",
        "audience": "toan-truong",
        "priority": "khan",
        "pinned": False,
        "valid_from": _at(2026, 11, 27, 15),
        "valid_to": _at(2027, 3, 1, 0),
        "summary": "Thực hiện công điện của UBND quận, học sinh nghỉ học khi có bão đổ bộ; theo dõi thông báo của GVCN.",
        "body": "<p>Thực hiện công điện của UBND quận Ngô Quyền về ứng phó với bão, khi có bão đổ bộ vào thành phố, "
        "học sinh toàn trường nghỉ học. Giáo viên chủ nhiệm thông báo cụ thể qua nhóm lớp. Cha mẹ học sinh "
        "không cho con ra ngoài khi mưa to, gió lớn.</p>",
    },
    {
        "slug": "phong-chong-benh-tay-chan-mieng",
        "title": "Hướng dẫn phòng, chống bệnh tay chân miệng trong trường học",
        "notice_date": date(2026, 10, 15),
        "sender": "Nhân viên y tế",
        "audience": "phu-huynh",
        "priority": "thuong",
        "pinned": False,
        "valid_from": _at(2026, 10, 15, 7),
        "valid_to": _at(2027, 1, 31, 0),
        "summary": "Cha mẹ học sinh theo dõi sức khỏe của con, cho con nghỉ học và báo nhà trường khi có triệu chứng.",
        "body": "<p>Bệnh tay chân miệng thường gặp ở trẻ dưới 10 tuổi. Khi trẻ sốt, có bọng nước ở lòng bàn tay, "
        "bàn chân, miệng, cha mẹ cho trẻ nghỉ học, đưa trẻ đi khám và báo cho giáo viên chủ nhiệm.</p>"
        "<ul><li>Rửa tay bằng xà phòng trước khi ăn và sau khi đi vệ sinh.</li>"
        "<li>Ăn chín, uống chín; lau rửa đồ chơi hằng ngày.</li></ul>",
        "attachment": ("Hướng dẫn phòng bệnh tay chân miệng", "huong-dan-phong-benh-tay-chan-mieng.pdf"),
    },
    {
        "slug": "lich-kiem-tra-dinh-ky-cuoi-hoc-ky-i",
        "title": "Lịch kiểm tra định kỳ cuối học kỳ I",
        "notice_date": date(2026, 11, 25),
        "sender": "Phó Hiệu trưởng",
        "audience": "giao-vien",
        "priority": "thuong",
        "pinned": False,
        "valid_from": _at(2026, 12, 1, 7),
        "valid_to": _at(2027, 1, 16, 0),
        "summary": "Kiểm tra định kỳ cuối học kỳ I các môn Tiếng Việt, Toán từ ngày 05/01 đến 09/01/2027.",
        "body": "<p>Các tổ chuyên môn nộp đề kiểm tra về Phó Hiệu trưởng trước ngày 20/12/2026.</p>",
    },
]


def ensure_index():
    """The "Thông báo" page: made by the install (``setup_school``, page key ``thong_bao``), found by key."""
    from cms.core.school_pages import school_page

    return school_page("thong_bao")


def seed_notices(users=None):
    """Seed the notices under the "Thông báo" page; idempotent. Returns the index page."""
    index_page = ensure_index()
    owner = (users or {}).get("quantri")
    for data in NOTICES:
        if NoticePage.objects.child_of(index_page).filter(slug=data["slug"]).exists():
            continue
        fields = {k: v for k, v in data.items() if k != "attachment"}
        page = NoticePage(owner=owner, **fields)
        if "attachment" in data:
            title, filename = data["attachment"]
            document = ensure_pdf_document(title, filename, [title, data["summary"][:90], "Nhan vien y te"])
            page.attachments.add(NoticeAttachment(document=document, label=title))
        index_page.add_child(instance=page)
        page.save_revision(user=owner).publish()
    return index_page
