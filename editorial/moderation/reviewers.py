"""Who reviews an author's work, found from the school structure of the current year (issue 3's models).

Each resolver is one or two indexed queries and returns a ``User`` or ``None`` (nobody configured, or the
post's account is inactive: a leaver or an account the principal locked never receives work it cannot
sign in to review, the stage is handled as one without its person). A
resolver may return the author themselves (a department head writing for their own department): the task
decides what to do with that (``editorial.moderation.models``: the stage is skipped, never self-approved).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from editorial.models import (
    ClassMembership,
    Department,
    DepartmentMembership,
    Position,
    SchoolClass,
    Union,
)

# Role key (``editorial.models.RoleGroup``) of the principal's group; groups are never found by name.
PRINCIPAL_KEY = "hieu_truong"


def _year_filter(prefix, school_year):
    """Restrict to ``school_year`` or, by default, the current one."""
    if school_year is not None:
        return Q(**{f"{prefix}school_year": school_year})
    return Q(**{f"{prefix}school_year__is_current": True})


def _active(user):
    return user if user is not None and user.is_active else None


def department_head_for(author, school_year=None):
    """Head of the author's department; for a student, head of their homeroom teacher's department.

    A department head is the head of their own department (they get themselves back).
    """
    department = (
        Department.objects.filter(Q(head=author) | Q(memberships__user=author), _year_filter("", school_year))
        .select_related("head")
        .order_by("-head_id")
        .first()
    )
    if department is not None:
        return _active(department.head)
    # Student writing: the department of the class's homeroom teacher (Góc học sinh → Tổ của GVCN).
    teacher_ids = ClassMembership.objects.filter(_year_filter("", school_year), user=author).values(
        "school_class__homeroom_teacher"
    )
    membership = (
        DepartmentMembership.objects.filter(_year_filter("", school_year), user__in=teacher_ids)
        .select_related("department__head")
        .first()
    )
    return _active(membership.department.head) if membership else None


def homeroom_teacher_for(author, school_year=None):
    """Homeroom teacher of the author's class; a homeroom teacher writing gets themselves back."""
    school_class = (
        SchoolClass.objects.filter(
            Q(homeroom_teacher=author) | Q(memberships__user=author), _year_filter("", school_year)
        )
        .select_related("homeroom_teacher")
        .first()
    )
    return _active(school_class.homeroom_teacher) if school_class else None


def union_leader_for(author, school_year=None, section=None):
    """Leader of the author's union (the one writing in ``section`` if given); a leader gets themselves."""
    unions = Union.objects.filter(
        Q(leader=author) | Q(memberships__user=author), _year_filter("", school_year), leader__isnull=False
    )
    if section is not None:
        unions = unions.filter(Q(section=section) | Q(section__isnull=True))
    # At most a few unions a person: one query, then the author's own leadership first (stage skipped).
    found = list(unions.select_related("leader").order_by("kind"))
    if any(union.leader_id == author.pk for union in found):
        return author
    return _active(found[0].leader) if found else None


def principal():
    """The active principal (by position, else the first member of the principal's group), or None."""
    User = get_user_model()
    user = User.objects.filter(is_active=True, staff_profile__position=Position.PRINCIPAL).first()
    if user is None:
        user = User.objects.filter(is_active=True, groups__school_role__key=PRINCIPAL_KEY).first()
    return user
