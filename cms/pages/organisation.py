"""The data behind the organisation page (cơ cấu tổ chức), read from the school structure of ``editorial``.

The public page shows a person's name and position only. Telephone and e-mail appear only for people who
opted in (``StaffProfile.show_contact_publicly``). Every entry is a plain dict, so the template never touches
the editorial models, and the page renders (with empty sections) on an installation without them.

Models read lazily through the app registry (``editorial``, issue 3): ``SchoolYear`` (``name``,
``is_current``), ``StaffProfile`` (``user``, ``position``, ``phone``, ``show_contact_publicly``),
``Department`` (``school_year``, ``name``, ``kind``, ``head``, ``memberships`` → ``user``), ``Union``
(``school_year``, ``name``, ``kind``, ``leader``) and ``EditorialBoard`` (``school_year``, ``memberships`` →
``user``, ``role``).
"""

import logging

from django.apps import apps
from django.core.exceptions import FieldError

from cms.core.people import full_name, public_contact, public_name

logger = logging.getLogger(__name__)

SECTIONS = ("leadership", "departments", "unions", "board")
LEADERSHIP_POSITIONS = ("hieu_truong", "pho_hieu_truong")  # principal first, then vice principals
# In this order on the page: Công đoàn, Liên đội TNTP Hồ Chí Minh, Chi đoàn.
UNION_LEADER_TITLES = {"cong_doan": "Chủ tịch", "lien_doi": "Tổng phụ trách Đội", "chi_doan": "Bí thư"}
UNION_ORDER = list(UNION_LEADER_TITLES)
BOARD_ROLE_ORDER = {"truong_ban": 0, "pho_ban": 1, "thanh_vien": 2, "thu_ky": 3}


def _model(name):
    """An ``editorial`` model by name; LookupError when the app does not define it (yet)."""
    return apps.get_model("editorial", name)


def person_entry(user, role=""):
    """``{name, position, role, contact}`` for one person; ``contact`` stays empty unless they opted in."""
    profile = getattr(user, "staff_profile", None)
    position = profile.get_position_display() if profile is not None else ""
    student = getattr(profile, "position", "") == "hoc_sinh"
    name = public_name(full_name(user), student=student)
    return {"name": name, "position": position, "role": role or "", "contact": public_contact(user)}


def _rank(order, value):
    return order.index(value) if value in order else len(order)


def empty_organisation(school_year=None):
    """The context when nothing is known yet: every section an empty list."""
    return {"school_year": school_year or "", **{name: [] for name in SECTIONS}}


def organisation_context(school_year=None):
    """Return ``{school_year, leadership, departments, unions, board}`` for the public organisation page.

    ``school_year`` is a name such as "2025–2026"; ``None`` means the current school year.
    - ``leadership`` and ``board``: lists of ``{name, position, role, contact}``.
    - ``departments`` and ``unions``: lists of ``{name, members: [person…]}`` (head or leader first).
    Sections are empty lists while the editorial structure models are not installed or hold no data.
    """
    try:
        return _from_structure(school_year)
    except LookupError:
        return empty_organisation(school_year)
    except (AttributeError, FieldError) as exc:
        # The structure models changed shape: show empty sections rather than break the static build.
        logger.warning("organisation_context: editorial structure not usable (%s)", exc)
        return empty_organisation(school_year)


def _from_structure(school_year):
    SchoolYear = _model("SchoolYear")
    years = SchoolYear.objects.all()
    if school_year:
        from cms.core.vietnamese import nfc

        year = years.filter(name__in={nfc(school_year), nfc(school_year).replace("-", "–")}).first()
    else:
        year = years.filter(is_current=True).first()
    if year is None:
        return empty_organisation(school_year)

    profiles = _model("StaffProfile").objects.filter(position__in=LEADERSHIP_POSITIONS).select_related("user")
    profiles = sorted(profiles, key=lambda p: (LEADERSHIP_POSITIONS.index(p.position), p.pk))
    leadership = [person_entry(profile.user) for profile in profiles if profile.user.is_active]

    departments = []
    for dept in (
        _model("Department").objects.filter(school_year=year).select_related("head").order_by("kind", "name")
    ):
        members = [person_entry(dept.head, "Tổ trưởng")] if dept.head_id else []
        for membership in dept.memberships.select_related("user").order_by("pk"):
            if membership.user_id != dept.head_id:
                members.append(person_entry(membership.user))
        departments.append({"name": dept.name, "members": members})

    unions = []
    union_rows = _model("Union").objects.filter(school_year=year).select_related("leader")
    for union in sorted(union_rows, key=lambda u: (_rank(UNION_ORDER, u.kind), u.name)):
        title = UNION_LEADER_TITLES.get(union.kind, "")
        members = [person_entry(union.leader, title)] if union.leader_id else []
        unions.append({"name": union.name, "members": members})

    board = []
    board_model = _model("EditorialBoard").objects.filter(school_year=year).first()
    if board_model is not None:
        memberships = sorted(
            board_model.memberships.select_related("user"),
            key=lambda m: (BOARD_ROLE_ORDER.get(m.role, 9), m.pk),
        )
        board = [person_entry(m.user, m.get_role_display()) for m in memberships]

    return {
        "school_year": year.name,
        "leadership": leadership,
        "departments": departments,
        "unions": unions,
        "board": board,
    }
