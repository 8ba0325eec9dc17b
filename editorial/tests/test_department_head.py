"""Điều 5.1: a department head manages the members of their own department — and nothing else."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.news.models import SectionPage
from editorial.factories import StaffProfileFactory, UserFactory
from editorial.models import Department, DepartmentMembership, MembershipRequest, Position

from .support import assert_refused

pytestmark = pytest.mark.django_db(transaction=False)


def _form(department, members, **changes):
    data = {
        "school_year": department.school_year_id,
        "name": department.name,
        "kind": department.kind,
        "head": department.head_id or "",
        "sections": [s.pk for s in department.sections.all()],
        "memberships-TOTAL_FORMS": str(len(members)),
        "memberships-INITIAL_FORMS": str(sum(1 for m in members if m.pk)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, membership in enumerate(members):
        data[f"memberships-{i}-id"] = membership.pk or ""
        data[f"memberships-{i}-user"] = membership.user_id
    data.update(changes)
    return data


@pytest.fixture
def head(client):
    user = get_user_model().objects.get(username="totruong1")
    client.force_login(user)
    return user


def test_head_sees_and_edits_only_their_department(head, client):
    to_1 = Department.objects.current().get(name="Tổ 1")
    to_2 = Department.objects.current().get(name="Tổ 2")
    listing = client.get(reverse("editorial_departments:index"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert reverse("editorial_departments:edit", args=(to_1.pk,)) in html
    assert reverse("editorial_departments:edit", args=(to_2.pk,)) not in html

    assert client.get(reverse("editorial_departments:edit", args=(to_1.pk,))).status_code == 200
    assert_refused(client.get(reverse("editorial_departments:edit", args=(to_2.pk,))))
    assert_refused(client.post(reverse("editorial_departments:edit", args=(to_2.pk,)), _form(to_2, [])))
    assert_refused(client.get(reverse("editorial_departments:add")))
    assert_refused(client.post(reverse("editorial_departments:delete", args=(to_1.pk,))))
    assert Department.objects.filter(pk=to_1.pk).exists()
    # Other parts of the structure and the accounts stay the principal's.
    assert_refused(client.get(reverse("editorial_classes:index")))
    assert_refused(client.get(reverse("editorial_accounts:index")))


def test_head_proposes_a_new_teacher_and_cannot_change_the_rest(head, client):
    """The head's addition is a request (the principal decides, test_membership_requests.py)."""
    newcomer = UserFactory(username="giaovienmoi", first_name="Hạnh", last_name="Đỗ Thị")
    StaffProfileFactory(user=newcomer, position=Position.TEACHER)
    to_1 = Department.objects.current().get(name="Tổ 1")
    news = SectionPage.objects.get(slug="tin-tuc-su-kien")
    members = list(to_1.memberships.order_by("pk")) + [DepartmentMembership(user=newcomer)]
    # The head also tries to take over the department's sections and headship by a crafted POST.
    data = _form(to_1, members, sections=[news.pk], name="Tổ 1 mới", head=newcomer.pk)
    response = client.post(reverse("editorial_departments:edit", args=(to_1.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    to_1.refresh_from_db()
    assert not to_1.memberships.filter(user=newcomer).exists()
    assert to_1.name == "Tổ 1" and to_1.head == head
    assert [s.slug for s in to_1.sections.all()] == ["hoat-dong-chuyen-mon"]
    assert not newcomer.groups.filter(name="Viết bài: Hoạt động chuyên môn").exists()
    assert MembershipRequest.objects.filter(person=newcomer, status=MembershipRequest.Status.PENDING).exists()
    entry = ModelLogEntry.objects.filter(
        action="editorial.membership_requested", object_id=str(newcomer.pk)
    ).get()
    assert entry.user == head


def test_a_teacher_who_heads_nothing_has_no_department_admin(client):
    client.force_login(get_user_model().objects.get(username="giaovien1"))
    assert_refused(client.get(reverse("editorial_departments:index")))
    to_1 = Department.objects.current().get(name="Tổ 1")
    assert_refused(client.get(reverse("editorial_departments:edit", args=(to_1.pk,))))


def test_a_replaced_head_loses_access_at_once(head, client):
    to_1 = Department.objects.current().get(name="Tổ 1")
    to_1.head = None
    to_1.save()
    assert_refused(client.get(reverse("editorial_departments:edit", args=(to_1.pk,))))


@pytest.mark.parametrize("username", ["hocsinh1a", "phohieutruong", "vanthu"])
def test_head_cannot_add_pupils_board_members_or_staff_of_another_kind(head, client, username):
    """A pupil would get "Viết bài: Hoạt động chuyên môn"; a vice principal would get the head as reviewer."""
    person = get_user_model().objects.get(username=username)
    DepartmentMembership.objects.filter(user=person).delete()
    to_1 = Department.objects.current().get(name="Tổ 1")
    members = list(to_1.memberships.order_by("pk")) + [DepartmentMembership(user=person)]
    response = client.post(reverse("editorial_departments:edit", args=(to_1.pk,)), _form(to_1, members))
    assert response.status_code == 200
    assert "Hiệu trưởng xếp tổ cho người này" in response.content.decode()
    assert not to_1.memberships.filter(user=person).exists()
    assert (
        not person.groups.filter(name="Viết bài: Hoạt động chuyên môn").exists()
        or username == "phohieutruong"
    )


def test_principal_still_places_anyone(client):
    client.force_login(get_user_model().objects.get(username="hieutruong"))
    person = get_user_model().objects.get(username="phohieutruong")
    DepartmentMembership.objects.filter(user=person).delete()
    to_1 = Department.objects.current().get(name="Tổ 1")
    members = list(to_1.memberships.order_by("pk")) + [DepartmentMembership(user=person)]
    response = client.post(reverse("editorial_departments:edit", args=(to_1.pk,)), _form(to_1, members))
    assert response.status_code == 302
    assert to_1.memberships.filter(user=person).exists()
