"""Issue 3: a new school year in one action (old year kept); one current year; board decision numbers."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import ModelLogEntry

from editorial.models import (
    BoardMembership,
    ClassMembership,
    Department,
    DepartmentMembership,
    EditorialBoard,
    SchoolClass,
    SchoolYear,
    Union,
    UnionMembership,
)

from .support import messages_of

pytestmark = pytest.mark.django_db(transaction=False)


def _counts(year):
    return {
        "departments": Department.objects.filter(school_year=year).count(),
        "department_members": DepartmentMembership.objects.filter(school_year=year).count(),
        "classes": SchoolClass.objects.filter(school_year=year).count(),
        "students": ClassMembership.objects.filter(school_year=year).count(),
        "unions": Union.objects.filter(school_year=year).count(),
        "union_members": UnionMembership.objects.filter(school_year=year).count(),
        "board_members": BoardMembership.objects.filter(school_year=year).count(),
    }


def _new_year_post(client, year, **extra):
    data = {"name": "2027–2028", "start_date": "01/08/2027", "end_date": "31/05/2028"}  # as the form shows
    data.update(extra)
    return client.post(reverse("editorial_new_school_year", args=(year.pk,)), data)


@pytest.fixture
def principal(client):
    user = get_user_model().objects.get(username="hieutruong")
    client.force_login(user)
    return user


def test_new_school_year_copies_structure_and_board_and_keeps_the_old_year(principal, client):
    old = SchoolYear.objects.current()
    before = _counts(old)
    old_board = (old.editorial_board.decision_number, old.editorial_board.decision_date)

    assert client.get(reverse("editorial_new_school_year", args=(old.pk,))).status_code == 200
    response = _new_year_post(client, old)
    assert response.status_code == 302, response.content.decode()[:3000]

    new = SchoolYear.objects.get(name="2027–2028")
    assert not new.is_current and SchoolYear.objects.current() == old  # switching is a separate decision
    assert _counts(old) == before
    assert (old.editorial_board.decision_number, old.editorial_board.decision_date) == old_board

    after = _counts(new)
    assert after["departments"] == before["departments"]
    assert after["department_members"] == before["department_members"]
    assert after["unions"] == before["unions"] and after["union_members"] == before["union_members"]
    assert after["board_members"] == before["board_members"]
    assert after["classes"] == before["classes"]
    # Students move up one grade; the homeroom teacher stays with the class name (teachers keep their grade).
    student = ClassMembership.objects.get(school_year=new, user__username="hocsinh1a")
    assert student.school_class.name == "2A"
    assert SchoolClass.objects.get(school_year=new, name="1A").homeroom_teacher.username == "gvcn1a"
    assert not ClassMembership.objects.filter(school_class__school_year=new, school_class__grade=1).exists()
    to_1 = Department.objects.get(school_year=new, name="Tổ 1")
    assert to_1.head.username == "totruong1"
    assert [s.slug for s in to_1.sections.all()] == ["hoat-dong-chuyen-mon"]
    board = EditorialBoard.objects.get(school_year=new)
    assert board.decision_number == ""  # the new decision is still to be signed
    assert ModelLogEntry.objects.filter(action="editorial.school_year_copied", object_id=str(new.pk)).exists()


def test_making_the_new_year_current_moves_everyones_roles_to_it(principal, client):
    old = SchoolYear.objects.current()
    response = _new_year_post(client, old, make_current="on")
    assert response.status_code == 302
    new = SchoolYear.objects.current()
    assert new.name == "2027–2028"
    assert SchoolYear.objects.filter(is_current=True).count() == 1
    # Remove giaovien1 from Tổ 1 of the NEW year only: the writer role goes, the old year's record stays.
    teacher = get_user_model().objects.get(username="giaovien1")
    assert teacher.groups.filter(name="Viết bài: Hoạt động chuyên môn").exists()
    DepartmentMembership.objects.get(school_year=new, user=teacher).delete()
    assert not teacher.groups.filter(name="Viết bài: Hoạt động chuyên môn").exists()
    assert DepartmentMembership.objects.filter(school_year=old, user=teacher).exists()


def test_existing_year_is_refused_with_a_message(principal, client):
    old = SchoolYear.objects.current()
    _new_year_post(client, old)
    count = Department.objects.count()
    response = _new_year_post(client, old)
    assert response.status_code == 200
    assert "Năm học 2027–2028 đã có" in response.content.decode()
    assert Department.objects.count() == count


def test_bad_year_name_is_refused(principal, client):
    old = SchoolYear.objects.current()
    response = _new_year_post(client, old, name="2027–2029")
    assert response.status_code == 200
    assert "hai năm liên tiếp" in response.content.decode()
    assert not SchoolYear.objects.filter(name="2027–2029").exists()


def test_only_one_current_year():
    old = SchoolYear.objects.current()
    new = SchoolYear.objects.create(
        name="2027–2028", start_date=date(2027, 8, 1), end_date=date(2028, 5, 31), is_current=True
    )
    old.refresh_from_db()
    assert not old.is_current and new.is_current
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolYear.objects.filter(pk=old.pk).update(is_current=True)  # bypassing save(): the database refuses


@pytest.mark.parametrize(
    ("number", "ok"),
    [
        ("39/QĐ-THNK", True),
        ("125/QĐ-THNK", True),
        ("05/QĐ-THNK", True),
        ("5/QĐ-THNK", False),  # numbers below ten are written 01…09
        ("39/QD-THNK", False),  # Đ, not D
        ("39-QĐ-THNK", False),
        ("Quyết định 39", False),
    ],
)
def test_board_decision_number_is_validated_in_the_admin(principal, client, number, ok):
    board = EditorialBoard.objects.current().get()
    members = list(board.memberships.order_by("pk"))
    data = {
        "school_year": board.school_year_id,
        "decision_number": number,
        "decision_date": "2025-09-08",
        "decision_file": "",
        "memberships-TOTAL_FORMS": str(len(members)),
        "memberships-INITIAL_FORMS": str(len(members)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, member in enumerate(members):
        data.update(
            {
                f"memberships-{i}-id": member.pk,
                f"memberships-{i}-user": member.user_id,
                f"memberships-{i}-role": member.role,
                f"memberships-{i}-duties": member.duties,
            }
        )
    response = client.post(reverse("editorial_boards:edit", args=(board.pk,)), data)
    board.refresh_from_db()
    if ok:
        assert response.status_code == 302
        assert board.decision_number == number
    else:
        assert response.status_code == 200
        assert "Số quyết định có dạng 39/QĐ-THNK" in response.content.decode()
        assert board.decision_number == "125/QĐ-THNK"
        assert messages_of(response)


def test_school_years_and_boards_are_history_and_cannot_be_deleted(principal, client):
    from .support import assert_refused

    year = SchoolYear.objects.current()
    board = EditorialBoard.objects.current().get()
    assert_refused(client.post(reverse("editorial_school_years:delete", args=(year.pk,))))
    assert_refused(client.post(reverse("editorial_boards:delete", args=(board.pk,))))
    assert (
        SchoolYear.objects.filter(pk=year.pk).exists() and EditorialBoard.objects.filter(pk=board.pk).exists()
    )
