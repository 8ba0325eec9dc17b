"""Demo school structure of Trường Tiểu học Nguyễn Khuyến, year 2026–2027, from ``cms.demo.content.PEOPLE``.

Idempotent: every row is looked up by its natural key first; a second run changes nothing (and so logs
nothing). Called with one line from ``cms.demo.seed.seed_demo``.
"""

from datetime import date

from django.db import transaction
from django.utils.text import capfirst

from cms.core.school_pages import school_page
from cms.demo import content

from .models import (
    BoardMembership,
    BoardPage,
    ClassMembership,
    Department,
    DepartmentMembership,
    EditorialBoard,
    Position,
    SchoolClass,
    SchoolYear,
    StaffProfile,
    Union,
    UnionMembership,
)
from .roles import NEWS, PROFESSIONAL, UNIONS, sync_all_users

# The demo's one current school year, the same in structure, board, news, công khai and the work schedule.
YEAR = {"name": "2026–2027", "start_date": date(2026, 9, 1), "end_date": date(2027, 5, 31)}
DEPARTMENTS = [(f"Tổ {n}", Department.Kind.PROFESSIONAL, [PROFESSIONAL]) for n in range(1, 6)] + [
    ("Tổ Văn phòng", Department.Kind.OFFICE, [NEWS])
]
CLASSES = [f"{grade}{letter}" for grade in range(1, 6) for letter in "AB"]
UNIONS_DEMO = [
    (Union.Kind.TRADE_UNION, "Công đoàn cơ sở Trường Tiểu học Nguyễn Khuyến", "congdoan"),
    (Union.Kind.PIONEERS, "Liên đội TNTP Hồ Chí Minh Trường Tiểu học Nguyễn Khuyến", None),
    (Union.Kind.YOUTH_UNION, "Chi đoàn giáo viên Trường Tiểu học Nguyễn Khuyến", None),
]
BOARD = {"decision_number": "125/QĐ-THNK", "decision_date": date(2026, 9, 8)}
BOARD_MEMBERS = [
    (
        "hieutruong",
        BoardMembership.Role.HEAD,
        "Chỉ đạo chung; phê duyệt cuối cùng mọi tin bài trước khi đăng.",
    ),
    ("phohieutruong", BoardMembership.Role.DEPUTY, "Thẩm định tin bài chuyên môn và hoạt động phong trào."),
    ("totruong1", BoardMembership.Role.MEMBER, "Thẩm định tin bài của Tổ 1; phân công viết bài trong tổ."),
    ("congdoan", BoardMembership.Role.MEMBER, "Thẩm định tin hoạt động Công đoàn."),
    (
        "quantri",
        BoardMembership.Role.SECRETARY,
        "Đăng tin đã duyệt, cập nhật văn bản, thông báo; báo cáo kế hoạch.",
    ),
]
POSITION_BY_LABEL = {
    "Hiệu trưởng": Position.PRINCIPAL,
    "Phó hiệu trưởng": Position.VICE_PRINCIPAL,
    "Tổ trưởng": Position.DEPARTMENT_HEAD,
    "Giáo viên": Position.TEACHER,
    "Chủ tịch Công đoàn": Position.TEACHER,
    "Học sinh": Position.STUDENT,
    "Quản trị cổng TTĐT": Position.PORTAL_ADMIN,
    "Nhân viên văn thư": Position.CLERK,
    "Nhân viên thư viện": Position.LIBRARIAN,
    "Nhân viên y tế": Position.NURSE,
}


def position_of(person):
    """Map a demo person's position text ("Giáo viên Tổ 1") to a ``Position``."""
    for label, position in POSITION_BY_LABEL.items():
        if person["position"].startswith(label):
            return position
    return Position.TEACHER


def ensure_demo_year():
    """The demo's school year (``content.YEAR``); current unless another year already is."""
    year = SchoolYear.objects.filter(name=YEAR["name"]).first()
    if year is None:
        year = SchoolYear.objects.create(
            **YEAR, is_current=not SchoolYear.objects.filter(is_current=True).exists()
        )
    return year


@transaction.atomic
def seed_school_structure(users, home=None):
    """Create the demo year's structure, board and demo people's profiles, and the "Ban biên tập" page."""
    from cms.home.models import HomePage

    home = home or HomePage.objects.first()
    year = ensure_demo_year()
    section_by_key = {key: school_page(key) for key in (NEWS, PROFESSIONAL, UNIONS)}
    section_by_key = {key: page for key, page in section_by_key.items() if page is not None}

    for person in content.PEOPLE:
        user = users.get(person["username"])
        if user is not None and not StaffProfile.objects.filter(user=user).exists():
            StaffProfile.objects.create(user=user, position=position_of(person))

    departments = {}
    for name, kind, keys in DEPARTMENTS:
        department = Department.objects.filter(school_year=year, name=name).first()
        if department is None:
            department = Department.objects.create(school_year=year, name=name, kind=kind)
            department.sections.set([section_by_key[k] for k in keys if k in section_by_key])
        departments[name] = department
    classes = {}
    for name in CLASSES:
        classes[name], _ = SchoolClass.objects.get_or_create(
            school_year=year, name=name, defaults={"grade": int(name[0])}
        )
    unions = {}
    for kind, name, leader in UNIONS_DEMO:
        union = Union.objects.filter(school_year=year, kind=kind).first()
        if union is None:
            union = Union.objects.create(
                school_year=year,
                kind=kind,
                name=name,
                leader=users.get(leader),
                section=section_by_key.get(UNIONS),
            )
        unions[capfirst(union.get_kind_display())] = union

    for person in content.PEOPLE:
        user = users.get(person["username"])
        if user is None:
            continue
        department = departments.get(person["department"])
        if department and not DepartmentMembership.objects.filter(school_year=year, user=user).exists():
            DepartmentMembership.objects.create(department=department, user=user)
            if person["position"].startswith("Tổ trưởng") and department.head_id is None:
                department.head = user
                department.save(update_fields=["head"])
        school_class = classes.get(person["class_name"])
        if school_class:
            if person["position"].startswith("Học sinh"):
                if not ClassMembership.objects.filter(school_year=year, user=user).exists():
                    ClassMembership.objects.create(school_class=school_class, user=user)
            elif school_class.homeroom_teacher_id is None:
                school_class.homeroom_teacher = user
                school_class.save(update_fields=["homeroom_teacher"])
        union = unions.get(person["union"])
        if union and not UnionMembership.objects.filter(union=union, user=user).exists():
            UnionMembership.objects.create(union=union, user=user)

    board = EditorialBoard.objects.filter(school_year=year).first()
    if board is None:
        board = EditorialBoard.objects.create(school_year=year, **BOARD)
    for username, role, duties in BOARD_MEMBERS:
        user = users.get(username)
        if user and not BoardMembership.objects.filter(board=board, user=user).exists():
            BoardMembership.objects.create(board=board, user=user, role=role, duties=duties)

    ensure_board_page(home)
    sync_all_users()
    return year


def ensure_board_page(home):
    """The public "Ban biên tập" page under the home page (created once)."""
    page = BoardPage.objects.child_of(home).first()
    if page is None:
        page = home.add_child(
            instance=BoardPage(
                title="Ban biên tập",
                slug="ban-bien-tap",
                intro="Ban biên tập cổng thông tin điện tử do Hiệu trưởng ra quyết định thành lập.",
            )
        )
        page.save_revision().publish()
    return page
