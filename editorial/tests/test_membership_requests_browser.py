"""In Chromium: the head proposes a new teacher for Tổ 1, who is not a member until the principal approves."""

import pytest
from django.urls import reverse

from editorial.factories import StaffProfileFactory, UserFactory
from editorial.models import Department, MembershipRequest, Position
from tests.support.live_admin import log_in

pytestmark = pytest.mark.django_db


def _message(page):
    return " ".join(page.locator(".messages").all_inner_texts())


def test_head_proposes_principal_approves(chromium_browser, admin_server, admin_page):
    teacher = UserFactory(username="giaovienmoi", first_name="Hạnh", last_name="Đỗ Thị")
    StaffProfileFactory(user=teacher, position=Position.TEACHER)
    department = Department.objects.current().get(head__username="totruong1")

    # The head adds the teacher in the department's member list and saves.
    page = admin_page
    log_in(page, admin_server, "totruong1")
    page.goto(admin_server.url(reverse("editorial_departments:edit", args=(department.pk,))))
    page.locator("#id_memberships-ADD").click()
    new_row = page.locator("select[name^='memberships-'][name$='-user']").last
    new_row.select_option(label="Đỗ Thị Hạnh (giaovienmoi)")
    page.locator("form button[type=submit]").filter(has_text="Lưu").first.click()
    page.wait_for_load_state()
    assert "Đã gửi Hiệu trưởng đề nghị" in _message(page), _message(page)
    assert not department.memberships.filter(user=teacher).exists()
    assert MembershipRequest.objects.filter(person=teacher, status="cho_duyet").exists()

    # The principal opens the requests from the menu and approves.
    principal = chromium_browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    try:
        other = principal.new_page()
        log_in(other, admin_server, "hieutruong")
        other.goto(admin_server.url("/admin/"))
        other.get_by_role("link", name="Đề nghị thành viên tổ").first.click()
        other.wait_for_load_state()
        row = other.locator("tr", has_text="giaovienmoi")
        assert "Thêm vào tổ" in row.inner_text()
        row.get_by_role("button", name="Duyệt").click()
        other.wait_for_load_state()
        assert "Đã duyệt đề nghị" in _message(other), _message(other)
    finally:
        principal.close()
    assert department.memberships.filter(user=teacher).exists()
    assert teacher.groups.filter(school_role__key="writer:hoat-dong-chuyen-mon").exists()
