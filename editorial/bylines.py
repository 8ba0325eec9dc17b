"""The byline an article gets from its author's account (issue 10 item 4): the one place it is computed.

``account_byline(user)`` returns the values of ``ArticlePage``'s byline fields, taken from the school
structure of the current year when the item is written and submitted:

- staff: the person's name in Vietnamese order and their position ("Giáo viên Tổ 1", "Phó hiệu trưởng");
- pupils: their name, "Học sinh lớp 1A" and the class, so ``ArticlePage.byline()`` shows
  "Em Ngọc, lớp 1A" (the public form of a pupil's name is decided there, with ``short_given_name``).

Besides the author's own byline (clarification "#8"):

- **on behalf of a pupil**: a homeroom teacher submits the work of a pupil of their own class this year
  (``pupils_for(teacher)``); the byline (and the moderation route, ``ArticlePage.moderation_author``) come
  from the pupil: "Em Ngọc, lớp 1A";
- **group bylines** (``group_bylines_for(user)``): "Tập thể lớp 3A" for the homeroom teacher of 3A,
  "Công đoàn trường" for members and the leader of the trade union, "Liên đội" for the Pioneers' (Đội)
  leader and members, "Chi đoàn trường" for the Youth Union's. Pupils write under their own name.

``byline_for(user, written_for=None, group=None)`` gives the values for any of these. The public form of
every name is decided by ``cms.core.people.public_name`` (through ``ArticlePage.byline()``).

Only the board may change a byline after submission (``cms.core.page_forms.PortalPageForm``).
"""

from django.contrib.auth import get_user_model

from .lookups import is_pupil
from .models import ClassMembership, DepartmentMembership, Position, SchoolClass, Union
from .models.profiles import person_name

CLASS_GROUP_PREFIX = "lop:"
# Union kind → the group byline it gives (one per school: the union of the school).
UNION_GROUPS = {
    Union.Kind.TRADE_UNION: "Công đoàn trường",
    Union.Kind.PIONEERS: "Liên đội",
    Union.Kind.YOUTH_UNION: "Chi đoàn trường",
}
NOT_YOUR_PUPIL = "Chỉ gửi bài thay được cho học sinh của lớp thầy/cô chủ nhiệm trong năm học này."
NOT_YOUR_GROUP = "Thầy/cô không được đứng tên tập thể này."

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


def pupils_for(teacher):
    """The pupils a homeroom teacher may submit for: those of their classes this year (a queryset of users,
    sorted by name; empty for anyone who is not a homeroom teacher this year)."""
    User = get_user_model()
    if teacher is None or not teacher.is_authenticated:
        return User.objects.none()
    classes = SchoolClass.objects.filter(homeroom_teacher=teacher, school_year__is_current=True)
    return (
        User.objects.filter(
            is_active=True,
            class_memberships__school_class__in=classes,
            class_memberships__school_year__is_current=True,
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def group_bylines_for(user):
    """``[(key, label)]`` of the group bylines ``user`` may choose: their class as homeroom teacher
    ("lop:<id>", "Tập thể lớp 3A") and each union they lead or belong to this year ("cong_doan",
    "Công đoàn trường"). Pupils get none."""
    if user is None or not user.is_authenticated or is_pupil(user):
        return []
    choices = [
        (f"{CLASS_GROUP_PREFIX}{klass.pk}", f"Tập thể lớp {klass.name}")
        for klass in SchoolClass.objects.filter(homeroom_teacher=user, school_year__is_current=True).order_by(
            "name"
        )
    ]
    kinds = set(
        Union.objects.filter(school_year__is_current=True, leader=user).values_list("kind", flat=True)
    ) | set(
        Union.objects.filter(
            school_year__is_current=True, memberships__user=user, memberships__school_year__is_current=True
        ).values_list("kind", flat=True)
    )
    choices += [(kind, label) for kind, label in UNION_GROUPS.items() if kind in kinds]
    return choices


def group_byline(key):
    """The byline values of group ``key`` (see ``group_bylines_for``), or ``None`` for an unknown key."""
    if key.startswith(CLASS_GROUP_PREFIX):
        klass = SchoolClass.objects.filter(pk=key[len(CLASS_GROUP_PREFIX) :]).first()
        if klass is None:
            return None
        name, kind = f"Tập thể lớp {klass.name}", "group"
    elif key in UNION_GROUPS:
        name, kind = UNION_GROUPS[key], "union"
    else:
        return None
    return {"author_name": name, "author_position": "", "author_class": "", "author_kind": kind}


def byline_for(user, written_for=None, group=None):
    """The byline values of an article by ``user``: for the pupil ``written_for`` if given, else for the
    group key ``group`` if given and known, else from ``user``'s own account (``account_byline``)."""
    if written_for is not None:
        return account_byline(written_for)
    if group:
        values = group_byline(group)
        if values is not None:
            return values
    return account_byline(user)
