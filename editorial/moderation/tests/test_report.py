"""Report "Ai duyệt bài nào, khi nào" from the audit log, filterable by person and month; board only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from .support import approve_through, article_form, save_draft, submit, user

pytestmark = pytest.mark.django_db
URL = "moderation_approval_report"


def test_report_lists_approvals_by_person_and_month(client):
    page = submit(client, "giaovien1", "hoat-dong-chuyen-mon", "Bài trong báo cáo", "bai-trong-bao-cao")
    approve_through(client, page, ["totruong1", "phohieutruong", "hieutruong"])
    month = timezone.localtime().strftime("%Y-%m")

    client.force_login(user("hieutruong"))
    html = client.get(reverse(URL), {"person": user("totruong1").pk, "month": month}).content.decode()
    assert "Bài trong báo cáo" in html
    assert "Trần Thị Minh Nguyệt" in html and "Tổ trưởng thẩm định" in html
    assert "totruong1 đồng ý." in html

    # The principal's row shows the approval and the publication.
    html = client.get(reverse(URL), {"person": user("hieutruong").pk, "month": month}).content.decode()
    assert "Bài trong báo cáo" in html and "Đăng" in html

    # Another month: nothing from today.
    html = client.get(reverse(URL), {"person": user("totruong1").pk, "month": "2020-01"}).content.decode()
    assert "Bài trong báo cáo" not in html
    # A malformed month is a form error, not a 500.
    response = client.get(reverse(URL), {"month": "tháng 13"})
    assert response.status_code == 200


def test_report_is_for_the_board_only(client):
    client.force_login(user("giaovien1"))
    response = client.get(reverse(URL))
    assert response.status_code in (302, 403)
    client.force_login(user("phohieutruong"))
    assert client.get(reverse(URL)).status_code == 200


def test_report_has_one_row_per_approval_and_shows_corrections_and_direct_publishing(client):
    page = submit(
        client, "giaovien1", "hoat-dong-chuyen-mon", "Bài báo cáo đủ", "bai-bao-cao-du", text="Bản gửi."
    )
    approve_through(client, page, ["totruong1"])
    save_draft(client, "phohieutruong", page, "Bài báo cáo đủ", "Bản phó hiệu trưởng sửa.")
    approve_through(client, page, ["phohieutruong"])
    # The principal publishes directly instead of approving.
    client.force_login(user("hieutruong"))
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(
        edit, article_form("Bài báo cáo đủ", page.slug, "Bản phó hiệu trưởng sửa.", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live

    html = client.get(reverse(URL)).content.decode()
    rows = [row for row in html.split("<tr>") if "Bài báo cáo đủ" in row]
    labels = [row for row in rows if ">Duyệt<" in row or "Duyệt có chỉnh sửa" in row]
    assert len(labels) == 2, rows  # exactly one row per real approval
    assert any("Duyệt có chỉnh sửa" in row and "/revisions/compare/" in row for row in rows)
    assert any("Xuất bản trực tiếp" in row for row in rows)
