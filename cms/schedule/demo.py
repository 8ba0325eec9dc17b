# ruff: noqa: E501 - Vietnamese schedule lines stay on one line.
"""Demo work schedule: the current week (with one internal entry) and the week before it (idempotent)."""

from datetime import time, timedelta

from cms.documents.models import today_vn

from .models import ScheduleEntry, ScheduleWeekPage, monday_of

# (weekday 0=Monday, time or None, content, place, presiding, participants, internal)
CURRENT_WEEK = [
    (
        0,
        time(7, 15),
        "Chào cờ đầu tuần; phát động phong trào thi đua chào mừng Ngày thành lập Quân đội nhân dân Việt Nam 22/12",
        "Sân trường",
        "Hiệu trưởng",
        "Toàn trường",
        False,
    ),
    (
        0,
        time(14, 0),
        "Họp giao ban Ban giám hiệu",
        "Phòng Hiệu trưởng",
        "Hiệu trưởng",
        "Ban giám hiệu, tổ trưởng",
        False,
    ),
    (1, time(8, 0), "Dự giờ thăm lớp khối 3", "Các lớp khối 3", "Phó hiệu trưởng", "Tổ 3", False),
    (
        2,
        time(14, 0),
        "Sinh hoạt chuyên môn theo nghiên cứu bài học môn Tiếng Việt",
        "Phòng họp",
        "Tổ trưởng tổ 1",
        "Giáo viên tổ 1",
        False,
    ),
    (
        3,
        time(9, 0),
        "Kiểm tra hồ sơ thu chi quỹ (nội bộ)",
        "Phòng Kế toán",
        "Hiệu trưởng",
        "Kế toán, thủ quỹ",
        True,
    ),
    (
        3,
        time(15, 30),
        "Tập huấn phòng, chống bệnh tay chân miệng cho giáo viên chủ nhiệm",
        "Phòng y tế",
        "Nhân viên y tế",
        "Giáo viên chủ nhiệm",
        False,
    ),
    (
        4,
        None,
        "Kiểm tra định kỳ cuối học kỳ I môn Toán khối 4, 5",
        "Các lớp khối 4, 5",
        "Phó hiệu trưởng",
        "Giáo viên khối 4, 5",
        False,
    ),
    (
        5,
        time(8, 0),
        "Họp cha mẹ học sinh lớp 1A, 1B",
        "Lớp 1A, 1B",
        "Giáo viên chủ nhiệm",
        "Cha mẹ học sinh lớp 1A, 1B",
        False,
    ),
]
PREVIOUS_WEEK = [
    (
        0,
        time(7, 15),
        "Chào cờ đầu tuần; tổng kết hoạt động chào mừng Ngày Nhà giáo Việt Nam 20/11",
        "Sân trường",
        "Hiệu trưởng",
        "Toàn trường",
        False,
    ),
    (
        2,
        time(8, 0),
        "Hội khỏe Phù Đổng cấp trường: các môn chạy, nhảy dây, cờ vua",
        "Sân trường",
        "Phó hiệu trưởng",
        "Học sinh khối 1–5, giáo viên thể dục",
        False,
    ),
    (
        4,
        time(14, 0),
        "Họp Hội đồng sư phạm tháng 11",
        "Hội trường",
        "Hiệu trưởng",
        "Toàn thể cán bộ, giáo viên, nhân viên",
        False,
    ),
]


def ensure_index():
    """The "Lịch công tác" page: made by the install (``setup_school``, page key ``schedule``), found by key."""
    from cms.core.school_pages import school_page

    return school_page("schedule")


def _week(index_page, monday, rows, owner):
    if ScheduleWeekPage.objects.filter(week_start=monday).exists():
        return
    page = ScheduleWeekPage(week_start=monday, owner=owner)
    page.title = "tuan"  # replaced from the week on save
    page.slug = f"tuan-{monday:%d-%m-%Y}"
    page.entries = [
        ScheduleEntry(
            sort_order=order,
            day=monday + timedelta(days=weekday),
            start_time=at,
            content=content,
            place=place,
            presiding=presiding,
            participants=participants,
            internal=internal,
        )
        for order, (weekday, at, content, place, presiding, participants, internal) in enumerate(rows)
    ]
    index_page.add_child(instance=page)
    page.save_revision(user=owner).publish()


def seed_schedule(users=None):
    """The schedule index with this week and last week; idempotent. Returns the index page."""
    index_page = ensure_index()
    owner = (users or {}).get("vanthu")
    monday = monday_of(today_vn())
    _week(index_page, monday - timedelta(days=7), PREVIOUS_WEEK, owner)
    _week(index_page, monday, CURRENT_WEEK, owner)
    return index_page
