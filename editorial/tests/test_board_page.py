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
    assert "ngày 8 tháng 9 năm 2025" in html
    for name, position, role in [
        ("Phạm Văn Tuấn", "Hiệu trưởng", "Trưởng ban"),
        ("Nguyễn Thị Thu Hằng", "Phó hiệu trưởng", "Phó ban"),
        ("Trần Thị Minh Nguyệt", "Tổ trưởng", "Thành viên"),
        ("Bùi Đức Mạnh", "Quản trị cổng TTĐT", "Thư ký"),
    ]:
        row = f"<td>{name}</td><td>{position}</td><td>{role}</td>"
        assert row in html
    assert html.index("Phạm Văn Tuấn") < html.index("Nguyễn Thị Thu Hằng") < html.index("Bùi Đức Mạnh")
    # No e-mail, phone, username or duties reach the public page.
    assert "phamvantuan@thnk.edu.vn" not in html and "buiducmanh@" not in html
    assert "0912 000 111" not in html
    assert "hieutruong" not in html
    assert "phê duyệt cuối cùng" not in html
