"""The byline an article gets from its author's account (issue 10 item 4): the one place it is computed.

``account_byline(user)`` returns the values of ``ArticlePage``'s byline fields, taken from the school
structure of the current year when the item is written and submitted:

- staff: the person's name in Vietnamese order and their position ("Giáo viên Tổ 1", "Phó hiệu trưởng");
- pupils: their name, "Học sinh lớp 1A" and the class, so ``ArticlePage.byline()`` shows
  "Em Ngọc, lớp 1A" (the public form of a pupil's name is decided there, with ``short_given_name``).

Only the board may change a byline in the editor (``cms.core.page_forms.PortalPageForm``).
"""

from .models import ClassMembership, DepartmentMembership, Position
from .models.profiles import person_name

# Positions written with the department: "Giáo viên Tổ 1", "Tổ trưởng Tổ 1".
WITH_DEPARTMENT = {Position.TEACHER, Position.DEPARTMENT_HEAD}


def account_byline(user):
    """``{"author_name", "author_position", "author_class", "author_kind"}`` for ``user`` (never None)."""
    profile = getattr(user, "staff_profile", None)
    name = person_name(user)
    if profile is not None and profile.position == Position.STUDENT:
        membership = (
            ClassMembership.objects.filter(user=user, school_year__is_current=True)
            .select_related("school_class")
            .first()
        )
        klass = membership.school_class.name if membership else ""
        return {
            "author_name": name,
            "author_position": f"Học sinh lớp {klass}" if klass else "Học sinh",
            "author_class": klass,
            "author_kind": "student",
        }
    position = profile.get_position_display() if profile is not None else ""
    if profile is not None and profile.position in WITH_DEPARTMENT:
        membership = (
            DepartmentMembership.objects.filter(user=user, school_year__is_current=True)
            .select_related("department")
            .first()
        )
        if membership is not None:
            position = f"Giáo viên {membership.department.name}"
            if profile.position == Position.DEPARTMENT_HEAD:
                position = f"Tổ trưởng {membership.department.name}"
    return {"author_name": name, "author_position": position, "author_class": "", "author_kind": ""}
