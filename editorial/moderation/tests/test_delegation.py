"""The principal delegates final approval to a vice principal for a date range (Điều 4.5, 4.12)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from editorial.moderation.models import Delegation

from .support import act, approve_through, current_stage, panel_html, submit, user

pytestmark = pytest.mark.django_db


def test_vice_principal_approves_for_the_principal_only_while_delegated(client):
    page = submit(client, "giaovien1", "hoat-dong-chuyen-mon", "Bài khi hiệu trưởng vắng", "bai-khi-vang")
    approve_through(client, page, ["totruong1", "phohieutruong"])
    assert current_stage(page).task.name == "Hiệu trưởng duyệt và cho đăng"

    # Without a delegation the vice principal cannot act on the principal's stage.
    assert act(client, "phohieutruong", page).status_code == 403

    # The principal delegates through the admin ("Uỷ quyền duyệt"); it is logged.
    today = timezone.localdate()
    client.force_login(user("hieutruong"))
    response = client.post(
        reverse("uy-quyen-duyet:add"),
        {
            "delegate": user("phohieutruong").pk,
            "start_date": today.strftime("%d/%m/%Y"),
            "end_date": (today + timedelta(days=3)).strftime("%d/%m/%Y"),
            "reason": "Hiệu trưởng đi tập huấn.",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    delegation = Delegation.objects.get()
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(delegation.pk)).exists()

    # The vice principal's queue shows the principal's stage, marked as delegated, and they may approve it.
    client.force_login(user("phohieutruong"))
    queue = panel_html(client.get(reverse("wagtailadmin_home")))
    assert "Bài khi hiệu trưởng vắng" in queue and "uỷ quyền" in queue
    assert act(client, "phohieutruong", page, comment="Duyệt thay Hiệu trưởng.").status_code == 302
    page.refresh_from_db()
    assert page.live


def test_delegation_ends_on_its_last_day_and_others_cannot_create_one(client):
    today = timezone.localdate()
    Delegation.objects.create(
        delegate=user("phohieutruong"),
        start_date=today - timedelta(days=5),
        end_date=today - timedelta(days=1),
    )
    page = submit(client, "quantri", "tin-tuc-su-kien", "Bài sau uỷ quyền", "bai-sau-uy-quyen")
    approve_through(client, page, ["phohieutruong"])
    assert act(client, "phohieutruong", page).status_code == 403  # expired yesterday
    client.force_login(user("giaovien1"))
    assert client.get(reverse("uy-quyen-duyet:add")).status_code in (302, 403)
