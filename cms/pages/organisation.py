"""The data behind the organisation page (cơ cấu tổ chức), read from the school structure of ``editorial``.

The public page only shows a person's name and position. Contact details appear only for people who opted
in (``show_contact_publicly`` on their staff profile). Every entry is a plain dict, so the template never
touches the editorial models and the page renders (with empty sections) before those models exist.

Expected names in ``editorial.structure`` (issue 3), read lazily:

- ``SchoolYear``: ``name`` ("2025–2026"), ``is_current`` (bool).
- ``StaffProfile``: ``full_name``, ``position``, ``email``, ``phone``, ``show_contact_publicly``,
  ``is_leadership`` (bool: Ban giám hiệu), ``leadership_order`` (int, optional).
- ``Department``: ``name``, ``school_year``, ``head`` (StaffProfile), ``members`` (manager of StaffProfile).
- ``Union``: ``name``, ``school_year``, ``leader`` (StaffProfile), ``leader_title`` (e.g. "Chủ tịch").
- ``BoardMembership``: ``school_year``, ``staff`` (StaffProfile), ``role`` with ``get_role_display()``
  ("Trưởng ban", "Phó ban", "Thành viên", "Thư ký").
"""

import logging

from django.core.exceptions import FieldError

logger = logging.getLogger(__name__)

SECTIONS = ("leadership", "departments", "unions", "board")


def person_entry(profile, role=""):
    """``{name, position, role, contact}`` for one person; ``contact`` is empty unless they opted in."""
    contact = {}
    if getattr(profile, "show_contact_publicly", False):
        contact = {
            key: value for key in ("email", "phone") if (value := (getattr(profile, key, "") or "").strip())
        }
    return {
        "name": getattr(profile, "full_name", "") or str(profile),
        "position": getattr(profile, "position", "") or "",
        "role": role or "",
        "contact": contact,
    }


def empty_organisation(school_year=None):
    """The context when nothing is known yet: every section an empty list."""
    return {"school_year": school_year or "", **{name: [] for name in SECTIONS}}


def organisation_context(school_year=None):
    """Return ``{school_year, leadership, departments, unions, board}`` for the public organisation page.

    ``school_year`` is a name such as "2025–2026"; ``None`` means the current school year.
    - ``leadership`` and ``board``: lists of ``{name, position, role, contact}``.
    - ``departments`` and ``unions``: lists of ``{name, members: [person…]}`` (head or leader first).
    Sections are empty lists while ``editorial.structure`` (issue 3) is not installed.
    """
    try:
        from editorial import structure
    except ImportError:
        return empty_organisation(school_year)
    try:
        return _from_structure(structure, school_year)
    except (AttributeError, LookupError, FieldError) as exc:
        # The structure models changed shape: show empty sections rather than break the static build.
        logger.warning("organisation_context: editorial.structure not usable (%s)", exc)
        return empty_organisation(school_year)


def _from_structure(structure, school_year):
    years = structure.SchoolYear.objects.all()
    year = years.filter(name=school_year).first() if school_year else years.filter(is_current=True).first()
    if year is None:
        return empty_organisation(school_year)
    leadership = [
        person_entry(p)
        for p in structure.StaffProfile.objects.filter(is_leadership=True).order_by("leadership_order", "pk")
    ]
    departments = []
    for dept in structure.Department.objects.filter(school_year=year).order_by("name"):
        members = [person_entry(dept.head, "Tổ trưởng")] if dept.head else []
        members += [person_entry(p) for p in dept.members.all() if p != dept.head]
        departments.append({"name": dept.name, "members": members})
    unions = []
    for union in structure.Union.objects.filter(school_year=year).order_by("name"):
        members = [person_entry(union.leader, getattr(union, "leader_title", ""))] if union.leader else []
        unions.append({"name": union.name, "members": members})
    board = [
        person_entry(m.staff, m.get_role_display())
        for m in structure.BoardMembership.objects.filter(school_year=year)
        .select_related("staff")
        .order_by("pk")
    ]
    return {
        "school_year": year.name,
        "leadership": leadership,
        "departments": departments,
        "unions": unions,
        "board": board,
    }
