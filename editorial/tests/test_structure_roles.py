"""Issue 3: roles follow the school structure at once, every change is in the audit log, lookups are cheap."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from cms.news.models import SectionPage
from editorial.models import (
    Department,
    DepartmentMembership,
    SchoolClass,
    SchoolYear,
    UnionMembership,
)
from editorial.moderation.reviewers import department_head_for, homeroom_teacher_for, union_leader_for

from .support import assert_refused, messages_of

pytestmark = pytest.mark.django_db(transaction=False)


def _last_role_change(user):
    return ModelLogEntry.objects.filter(action="editorial.roles_changed", object_id=str(user.pk)).latest("pk")


def _add_url(slug):
    section = SectionPage.objects.get(slug=slug)
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def _can_write(client, user, slug):
    client.force_login(user)
    response = client.get(_add_url(slug))
    if response.status_code == 200:
        return True
    assert_refused(response)
    return False


def _department_form(department, sections, members):
    data = {
        "school_year": department.school_year_id,
        "name": department.name,
        "kind": department.kind,
        "head": department.head_id or "",
        "sections": [s.pk for s in sections],
        "memberships-TOTAL_FORMS": str(len(members)),
        "memberships-INITIAL_FORMS": str(len(members)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, membership in enumerate(members):
        data[f"memberships-{i}-id"] = membership.pk
        data[f"memberships-{i}-user"] = membership.user_id
    return data


def _account_form(user, **changes):
    year = SchoolYear.objects.current()
    membership = DepartmentMembership.objects.filter(user=user, school_year=year).first()
    data = {
        "username": user.username,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "email": user.email,
        "position": user.staff_profile.position,
        "phone": user.staff_profile.phone,
        "department": membership.department_id if membership else "",
        "unions": list(
            UnionMembership.objects.filter(user=user, school_year=year).values_list("union_id", flat=True)
        ),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_moving_a_teacher_from_to_1_to_to_2_changes_what_they_may_edit_at_once(client):
    User = get_user_model()
    principal = User.objects.get(username="hieutruong")
    teacher = User.objects.get(username="giaovien1")
    year = SchoolYear.objects.current()
    to_2 = Department.objects.get(school_year=year, name="Tổ 2")
    news = SectionPage.objects.get(slug="tin-tuc-su-kien")

    assert _can_write(client, teacher, "hoat-dong-chuyen-mon")
    assert not _can_write(client, teacher, "tin-tuc-su-kien")

    # The principal decides that this year Tổ 2 writes the school's event news (department admin form).
    client.force_login(principal)
    response = client.post(
        reverse("editorial_departments:edit", args=(to_2.pk,)),
        _department_form(to_2, [news], list(to_2.memberships.all())),
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    # … then moves giaovien1 from Tổ 1 to Tổ 2 in the account form.
    response = client.post(
        reverse("editorial_accounts:edit", args=(teacher.pk,)), _account_form(teacher, department=to_2.pk)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert DepartmentMembership.objects.get(user=teacher, school_year=year).department == to_2

    # No command, no second step: the very next request sees the new rights.
    assert _can_write(client, teacher, "tin-tuc-su-kien")
    assert not _can_write(client, teacher, "hoat-dong-chuyen-mon")

    entry = ModelLogEntry.objects.filter(action="editorial.roles_changed", object_id=str(teacher.pk)).latest(
        "pk"
    )
    assert entry.user == principal
    assert "Viết bài: Hoạt động chuyên môn" in entry.data["removed"]
    assert "Viết bài: Tin tức – Sự kiện" in entry.data["added"]


def test_removing_a_member_in_the_department_form_takes_their_writing_rights(client):
    User = get_user_model()
    teacher = User.objects.get(username="giaovien1")
    to_1 = Department.objects.current().get(name="Tổ 1")
    keep = [m for m in to_1.memberships.order_by("pk") if m.user_id != teacher.pk]
    gone = to_1.memberships.get(user=teacher)
    client.force_login(User.objects.get(username="hieutruong"))
    data = _department_form(to_1, list(to_1.sections.all()), keep + [gone])
    data[f"memberships-{len(keep)}-DELETE"] = "on"
    response = client.post(reverse("editorial_departments:edit", args=(to_1.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not _can_write(client, teacher, "hoat-dong-chuyen-mon")


def test_a_person_cannot_be_in_two_departments_of_one_year(client):
    User = get_user_model()
    teacher = User.objects.get(username="giaovien1")
    to_3 = Department.objects.current().get(name="Tổ 3")
    client.force_login(User.objects.get(username="hieutruong"))
    data = _department_form(to_3, list(to_3.sections.all()), [])
    data.update({"memberships-TOTAL_FORMS": "1", "memberships-0-id": "", "memberships-0-user": teacher.pk})
    response = client.post(reverse("editorial_departments:edit", args=(to_3.pk,)), data)
    assert response.status_code == 200
    assert "đã thuộc Tổ 1" in response.content.decode()
    assert not DepartmentMembership.objects.filter(department=to_3, user=teacher).exists()


def test_homeroom_and_union_leaders_get_their_sections_and_lose_them_when_replaced(client):
    User = get_user_model()
    homeroom = User.objects.get(username="gvcn1a")
    class_1a = SchoolClass.objects.current().get(name="1A")
    assert _can_write(client, homeroom, "goc-hoc-sinh")
    class_1a.homeroom_teacher = None
    class_1a.save()
    assert not _can_write(client, homeroom, "goc-hoc-sinh")
    assert not homeroom.groups.filter(school_role__key="gv_chu_nhiem").exists()


def test_deactivated_account_loses_every_role_and_is_logged(client):
    User = get_user_model()
    principal = User.objects.get(username="hieutruong")
    teacher = User.objects.get(username="giaovien1")
    client.force_login(principal)
    response = client.post(reverse("editorial_accounts:deactivate", args=(teacher.pk,)))
    assert response.status_code == 302
    assert messages_of(response)
    teacher.refresh_from_db()
    assert not teacher.is_active
    assert not teacher.groups.filter(school_role__isnull=False).exists()
    actions = set(ModelLogEntry.objects.filter(object_id=str(teacher.pk)).values_list("action", flat=True))
    assert {"editorial.account_deactivated", "editorial.roles_changed"} <= actions

    # Reactivation gives the roles back from the structure.
    client.post(reverse("editorial_accounts:reactivate", args=(teacher.pk,)))
    assert _can_write(client, User.objects.get(pk=teacher.pk), "hoat-dong-chuyen-mon")


def test_role_changes_show_in_wagtail_history_with_vietnamese_labels(client):
    User = get_user_model()
    principal = User.objects.get(username="hieutruong")
    teacher = User.objects.get(username="giaovien1")
    client.force_login(principal)
    client.post(reverse("editorial_accounts:deactivate", args=(teacher.pk,)))
    entry = ModelLogEntry.objects.filter(action="editorial.roles_changed", object_id=str(teacher.pk)).latest(
        "pk"
    )
    assert entry.user_id == principal.pk
    from wagtail.log_actions import registry

    assert registry.get_action_label("editorial.roles_changed") == "Thay đổi vai trò (nhóm quyền)"
    assert registry.get_action_label("editorial.account_deactivated") == "Khoá tài khoản"


def test_reviewer_lookups_for_moderation_are_one_query_each(django_assert_num_queries):
    """Issue 4 computes reviewers from the author (``editorial.moderation.reviewers``, the one lookup):
    a teacher's, a member's and a principal's reviewer is one indexed query; a pupil's department head is
    found through the homeroom teacher's department (two)."""
    User = get_user_model()
    teacher, student, member, principal = (
        User.objects.get(username=name) for name in ("giaovien1", "hocsinh1a", "congdoan", "hieutruong")
    )
    with django_assert_num_queries(1):
        assert department_head_for(teacher).username == "totruong1"
    with django_assert_num_queries(1):
        assert homeroom_teacher_for(student).username == "gvcn1a"
    with django_assert_num_queries(1):
        assert union_leader_for(member).username == "congdoan"
    with django_assert_num_queries(2):
        assert department_head_for(student).username == "totruong1"
    with django_assert_num_queries(2):
        assert department_head_for(principal) is None
    assert homeroom_teacher_for(teacher) is None and union_leader_for(teacher) is None


def test_a_new_section_ticked_for_a_department_is_writable_without_running_setup_school(client):
    from cms.home.models import HomePage

    home = HomePage.objects.first()
    section = home.add_child(instance=SectionPage(title="Câu lạc bộ tiếng Anh", slug="cau-lac-bo-tieng-anh"))
    teacher = get_user_model().objects.get(username="giaovien1")
    assert not _can_write(client, teacher, section.slug)
    Department.objects.current().get(name="Tổ 1").sections.add(section)
    assert _can_write(client, teacher, section.slug)


def test_locking_an_account_outside_this_admin_also_drops_its_roles():
    teacher = get_user_model().objects.get(username="giaovien1")
    teacher.is_active = False
    teacher.save()
    assert not teacher.groups.filter(school_role__isnull=False).exists()
