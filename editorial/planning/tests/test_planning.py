"""Writing plan: who may assign to whom, writers see their own, overdue ones stand out, statuses follow
the article's moderation, and the monthly report's numbers (screen, CSV, XLSX)."""

import csv
from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.core.school_pages import SectionKey, school_page
from cms.news.models import ArticlePage, SectionPage
from editorial.moderation.tests.support import act, approve_through, resubmit, submit, user
from editorial.planning.factories import AssignmentFactory
from editorial.planning.models import Assignment, AssignmentStatus

pytestmark = pytest.mark.django_db
PRO = "hoat-dong-chuyen-mon"


@pytest.fixture(autouse=True)
def plan():
    """Three assignments: one for a teacher of Tổ 1, one overdue for the homeroom teacher of 1A, one for
    the union leader given by the principal."""
    teaching = "Chuyên đề dạy đọc cho học sinh lớp 1"
    AssignmentFactory(topic=teaching, assignee=user("giaovien1"), assigned_by=user("totruong1"))
    AssignmentFactory(
        topic="Tiết học trải nghiệm “Em yêu cây xanh” của lớp 1A",
        assignee=user("gvcn1a"),
        assigned_by=user("totruong1"),
        due_date=timezone.localdate() - timedelta(days=5),
    )
    AssignmentFactory(
        topic="Công đoàn thăm hỏi đoàn viên có hoàn cảnh khó khăn",
        section=school_page(SectionKey.UNIONS),
        assignee=user("congdoan"),
        assigned_by=user("hieutruong"),
    )


def _form(assignee, topic="Viết tin sinh hoạt chuyên môn tháng 12", due="15/12/2026", **extra):
    data = {
        "topic": topic,
        "section": SectionPage.objects.get(slug=PRO).pk,
        "assignee": assignee.pk,
        "due_date": due,
        "status": AssignmentStatus.ASSIGNED,
        "article": "",
        "note": "",
    }
    data.update(extra)
    return data


@pytest.fixture
def to_2():
    """Tổ 2 with a head who is not on the editorial board, and one teacher."""
    from editorial.factories import StaffProfileFactory, UserFactory
    from editorial.models import Department, DepartmentMembership, Position

    department = Department.objects.current().get(name="Tổ 2")
    head = UserFactory(username="totruong2", first_name="Sơn", last_name="Đỗ Văn")
    StaffProfileFactory(user=head, position=Position.DEPARTMENT_HEAD)
    DepartmentMembership.objects.create(department=department, user=head)
    department.head = head
    department.save()
    teacher = UserFactory(username="giaovien2", first_name="Hạnh", last_name="Mai Thị")
    StaffProfileFactory(user=teacher, position=Position.TEACHER)
    DepartmentMembership.objects.create(department=department, user=teacher)
    return head, teacher


def test_department_head_assigns_to_own_department_only(client, to_2):
    head, teacher = to_2
    client.force_login(head)
    response = client.post(reverse("ke-hoach-viet-bai:add"), _form(teacher))
    assert response.status_code == 302, response.content[:2000]
    assignment = Assignment.objects.get(topic="Viết tin sinh hoạt chuyên môn tháng 12")
    assert assignment.assigned_by == head
    assert assignment.department.name == "Tổ 2"
    assert assignment.due_date == date(2026, 12, 15)

    # Not to a teacher of Tổ 1: a clear message, nothing created.
    response = client.post(
        reverse("ke-hoach-viet-bai:add"), _form(user("giaovien1"), topic="Bài của tổ khác")
    )
    assert response.status_code == 200
    assert "chỉ giao bài được cho thành viên tổ mình" in response.content.decode()
    assert not Assignment.objects.filter(topic="Bài của tổ khác").exists()

    # Nor edit an assignment of Tổ 1 (given by the board).
    other = Assignment.objects.get(topic="Chuyên đề dạy đọc cho học sinh lớp 1")
    response = client.post(reverse("ke-hoach-viet-bai:edit", args=(other.pk,)), _form(teacher, topic="Đổi"))
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.topic == "Chuyên đề dạy đọc cho học sinh lớp 1"


def test_board_assigns_to_anyone(client):
    client.force_login(user("hieutruong"))
    response = client.post(reverse("ke-hoach-viet-bai:add"), _form(user("congdoan"), topic="Tin công đoàn"))
    assert response.status_code == 302
    assert Assignment.objects.get(topic="Tin công đoàn").assigned_by.username == "hieutruong"


def test_writer_sees_only_their_own_and_cannot_assign_or_edit(client):
    others = Assignment.objects.get(topic__startswith="Công đoàn thăm hỏi")
    client.force_login(user("giaovien1"))
    index = client.get(reverse("ke-hoach-viet-bai:index"))
    assert index.status_code == 200
    html = index.content.decode()
    assert "Chuyên đề dạy đọc cho học sinh lớp 1" in html
    assert "Công đoàn thăm hỏi" not in html
    assert client.get(reverse("ke-hoach-viet-bai:add")).status_code in (302, 403)
    response = client.post(reverse("ke-hoach-viet-bai:add"), _form(user("giaovien1"), topic="Tự giao"))
    assert response.status_code in (302, 403)
    assert not Assignment.objects.filter(topic="Tự giao").exists()
    response = client.post(
        reverse("ke-hoach-viet-bai:edit", args=(others.pk,)), _form(user("giaovien1"), topic="Đổi đề")
    )
    assert response.status_code in (302, 403)
    others.refresh_from_db()
    assert others.topic.startswith("Công đoàn thăm hỏi")


def test_overdue_assignments_stand_out_and_can_be_filtered(client):
    client.force_login(user("totruong1"))
    html = client.get(reverse("ke-hoach-viet-bai:index")).content.decode()
    overdue_topic = "Tiết học trải nghiệm “Em yêu cây xanh” của lớp 1A"
    assert "assignment--overdue" in html
    row = html[html.find("Tiết học trải nghiệm") :][:3000]
    assert "assignment--overdue" in row and "Quá hạn" in row
    filtered = client.get(reverse("ke-hoach-viet-bai:index"), {"state": "qua_han"}).content.decode()
    assert "Tiết học trải nghiệm" in filtered
    assert "Chuyên đề dạy đọc cho học sinh lớp 1" not in filtered
    assert Assignment.objects.overdue().filter(topic=overdue_topic).exists()


def test_status_follows_the_article_through_moderation(client):
    assignment = Assignment.objects.get(topic="Chuyên đề dạy đọc cho học sinh lớp 1")
    page = submit(client, "giaovien1", PRO, "Chuyên đề dạy đọc lớp 1", "chuyen-de-day-doc-lop-1")
    assignment.refresh_from_db()
    assert assignment.article_id == page.pk
    assert assignment.status == AssignmentStatus.SUBMITTED
    act(client, "totruong1", page, "reject", comment="Bổ sung ảnh hoạt động.")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.RETURNED
    resubmit(client, "giaovien1", page, "Chuyên đề dạy đọc lớp 1", "Đã bổ sung ảnh.")
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    approve_through(client, page, ["totruong1", "phohieutruong", "hieutruong"])
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.PUBLISHED


def _make_march(sections):
    """Known assignments due in March 2026 (a past month): numbers to check in the report."""
    pro, unions = sections
    teacher, leader, head = user("giaovien1"), user("congdoan"), user("totruong1")
    article = ArticlePage.objects.filter(live=True).first()
    rows = [
        (teacher, pro, AssignmentStatus.PUBLISHED, article),
        (teacher, pro, AssignmentStatus.SUBMITTED, None),
        (teacher, pro, AssignmentStatus.ASSIGNED, None),  # overdue
        (leader, unions, AssignmentStatus.RETURNED, None),  # returned and overdue
    ]
    for number, (assignee, section, status, page) in enumerate(rows):
        Assignment.objects.create(
            topic=f"Bài tháng 3 số {number}",
            section=section,
            assignee=assignee,
            assigned_by=head,
            due_date=date(2026, 3, 10 + number),
            status=status,
            article=page,
        )


def _report(client, grouping, export=None):
    params = {"thang": "2026-03", "theo": grouping}
    if export:
        params["xuat"] = export
    return client.get(reverse("planning_monthly_report"), params)


def test_monthly_report_numbers_per_person_department_section_and_exports(client):
    _make_march((SectionPage.objects.get(slug=PRO), SectionPage.objects.get(slug="hoat-dong-doi-cong-doan")))
    client.force_login(user("hieutruong"))

    def rows(grouping):
        response = _report(client, grouping, "csv")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        text = response.content.decode("utf-8-sig")
        return {row[0]: row[1:] for row in list(csv.reader(StringIO(text)))[1:]}

    assert rows("nguoi") == {
        "Lê Thị Phương Thảo": ["3", "2", "1", "0", "1"],
        "Đặng Thị Hồng Nhung": ["1", "0", "0", "1", "1"],
    }
    by_department = rows("to")
    assert by_department["Tổ 1"] == ["3", "2", "1", "0", "1"]
    by_section = rows("chuyen-muc")
    assert by_section["Hoạt động chuyên môn"] == ["3", "2", "1", "0", "1"]
    assert by_section["Hoạt động Đội – Công đoàn"] == ["1", "0", "0", "1", "1"]

    workbook = load_workbook(BytesIO(_report(client, "nguoi", "xlsx").content))
    sheet = workbook.active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Người viết", "Được giao", "Đã nộp", "Đã đăng", "Bị trả lại", "Quá hạn"]
    assert ["Lê Thị Phương Thảo", 3, 2, 1, 0, 1] in values

    html = _report(client, "to").content.decode()
    assert "Tổ 1" in html and "tháng 3/2026" in html
    # A malformed month: a Vietnamese message, not a 500.
    response = client.get(reverse("planning_monthly_report"), {"thang": "2026-13"})
    assert response.status_code == 200
    assert "Tháng phải có dạng" in response.content.decode()


def test_department_head_report_covers_their_department_only(client, to_2):
    head, teacher = to_2
    _make_march((SectionPage.objects.get(slug=PRO), SectionPage.objects.get(slug="hoat-dong-doi-cong-doan")))
    Assignment.objects.create(
        topic="Bài của Tổ 2",
        section=SectionPage.objects.get(slug=PRO),
        assignee=teacher,
        assigned_by=head,
        due_date=date(2026, 3, 20),
    )
    client.force_login(head)
    rows = list(csv.reader(StringIO(_report(client, "nguoi", "csv").content.decode("utf-8-sig"))))
    assert rows[1:] == [["Mai Thị Hạnh", "1", "0", "0", "0", "1"]]


def test_overdue_is_derived_from_today():
    item = Assignment(due_date=timezone.localdate() - timedelta(days=1), status=AssignmentStatus.ASSIGNED)
    assert item.is_overdue and item.status_label() == "Quá hạn"
    item.status = AssignmentStatus.SUBMITTED
    assert not item.is_overdue
