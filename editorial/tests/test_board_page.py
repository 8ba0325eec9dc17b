"""Issue 3: the public portal shows the current board: name, board role, position; nothing private."""

import pytest
from django.contrib.auth import get_user_model

from cms.publishing.builder import build_site
from cms.publishing.release import current_dir
from editorial.models import StaffProfile

pytestmark = pytest.mark.django_db(transaction=False)


def test_static_site_lists_the_current_board_without_private_data(site_dir):
    principal = get_user_model().objects.get(username="hieutruong")
    StaffProfile.objects.filter(user=principal).update(phone="0912 000 111")
    build_site(trigger="test: board page")

    html = (current_dir() / "ban-bien-tap" / "index.html").read_text(encoding="utf-8")
    assert "125/QĐ-THNK" in html
    assert "ngày 8 tháng 9 năm 2026" in html
    for name, position, role in [
        ("Phạm Văn Tuấn", "Hiệu trưởng", "Trưởng ban"),
        ("Nguyễn Thị Thu Hằng", "Phó hiệu trưởng", "Phó ban"),
        ("Trần Thị Minh Nguyệt", "Tổ trưởng", "Thành viên"),
        ("Bùi Đức Mạnh", "Quản trị cổng TTĐT", "Thư ký"),
    ]:
        row = (
            f'<td data-label="Họ và tên">{name}</td><td data-label="Chức vụ">{position}</td>'
            f'<td data-label="Chức danh trong Ban">{role}</td>'
        )
        assert row in html
    assert html.index("Phạm Văn Tuấn") < html.index("Nguyễn Thị Thu Hằng") < html.index("Bùi Đức Mạnh")
    # No e-mail, phone, username or duties reach the public page.
    assert "phamvantuan@thnk.edu.vn" not in html and "buiducmanh@" not in html
    assert "0912 000 111" not in html
    assert "hieutruong" not in html
    assert "phê duyệt cuối cùng" not in html


def test_a_board_change_in_the_admin_rebuilds_the_public_page(
    site_dir, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from editorial.models import BoardMembership, EditorialBoard

    build_site(trigger="test: initial")
    board = EditorialBoard.objects.current().get()
    members = list(board.memberships.order_by("pk"))
    data = {
        "school_year": board.school_year_id,
        "decision_number": "130/QĐ-THNK",
        "decision_date": "2025-10-01",
        "decision_file": "",
        "memberships-TOTAL_FORMS": str(len(members)),
        "memberships-INITIAL_FORMS": str(len(members)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, member in enumerate(members):
        role = BoardMembership.Role.DEPUTY if member.user.username == "congdoan" else member.role
        data.update(
            {
                f"memberships-{i}-id": member.pk,
                f"memberships-{i}-user": member.user_id,
                f"memberships-{i}-role": role,
                f"memberships-{i}-duties": member.duties,
            }
        )
    client.force_login(get_user_model().objects.get(username="hieutruong"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("editorial_boards:edit", args=(board.pk,)), data)
    assert response.status_code == 302

    html = (current_dir() / "ban-bien-tap" / "index.html").read_text(encoding="utf-8")
    assert "130/QĐ-THNK" in html and "125/QĐ-THNK" not in html
    assert (
        '<td data-label="Họ và tên">Đặng Thị Hồng Nhung</td><td data-label="Chức vụ">Giáo viên</td>'
        '<td data-label="Chức danh trong Ban">Phó ban</td>'
    ) in html


def test_one_board_save_builds_the_site_once(site_dir, django_capture_on_commit_callbacks):
    from cms.publishing.models import SiteBuild
    from editorial.models import BoardMembership, EditorialBoard

    board = EditorialBoard.objects.current().get()
    before = SiteBuild.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        board.decision_number = "131/QĐ-THNK"
        board.save()
        for member in BoardMembership.objects.filter(board=board):
            member.duties += " "
            member.save()
    assert SiteBuild.objects.count() == before + 1
    assert "131/QĐ-THNK" in (current_dir() / "ban-bien-tap" / "index.html").read_text(encoding="utf-8")
