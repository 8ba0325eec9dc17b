"""Report "Ai duyệt bài nào, khi nào" from the audit log, filterable by person and month; board only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from .support import approve_through, submit, user

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
