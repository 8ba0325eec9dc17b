"""Operations on the school structure used by the admin and the commands: set-up and a new school year."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import (
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
from .roles import roles_synced_once, setup_roles, sync_all_users


def school_year_for(day):
    """The school year containing ``day`` (years start in August): 2026-11-28 → ("2026–2027", start, end)."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}–{first + 1}", date(first, 8, 1), date(first + 1, 5, 31)


@transaction.atomic
def setup_school(home_page):
    """Create or repair everything: a current school year, role groups and permissions, everyone's roles.

    Idempotent: a second run leaves the database unchanged.
    """
    year = SchoolYear.objects.current()
    if year is None:
        name, start, end = school_year_for(timezone.localdate())
        year = SchoolYear.objects.filter(name=name).first()
        if year is None:
            year = SchoolYear.objects.create(name=name, start_date=start, end_date=end, is_current=True)
        else:
            year.is_current = True
            year.save(update_fields=["is_current"])
    groups = setup_roles(home_page)
    changed = sync_all_users()
    from editorial.moderation.workflows import setup_workflows  # noqa: PLC0415 - moderation builds on editorial

    setup_workflows(home_page)
    from cms.documents.approval import ensure_document_permissions  # noqa: PLC0415 - optional content app

    ensure_document_permissions()
    from cms.publishing.permissions import ensure_build_log_permissions  # noqa: PLC0415 - as above

    ensure_build_log_permissions()
    return {"year": year, "groups": groups, "users_changed": changed}


def _next_name(year):
    first = int(year.name[:4]) + 1
    return f"{first}–{first + 1}"


def _promoted(name):
    """1A → 2A; classes of grade 5 leave primary school (None)."""
    grade = int(name[0])
    return None if grade >= 5 else f"{grade + 1}{name[1:]}"


@transaction.atomic
def start_new_school_year(source, name=None, start_date=None, end_date=None, make_current=False, user=None):
    """Copy the structure and the board of ``source`` into a new school year; ``source`` is left intact.

    - Departments, unions: same names, kinds, heads/leaders, sections and members.
    - Classes: same names and homeroom teachers (teachers stay with their grade, as departments are
      organised by grade); students move up one grade (1A → 2A), grade 5 students leave, grade 1 classes
      start empty for the new intake.
    - Editorial board: same members, roles and duties; the decision number and date stay empty until the
      principal signs the new decision.

    Refuses (``ValidationError``) if the new year already exists. Returns the new ``SchoolYear``.
    """
    with roles_synced_once():
        return _copy_year(source, name, start_date, end_date, make_current, user)


def _copy_year(source, name, start_date, end_date, make_current, user):
    name = name or _next_name(source)
    if SchoolYear.objects.filter(name=name).exists():
        raise ValidationError(f"Năm học {name} đã có; không sao chép chồng lên.")
    start_date = start_date or date(int(name[:4]), 8, 1)
    end_date = end_date or date(int(name[:4]) + 1, 5, 31)
    new_year = SchoolYear(name=name, start_date=start_date, end_date=end_date, is_current=False)
    new_year.full_clean()
    new_year.save()

    for old in Department.objects.filter(school_year=source).prefetch_related("sections", "memberships"):
        department = Department.objects.create(
            school_year=new_year, name=old.name, kind=old.kind, head=old.head
        )
        department.sections.set(old.sections.all())
        for membership in old.memberships.all():
            DepartmentMembership.objects.create(department=department, user_id=membership.user_id)

    old_classes = {c.name: c for c in SchoolClass.objects.filter(school_year=source)}
    new_classes = {}
    for old in old_classes.values():
        new_classes[old.name] = SchoolClass.objects.create(
            school_year=new_year, grade=old.grade, name=old.name, homeroom_teacher=old.homeroom_teacher
        )
    for membership in ClassMembership.objects.filter(school_year=source).select_related("school_class"):
        target = new_classes.get(_promoted(membership.school_class.name) or "")
        if target is not None:
            ClassMembership.objects.create(school_class=target, user_id=membership.user_id)

    for old in Union.objects.filter(school_year=source).prefetch_related("memberships"):
        union = Union.objects.create(
            school_year=new_year, kind=old.kind, name=old.name, leader=old.leader, section=old.section
        )
        for membership in old.memberships.all():
            UnionMembership.objects.create(union=union, user_id=membership.user_id)

    old_board = EditorialBoard.objects.filter(school_year=source).first()
    if old_board is not None:
        board = EditorialBoard.objects.create(school_year=new_year)
        for membership in old_board.memberships.all().order_by("pk"):
            BoardMembership.objects.create(
                board=board, user_id=membership.user_id, role=membership.role, duties=membership.duties
            )

    log(new_year, "editorial.school_year_copied", user=user, data={"from": source.name, "to": new_year.name})
    if make_current:
        new_year.is_current = True
        new_year.save(update_fields=["is_current"])  # the signal re-derives everyone's roles
    return new_year


def make_current(year, user=None):
    """Make ``year`` the current school year; everyone's roles follow its structure."""
    if not year.is_current:
        year.is_current = True
        year.save(update_fields=["is_current"])
        log(year, "editorial.school_year_made_current", user=user)  # the save signal re-derives roles
