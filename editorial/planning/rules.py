"""Who may assign, see and change writing assignments (checked on the server for every request).

- The board (principal, vice principals, board members, portal administrator) assigns to anyone and sees all.
- A department head assigns to their own department's members and sees their department's assignments.
- Everyone else sees only what was assigned to them.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from editorial.models import Department, DepartmentMembership
from editorial.models.profiles import order_people
from editorial.moderation.access import is_board


def _current(queryset):
    return queryset.filter(school_year__is_current=True)


def department_of(user):
    """The user's department this school year (as member, else as head), or None."""
    membership = _current(DepartmentMembership.objects.filter(user=user)).select_related("department").first()
    if membership is not None:
        return membership.department
    return _current(Department.objects.filter(head=user)).first()


def headed_department_ids(user):
    """Ids of the departments ``user`` heads this school year (cached on the user for the request)."""
    cached = getattr(user, "_planning_headed", None)
    if cached is None:
        cached = set(_current(Department.objects.filter(head=user)).values_list("pk", flat=True))
        user._planning_headed = cached
    return cached


def can_assign(user):
    """Board members and department heads may give assignments."""
    return is_board(user) or bool(headed_department_ids(user))


def assignable_users(user):
    """Whom ``user`` may assign to: anyone (board) or the members of the departments they head."""
    users = get_user_model().objects.filter(is_active=True)
    if is_board(user):
        return order_people(users)
    departments = headed_department_ids(user)
    if not departments:
        return users.none()
    members = DepartmentMembership.objects.filter(department_id__in=departments).values("user_id")
    return order_people(users.filter(pk__in=members))


def visible_assignments(user, queryset):
    """The part of ``queryset`` that ``user`` may see."""
    if is_board(user):
        return queryset
    departments = headed_department_ids(user)
    return queryset.filter(Q(assignee=user) | Q(assigned_by=user) | Q(department_id__in=departments))


def can_change(user, assignment):
    """Board, whoever gave it, or the head of the assignee's department."""
    if is_board(user):
        return True
    if assignment.assigned_by_id == user.pk:
        return True
    return assignment.department_id is not None and assignment.department_id in headed_department_ids(user)
