"""Keep people's role groups in step with the school structure: no manual step after a membership change."""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import (
    BoardMembership,
    ClassMembership,
    Department,
    DepartmentMembership,
    EditorialBoard,
    SchoolClass,
    SchoolYear,
    StaffProfile,
    Union,
    UnionMembership,
)
from .roles import sync_all_users, sync_users

MEMBERSHIPS = (DepartmentMembership, ClassMembership, UnionMembership, BoardMembership, StaffProfile)
# Group models and the user fields on them whose change moves roles.
LEADER_FIELDS = {Department: "head_id", SchoolClass: "homeroom_teacher_id", Union: "leader_id"}
MEMBERS = {
    Department: (DepartmentMembership, "department"),
    SchoolClass: (ClassMembership, "school_class"),
    Union: (UnionMembership, "union"),
}


def _sync_ids(user_ids):
    sync_users(user_ids)


def _membership_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    _sync_ids([instance.user_id, getattr(instance, "_previous_user_id", None)])


def _remember_user(sender, instance, **kwargs):
    if instance.pk:
        instance._previous_user_id = (
            sender.objects.filter(pk=instance.pk).values_list("user_id", flat=True).first()
        )


for _model in MEMBERSHIPS:
    pre_save.connect(_remember_user, sender=_model, dispatch_uid=f"editorial-remember-{_model.__name__}")
    post_save.connect(_membership_changed, sender=_model, dispatch_uid=f"editorial-sync-{_model.__name__}")
    post_delete.connect(
        _membership_changed, sender=_model, dispatch_uid=f"editorial-unsync-{_model.__name__}"
    )


def _group_users(instance):
    """Everyone whose roles depend on this department, class or union (leader and members)."""
    ids = {getattr(instance, LEADER_FIELDS[type(instance)])}
    if instance.pk:
        membership_model, parent_field = MEMBERS[type(instance)]
        ids |= set(
            membership_model.objects.filter(**{parent_field: instance}).values_list("user_id", flat=True)
        )
    return ids


def _remember_leader(sender, instance, **kwargs):
    if instance.pk:
        instance._previous_leader_id = (
            sender.objects.filter(pk=instance.pk).values_list(LEADER_FIELDS[sender], flat=True).first()
        )


def _group_changed(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    _sync_ids(_group_users(instance) | {getattr(instance, "_previous_leader_id", None)})


def _group_deleted(sender, instance, **kwargs):
    _sync_ids({getattr(instance, LEADER_FIELDS[sender])})


for _model in LEADER_FIELDS:
    pre_save.connect(_remember_leader, sender=_model, dispatch_uid=f"editorial-leader-{_model.__name__}")
    post_save.connect(_group_changed, sender=_model, dispatch_uid=f"editorial-group-{_model.__name__}")
    post_delete.connect(_group_deleted, sender=_model, dispatch_uid=f"editorial-group-del-{_model.__name__}")


@receiver(m2m_changed, sender=Department.sections.through, dispatch_uid="editorial-department-sections")
def _department_sections_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Department):
        _sync_ids(_group_users(instance))


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="editorial-user-before")
def _remember_active(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and "is_active" not in update_fields:
        return  # e.g. the last_login update on every login
    instance._was_active = sender.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="editorial-user-after")
def _active_changed(sender, instance, created=False, raw=False, **kwargs):
    # Locking an account anywhere (this admin, Django admin, a script) drops its school roles at once.
    if not raw and not created and getattr(instance, "_was_active", None) not in (None, instance.is_active):
        sync_users([instance.pk])


@receiver(pre_save, sender=SchoolYear, dispatch_uid="editorial-year-before")
def _remember_current(sender, instance, **kwargs):
    previous = sender.objects.filter(pk=instance.pk).values_list("is_current", flat=True).first()
    instance._was_current = bool(previous)


@receiver(post_save, sender=SchoolYear, dispatch_uid="editorial-year-after")
def _current_year_changed(sender, instance, raw=False, **kwargs):
    # A different current year means a different structure: everyone's roles follow it.
    if not raw and instance.is_current != getattr(instance, "_was_current", False):
        sync_all_users()
        if instance.is_current:
            _rebuild_board_page()  # the page shows the current year's board


# --- Public pages that show the school structure follow it ---------------------------------------------


def _structure_build_marker():
    """No-op on-commit callback marking "the structure pages' rebuild is scheduled in this transaction"."""


def structure_pages():
    """Live pages whose model sets ``shows_school_structure = True`` (board page, organisation page…).

    Page apps declare this on their models, so the structure does not import the apps that display it.
    """
    from wagtail.models import get_page_models

    models = [m for m in get_page_models() if getattr(m, "shows_school_structure", False)]
    pages = []
    for model in models:
        pages += list(model.objects.live())
    return pages


def _rebuild_board_page():
    from cms.publishing.builder import schedule_build

    connection = transaction.get_connection()
    # One admin save touches a group and several members: look the pages up and schedule one build per
    # transaction, not one per saved row.
    if connection.in_atomic_block and any(
        entry[1] is _structure_build_marker for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_structure_build_marker)
    pages = structure_pages()
    if pages:
        schedule_build("Cơ cấu tổ chức, ban biên tập thay đổi", pages=pages)


def _board_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _rebuild_board_page()


for _model in (EditorialBoard, *MEMBERSHIPS, *MEMBERS):
    post_save.connect(_board_changed, sender=_model, dispatch_uid=f"editorial-board-page-{_model.__name__}")
    post_delete.connect(
        _board_changed, sender=_model, dispatch_uid=f"editorial-board-page-del-{_model.__name__}"
    )


@receiver(post_save, sender=StaffProfile, dispatch_uid="editorial-board-page-position")
def _board_member_position_changed(sender, instance, raw=False, **kwargs):
    # The page shows each member's position.
    if not raw and BoardMembership.objects.current().filter(user_id=instance.user_id).exists():
        _rebuild_board_page()


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="editorial-person-index")
def _person_index_follows_the_account(sender, instance, raw=False, **kwargs):
    """A renamed account is found and sorted by its new name (StaffProfile.search_folded, name_sort)."""
    if raw:
        return
    from .models.profiles import person_index

    search_folded, name_sort = person_index(instance)
    StaffProfile.objects.filter(user_id=instance.pk).update(search_folded=search_folded, name_sort=name_sort)
