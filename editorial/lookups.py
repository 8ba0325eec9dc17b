"""Who reviews an author's work, found from the current school year's structure (for the moderation tasks).

Each function is one indexed query (asserted in ``tests/test_structure_roles.py``) and returns users, or
None / [] when the author has no department, class or union this year.
"""

from .models import ClassMembership, DepartmentMembership, Position, SchoolYear, UnionMembership


def department_of(author):
    """The author's department this year (with its head loaded), or None."""
    membership = (
        DepartmentMembership.objects.current().filter(user=author).select_related("department__head").first()
    )
    return membership.department if membership else None


def department_head_of(author):
    """Head (tổ trưởng) of the author's department this year, or None."""
    department = department_of(author)
    return department.head if department else None


def homeroom_teacher_of(author):
    """Homeroom teacher of the author's class this year (the author is a student), or None."""
    membership = (
        ClassMembership.objects.current()
        .filter(user=author)
        .select_related("school_class__homeroom_teacher")
        .first()
    )
    return membership.school_class.homeroom_teacher if membership else None


def union_leaders_of(author, section=None):
    """Leaders of the author's unions this year (only the union writing in ``section``, if given)."""
    memberships = UnionMembership.objects.current().filter(user=author, union__leader__isnull=False)
    if section is not None:
        memberships = memberships.filter(union__section=section)
    return [m.union.leader for m in memberships.select_related("union__leader").order_by("union__kind")]


def is_pupil(user):
    """True for a pupil's account: position "Học sinh", or a pupil of a class this school year (Điều 7).

    The one answer for the back office (pupils' editor rules, class images, bylines, media access).
    ``cms.security.passwords`` keeps its own position check: ``editorial`` imports it, so it cannot import
    this (no cycle between apps).
    """
    profile = getattr(user, "staff_profile", None)
    if profile is not None and profile.position == Position.STUDENT:
        return True
    year = SchoolYear.objects.current()
    return year is not None and ClassMembership.objects.filter(user=user, school_year=year).exists()
