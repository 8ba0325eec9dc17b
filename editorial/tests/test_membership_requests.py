"""Department heads propose, the principal decides (clarification #11; Quy chế 39 Điều 3.1, 5.4, 13.6).

A head's change to their department's members is a request; the principal (or the portal administrator the
principal delegated account administration to) approves or refuses it; changes that grant reviewing or
publishing rights need the principal; every step is in Wagtail's audit log and mailed.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from editorial.factories import StaffProfileFactory, UserFactory
from editorial.models import (
    AccountDelegation,
    ClassMembership,
    Department,
    DepartmentMembership,
    MembershipRequest,
    Position,
    SchoolClass,
)

from .support import assert_refused, messages_of
from .test_department_head import _form

pytestmark = pytest.mark.django_db(transaction=False)

WRITER_GROUP = "writer:hoat-dong-chuyen-mon"


def user(username):
    return get_user_model().objects.get(username=username)


def head_department():
    return Department.objects.current().get(head__username="totruong1")


def newcomer(username="giaovienmoi"):
    person = UserFactory(username=username, first_name="Hạnh", last_name="Đỗ Thị")
    StaffProfileFactory(user=person, position=Position.TEACHER)
    return person


def logged(action, person):
    return ModelLogEntry.objects.filter(action=action, object_id=str(person.pk))


def propose_add(client, person):
    client.force_login(user("totruong1"))
    department = head_department()
    members = list(department.memberships.order_by("pk")) + [DepartmentMembership(user=person)]
    return client.post(
        reverse("editorial_departments:edit", args=(department.pk,)), _form(department, members)
    )


def is_writer(person):
    return person.groups.filter(school_role__key=WRITER_GROUP).exists()


def test_a_heads_addition_waits_for_the_principal_who_approves_it(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    person = newcomer()
    with django_capture_on_commit_callbacks(execute=True):
        response = propose_add(client, person)
    assert response.status_code == 302
    assert any("Đã gửi Hiệu trưởng đề nghị" in m for m in messages_of(response))
    department = head_department()
    assert not department.memberships.filter(user=person).exists()
    assert not is_writer(person)
    request = MembershipRequest.objects.get(person=person)
    assert request.status == MembershipRequest.Status.PENDING and request.requested_by == user("totruong1")
    assert logged("editorial.membership_requested", person).get().user == user("totruong1")
    assert any(user("hieutruong").email in m.to for m in mailoutbox), [m.to for m in mailoutbox]

    # The head cannot decide their own request.
    assert_refused(client.get(reverse("editorial_membership_requests:index")))
    client.post(reverse("editorial_membership_requests:approve", args=(request.pk,)))
    assert not department.memberships.filter(user=person).exists()

    client.force_login(user("hieutruong"))
    assert "1 đề nghị của tổ trưởng đang chờ duyệt" in client.get("/admin/").content.decode()
    listing = client.get(reverse("editorial_membership_requests:index")).content.decode()
    assert "giaovienmoi" in listing and "Chờ duyệt" in listing
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("editorial_membership_requests:approve", args=(request.pk,)))
    assert response.status_code == 302
    assert department.memberships.filter(user=person).exists()
    assert is_writer(person)
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.APPROVED and request.decided_by == user("hieutruong")
    assert logged("editorial.membership_approved", person).get().user == user("hieutruong")
    assert logged("editorial.roles_changed", person).exists()
    assert [m.to for m in mailoutbox] == [[user("totruong1").email]]
    # A second click finds the request decided: one change, a clear message.
    again = client.post(reverse("editorial_membership_requests:approve", args=(request.pk,)))
    assert any("đã được xử lý" in m for m in messages_of(again))
    assert logged("editorial.membership_approved", person).count() == 1


def test_refusal_and_removal(client):
    person = newcomer()
    propose_add(client, person)
    request = MembershipRequest.objects.get(person=person)
    client.force_login(user("hieutruong"))
    client.post(
        reverse("editorial_membership_requests:refuse", args=(request.pk,)), {"reason": "Chưa có quyết định."}
    )
    request.refresh_from_db()
    assert request.status == MembershipRequest.Status.REFUSED and request.reason == "Chưa có quyết định."
    assert not head_department().memberships.filter(user=person).exists()
    assert logged("editorial.membership_refused", person).get().data["reason"] == "Chưa có quyết định."

    # Removing a member is a request too: the teacher keeps writing until the principal approves.
    teacher = user("giaovien1")
    department = head_department()
    assert department.memberships.filter(user=teacher).exists()
    client.force_login(user("totruong1"))
    members = [m for m in department.memberships.order_by("pk") if m.user_id != teacher.pk]
    data = _form(department, list(department.memberships.order_by("pk")))
    for i, membership in enumerate(department.memberships.order_by("pk")):
        if membership.user_id == teacher.pk:
            data[f"memberships-{i}-DELETE"] = "on"
    assert len(members) == department.memberships.count() - 1
    assert client.post(reverse("editorial_departments:edit", args=(department.pk,)), data).status_code == 302
    assert department.memberships.filter(user=teacher).exists() and is_writer(teacher)
    removal = MembershipRequest.objects.get(person=teacher, action=MembershipRequest.Action.REMOVE)
    client.force_login(user("hieutruong"))
    client.post(reverse("editorial_membership_requests:approve", args=(removal.pk,)))
    assert not department.memberships.filter(user=teacher).exists()
    teacher.refresh_from_db()
    assert not is_writer(teacher)


def test_the_principals_direct_change_is_logged(client):
    person = newcomer()
    client.force_login(user("hieutruong"))
    department = head_department()
    members = list(department.memberships.order_by("pk")) + [DepartmentMembership(user=person)]
    response = client.post(
        reverse("editorial_departments:edit", args=(department.pk,)), _form(department, members)
    )
    assert response.status_code == 302
    assert department.memberships.filter(user=person).exists()
    entry = logged("editorial.membership_changed", person).get()
    assert entry.user == user("hieutruong") and entry.data["action"] == "Thêm vào tổ"


def test_account_administration_is_delegable_to_the_portal_administrator(client):
    admin = user("quantri")
    client.force_login(admin)
    assert_refused(client.get(reverse("editorial_accounts:index")))
    assert_refused(client.get(reverse("editorial_account_delegation")))

    client.force_login(user("hieutruong"))
    response = client.post(reverse("editorial_account_delegation"), {"delegate": admin.pk})
    assert response.status_code == 302
    assert AccountDelegation.objects.filter(delegate=admin, revoked_at__isnull=True).exists()
    assert logged("editorial.account_delegated", admin).exists()

    # The delegate manages accounts and decides a head's request that grants no reviewing right …
    person = newcomer()
    propose_add(client, person)
    client.force_login(admin)
    assert client.get(reverse("editorial_accounts:index")).status_code == 200
    request = MembershipRequest.objects.get(person=person)
    client.post(reverse("editorial_membership_requests:approve", args=(request.pk,)))
    assert head_department().memberships.filter(user=person).exists()

    # … but cannot give reviewing rights (homeroom teacher of a class) nor touch the principal's account.
    school_class = SchoolClass.objects.current().first()
    teacher = user("giaovien1")
    edit = reverse("editorial_accounts:edit", args=(teacher.pk,))
    data = {
        "username": teacher.username,
        "last_name": teacher.last_name,
        "first_name": teacher.first_name,
        "email": teacher.email,
        "position": Position.TEACHER,
        "department": head_department().pk,
        "homeroom_class": school_class.pk,
    }
    response = client.post(edit, data)
    assert response.status_code == 200
    assert "chỉ Hiệu trưởng thực hiện được" in response.content.decode()
    assert not SchoolClass.objects.filter(pk=school_class.pk, homeroom_teacher=teacher).exists()
    assert not teacher.groups.filter(school_role__key="gv_chu_nhiem").exists()
    principal = user("hieutruong")
    assert_refused(client.get(reverse("editorial_accounts:edit", args=(principal.pk,))))
    assert_refused(client.post(reverse("editorial_accounts:deactivate", args=(principal.pk,))))

    # The principal revokes: the portal administrator loses account administration at once.
    client.force_login(principal)
    delegation = AccountDelegation.objects.get(delegate=admin, revoked_at__isnull=True)
    client.post(reverse("editorial_account_delegation"), {"revoke": delegation.pk})
    client.force_login(admin)
    assert_refused(client.get(reverse("editorial_accounts:index")))
    assert_refused(client.get(reverse("editorial_membership_requests:index")))


def test_pupils_are_refused_outright_with_a_vietnamese_message(client):
    pupil = user("hocsinh1a")
    response = propose_add(client, pupil)
    assert response.status_code == 200
    assert "Hiệu trưởng xếp tổ cho người này" in response.content.decode()
    assert not MembershipRequest.objects.filter(person=pupil).exists()


def test_a_homeroom_teacher_of_another_class_cannot_reset_this_pupil(client):
    """Điều 7.4: homeroom teachers reset their OWN pupils' passwords only."""
    other = UserFactory(username="gvcn2b", first_name="Minh", last_name="Lê Văn")
    StaffProfileFactory(user=other, position=Position.TEACHER)
    year_class = SchoolClass.objects.current().first()
    own_class = SchoolClass.objects.create(
        school_year=year_class.school_year, grade=2, name="2X", homeroom_teacher=other
    )
    own_pupil = UserFactory(username="hocsinh2x", first_name="Vy", last_name="Hà Thảo")
    StaffProfileFactory(user=own_pupil, position=Position.STUDENT)
    ClassMembership.objects.create(school_class=own_class, user=own_pupil)
    pupil = user("hocsinh1a")
    before = pupil.password
    client.force_login(other)
    listing = client.get(reverse("editorial_homeroom:index")).content.decode()
    assert "hocsinh2x" in listing and "hocsinh1a" not in listing
    response = client.post(
        reverse("editorial_homeroom:password", args=[pupil.pk]),
        {"password1": "ca-vang-48", "password2": "ca-vang-48"},
    )
    assert response.status_code in (403, 404)
    pupil.refresh_from_db()
    assert pupil.password == before
