"""Leavers are deactivated when a new school year begins (clarification #11); their history stays.

Leavers of the current school year:

- **pupils** who had a class in an earlier year and have none in the current one (grade-5 pupils after
  ``start_new_school_year``, pupils who moved school). New pupils not yet placed in a class are not leavers.
- **staff** whose profile is marked ``leaving`` ("Rời trường khi sang năm học mới") by the principal.

``deactivate_leavers`` locks each account (``is_active = False``), ends its sessions, takes it out of the
current year's structure (head, homeroom teacher, union leader, memberships, board) and out of every group —
school roles and the groups of workflow tasks — so no reviewer lookup or group task finds it. Nothing else is
deleted: articles and their bylines, library loans, revisions and the audit log keep the person.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import (
    BoardMembership,
    ClassMembership,
    Department,
    DepartmentMembership,
    Position,
    SchoolClass,
    SchoolYear,
    Union,
    UnionMembership,
)
from .roles import roles_synced_once


def leavers(year=None):
    """Active accounts that leave at the start of ``year`` (default: the current school year), by pk."""
    year = year if year is not None else SchoolYear.objects.current()
    users = get_user_model().objects.filter(is_active=True, is_superuser=False)
    if year is None:
        return users.none()
    pupils = (
        users.filter(staff_profile__position=Position.STUDENT, class_memberships__isnull=False)
        .exclude(class_memberships__school_year=year)
        .values_list("pk", flat=True)
    )
    staff = users.filter(staff_profile__leaving=True).exclude(staff_profile__position=Position.STUDENT)
    return users.filter(pk__in={*pupils, *staff.values_list("pk", flat=True)}).order_by("pk")


def end_sessions(user_ids):
    """Delete the database sessions of these accounts (they are signed out at their next request)."""
    wanted = {str(pk) for pk in user_ids}
    if not wanted:
        return 0
    doomed = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if str(s.get_decoded().get("_auth_user_id")) in wanted
    ]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _leave_structure(user, year):
    Department.objects.filter(school_year=year, head=user).update(head=None)
    SchoolClass.objects.filter(school_year=year, homeroom_teacher=user).update(homeroom_teacher=None)
    Union.objects.filter(school_year=year, leader=user).update(leader=None)
    for model in (DepartmentMembership, ClassMembership, UnionMembership, BoardMembership):
        model.objects.filter(school_year=year, user=user).delete()


@transaction.atomic
def deactivate_leavers(year=None, actor=None):
    """Deactivate every leaver of ``year`` (default: the current year); returns the list of accounts.

    Idempotent: a second run finds nobody. Each account gets an ``editorial.leavers_deactivated`` entry in
    Wagtail's audit log (with the groups it lost).
    """
    year = year if year is not None else SchoolYear.objects.current()
    people = list(leavers(year).select_related("staff_profile"))
    with roles_synced_once():
        for user in people:
            lost = sorted(user.groups.values_list("name", flat=True))
            user.is_active = False
            user.save(update_fields=["is_active"])
            _leave_structure(user, year)
            user.groups.clear()  # school roles and any workflow task's group
            reason = (
                "Học sinh đã ra trường/chuyển trường"
                if user.staff_profile.position == Position.STUDENT
                else ("Cán bộ, giáo viên rời trường")
            )
            log(
                user,
                "editorial.leavers_deactivated",
                user=actor,
                data={"school_year": str(year), "reason": reason, "groups_removed": lost},
            )
    end_sessions([user.pk for user in people])
    return people
