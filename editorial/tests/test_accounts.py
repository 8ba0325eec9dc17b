"""Issue 3: the principal manages accounts without being, or making anyone, a superuser."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import ModelLogEntry

from editorial.models import (
    ClassMembership,
    Department,
    DepartmentMembership,
    Position,
    SchoolClass,
    StaffProfile,
)

from .support import assert_refused, messages_of

pytestmark = pytest.mark.django_db(transaction=False)

PASSWORD = "Mat-khau-rat-dai-2026"


@pytest.fixture
def principal(client):
    user = get_user_model().objects.get(username="hieutruong")
    client.force_login(user)
    return user


def _new_account(**extra):
    data = {
        "username": "giaovien2",
        "last_name": "Phan Thị",
        "first_name": "Yến",
        "email": "phanthiyen@thnk.edu.vn",
        "position": Position.TEACHER,
        "phone": "0912 345 678",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(extra)
    return data


def test_principal_is_not_a_superuser_and_cannot_use_wagtail_user_admin(principal, client):
    assert not principal.is_superuser
    assert not principal.has_perm("auth.change_user")
    assert_refused(client.get(reverse("wagtailusers_users:index")))
    assert_refused(client.get(reverse("wagtailusers_groups:index")))


def test_principal_creates_a_teacher_in_to_2_who_can_then_write(principal, client):
    to_2 = Department.objects.current().get(name="Tổ 2")
    response = client.post(reverse("editorial_accounts:add"), _new_account(department=to_2.pk))
    assert response.status_code == 302, response.content.decode()[:3000]
    user = get_user_model().objects.get(username="giaovien2")
    assert user.check_password(PASSWORD)
    assert StaffProfile.objects.get(user=user).position == Position.TEACHER
    assert not StaffProfile.objects.get(user=user).show_contact_publicly  # opt-in, off by default
    assert DepartmentMembership.objects.current().get(user=user).department == to_2
    assert set(user.groups.values_list("name", flat=True)) == {"Giáo viên", "Viết bài: Hoạt động chuyên môn"}
    logged = set(ModelLogEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert {"editorial.account_created", "editorial.roles_changed"} <= logged


def test_crafted_post_cannot_create_a_superuser_or_grant_groups(principal, client):
    principal_group = Group.objects.get(name="Hiệu trưởng")
    response = client.post(
        reverse("editorial_accounts:add"),
        _new_account(
            is_superuser="on",
            is_staff="on",
            groups=[principal_group.pk],
            user_permissions=[1, 2, 3],
        ),
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(username="giaovien2")
    assert not user.is_superuser and not user.is_staff
    assert not user.user_permissions.exists()
    assert not user.groups.filter(pk=principal_group.pk).exists()


def test_crafted_post_cannot_promote_an_existing_account_or_the_principal_themself(principal, client):
    teacher = get_user_model().objects.get(username="giaovien1")
    data = {
        "username": teacher.username,
        "last_name": teacher.last_name,
        "first_name": teacher.first_name,
        "email": teacher.email,
        "position": Position.TEACHER,
        "department": DepartmentMembership.objects.current().get(user=teacher).department_id,
        "is_superuser": "on",
        "groups": [Group.objects.get(name="Hiệu trưởng").pk],
    }
    assert client.post(reverse("editorial_accounts:edit", args=(teacher.pk,)), data).status_code == 302
    teacher.refresh_from_db()
    assert not teacher.is_superuser
    assert not teacher.groups.filter(name="Hiệu trưởng").exists()

    # The principal's own roles are read-only in the form, even when the POST says otherwise.
    own = {
        "username": principal.username,
        "last_name": principal.last_name,
        "first_name": principal.first_name,
        "email": principal.email,
        "position": Position.PORTAL_ADMIN,
        "is_superuser": "on",
    }
    assert client.post(reverse("editorial_accounts:edit", args=(principal.pk,)), own).status_code == 302
    principal.refresh_from_db()
    assert not principal.is_superuser
    assert principal.staff_profile.position == Position.PRINCIPAL


def test_superuser_accounts_are_out_of_reach(principal, client):
    root = get_user_model().objects.create_superuser("quantrihethong", "root@example.org", PASSWORD)
    for name in ("edit", "password"):
        assert client.get(reverse(f"editorial_accounts:{name}", args=(root.pk,))).status_code == 404
    response = client.post(
        reverse("editorial_accounts:password", args=(root.pk,)),
        {"password1": "x" * 12, "password2": "x" * 12},
    )
    assert response.status_code == 404
    assert client.post(reverse("editorial_accounts:deactivate", args=(root.pk,))).status_code == 404
    root.refresh_from_db()
    assert root.is_active and root.check_password(PASSWORD)
    assert "quantrihethong" not in client.get(reverse("editorial_accounts:index")).content.decode()


def test_bad_input_gets_vietnamese_messages_and_writes_nothing(principal, client):
    count = get_user_model().objects.count()
    response = client.post(
        reverse("editorial_accounts:add"),
        _new_account(phone="gọi cho tôi", password2="khac-mat-khau-2026", student_class=""),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Số điện thoại chỉ gồm chữ số" in html
    assert "Hai mật khẩu không khớp" in html
    assert get_user_model().objects.count() == count
    assert messages_of(response)

    response = client.post(reverse("editorial_accounts:add"), _new_account(password1="123", password2="123"))
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="giaovien2").exists()

    # A student cannot be made homeroom teacher; a teacher cannot be put in a class as a student.
    class_2a = SchoolClass.objects.current().get(name="2A")
    response = client.post(reverse("editorial_accounts:add"), _new_account(student_class=class_2a.pk))
    assert "Chỉ học sinh mới được xếp vào lớp" in response.content.decode()
    assert not ClassMembership.objects.filter(school_class=class_2a).exists()


def test_reset_password_and_self_lockout_protection(principal, client):
    teacher = get_user_model().objects.get(username="giaovien1")
    url = reverse("editorial_accounts:password", args=(teacher.pk,))
    response = client.post(url, {"password1": "Gió mùa về 8 cây bàng", "password2": "Gió mùa về 8 cây bàng"})
    assert response.status_code == 302
    teacher.refresh_from_db()
    assert teacher.check_password("Gió mùa về 8 cây bàng")
    assert ModelLogEntry.objects.filter(action="editorial.password_reset", object_id=str(teacher.pk)).exists()

    response = client.post(reverse("editorial_accounts:deactivate", args=(principal.pk,)))
    assert response.status_code == 302
    assert any("không thể tự khoá" in m for m in messages_of(response))
    principal.refresh_from_db()
    assert principal.is_active


@pytest.mark.parametrize("username", ["quantri", "totruong1", "phohieutruong"])
def test_other_roles_cannot_manage_accounts_even_by_direct_post(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    teacher = get_user_model().objects.get(username="giaovien1")
    assert_refused(client.post(reverse("editorial_accounts:deactivate", args=(teacher.pk,))))
    response = client.post(
        reverse("editorial_accounts:password", args=(teacher.pk,)),
        {"password1": "Gió mùa về 8 cây bàng", "password2": "Gió mùa về 8 cây bàng"},
    )
    assert_refused(response)
    teacher.refresh_from_db()
    assert teacher.is_active and not teacher.check_password("Gió mùa về 8 cây bàng")


def test_account_list_filters_by_name_and_position(principal, client):
    response = client.get(reverse("editorial_accounts:index"), {"q": "Phương"})
    html = response.content.decode()
    assert "giaovien1" in html and "totruong1" not in html
    response = client.get(reverse("editorial_accounts:index"), {"position": Position.STUDENT})
    html = response.content.decode()
    assert "hocsinh1a" in html and "giaovien1" not in html


@pytest.mark.django_db
def test_admin_shows_names_in_vietnamese_order(client, django_user_model):
    """The admin (Wagtail uses get_full_name) shows "Trần Thị Minh Nguyệt", not "Nguyệt Trần Thị Minh"."""
    user = django_user_model.objects.get(username="totruong1")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    full = f"{user.last_name} {user.first_name}"
    assert user.get_full_name() == full
    assert full in html
    assert f"{user.first_name} {user.last_name}" not in html
