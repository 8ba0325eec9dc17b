"""School roles as Wagtail groups, derived from the school structure of the current year.

Two kinds of groups, all marked with a ``RoleGroup`` key so code never depends on display names:

- **Role groups** (``ROLES``): one per position or structural role (Hiệu trưởng, Giáo viên, Ban biên tập …)
  with their model, collection and page permissions.
- **Writer groups** (``writer:<slug>``, "Viết bài: <section title>"): ``add_page`` on one news section.
  Who is in which writer group follows from the structure (``sections_for``), so moving a teacher from Tổ 1
  to Tổ 2 changes the sections they may write in as soon as the membership is saved.

``setup_roles(home_page)`` creates or repairs every group and its permissions (extra permissions on a role
group are removed); ``sync_user_roles(user)`` puts one person in exactly the role groups their position and
memberships call for (other, unmanaged groups are left alone). Both are idempotent and audit-logged.
Nobody gets ``is_superuser`` or the ``auth`` permissions that would let them edit users or groups directly.
"""

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

from cms.core.models import PageKey
from cms.core.school_pages import SectionKey, school_page

from .class_images import CLASS_PREFIX, class_image_group, class_keys_for
from .models import (
    BoardMembership,
    ClassMembership,
    Department,
    DepartmentMembership,
    Position,
    RoleGroup,
    SchoolClass,
    SchoolYear,
    Union,
    UnionMembership,
)

# Sections and index pages are found by their page key (cms.core.school_pages), never by slug or title:
# a school may rename both. ``setup_school`` gives the pages these keys.
NEWS = SectionKey.NEWS.value
PROFESSIONAL = SectionKey.PROFESSIONAL.value
UNIONS = SectionKey.UNIONS.value
STUDENTS = SectionKey.STUDENTS.value
DOCUMENTS_INDEX = "van_ban"
NOTICES_INDEX = "thong_bao"
SCHEDULE_INDEX = "schedule"  # Lịch công tác tuần (cms.schedule): the office writes, the principal approves
ALBUMS_INDEX = "albums"  # Thư viện ảnh (cms.albums): the news section's writers add albums
INDEX_KEYS = [DOCUMENTS_INDEX, NOTICES_INDEX, SCHEDULE_INDEX, ALBUMS_INDEX]

WRITER_PREFIX = "writer:"
# Apps whose permissions the role table owns (a repair removes extra ones on a role group). Content apps
# such as documents or notices grant their own model permissions in their own set-up; those are left alone.
OWNED_APPS = {
    "auth",
    "contenttypes",
    "sessions",
    "admin",
    "core",
    "editorial",
    "news",
    "home",
    "wagtailcore",
    "wagtailadmin",
    "wagtailusers",
    "wagtailsites",
    "wagtailredirects",
    "wagtailforms",
    "wagtailsearch",
    "wagtailembeds",
    "wagtailimages",
    "wagtaildocs",
    "taggit",
    "library",
}
WRITER_GROUP_NAME = "Viết bài: {title}"

ADMIN = ("wagtailadmin", "access_admin")
IMAGES_WRITE = ("add_image", "choose_image")
STRUCTURE_MODELS = ("schoolyear", "department", "schoolclass", "union", "editorialboard")


@dataclass(frozen=True)
class Role:
    """One role group: its key, display name and permissions.

    ``pages`` maps a page key (``cms.core.school_pages``; "" = the home page) to page permission codenames;
    pages that do not exist yet are skipped and granted by a later ``setup_school`` run.
    """

    key: str
    name: str
    description: str
    model_perms: tuple = ()
    images: tuple = IMAGES_WRITE
    documents: tuple = ()
    pages: dict = field(default_factory=dict)


def _library_perms():
    # The librarian's section "Thư viện" (cms.library): catalogue, copies, readers, material, the desk.
    models = ("bibliographicrecord", "copy", "reader", "learningmaterial")
    perms = tuple(("library", f"{a}_{m}") for m in models for a in ("add", "change", "delete", "view"))
    return perms + (("library", "view_loan"), ("library", "lend_copy"), ("library", "import_records"))


# A vice principal or the principal makes learning material public (Điều 4.7, 4.13).
LIBRARY_APPROVE = (("library", "approve_public_material"), ("library", "view_learningmaterial"))


def _structure_perms():
    # School years and boards are history: they can be added and corrected, never deleted from the admin.
    return tuple(
        ("editorial", f"{action}_{model}")
        for model in STRUCTURE_MODELS
        for action in ("add", "change", "delete", "view")
        if not (action == "delete" and model in ("schoolyear", "editorialboard"))
    )


# The school's settings reach every public page: the office and the portal administrator propose a change
# (a draft sent to the principal), only the principal publishes
# (docs/decisions/0011-school-settings-approval.md).
SCHOOL_SETTINGS_PROPOSE = (("core", "change_schoolsettings"),)
SCHOOL_SETTINGS_APPROVE = SCHOOL_SETTINGS_PROPOSE + (("core", "publish_schoolsettings"),)

ROLES = [
    Role(
        "hieu_truong",
        "Hiệu trưởng",
        "Trưởng ban biên tập; quản lý tài khoản, cơ cấu tổ/lớp/đoàn thể; duyệt cuối và xuất bản.",
        model_perms=(("editorial", "manage_accounts"),)
        + SCHOOL_SETTINGS_APPROVE
        + _structure_perms()
        + LIBRARY_APPROVE,
        images=("add_image", "choose_image", "change_image"),
        documents=("add_document", "change_document", "choose_document"),
        pages={
            "": ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
            # Also held through the home page; kept explicit because cms.documents grants the same.
            DOCUMENTS_INDEX: ("add_page", "change_page", "publish_page"),
            NOTICES_INDEX: ("add_page", "change_page", "publish_page"),
            SCHEDULE_INDEX: ("add_page", "change_page", "publish_page"),
        },
    ),
    Role(
        "pho_hieu_truong",
        "Phó hiệu trưởng",
        "Viết và thẩm định bài chuyên môn, phong trào; duyệt công khai học liệu.",
        model_perms=LIBRARY_APPROVE,
    ),
    Role(
        "to_truong", "Tổ trưởng chuyên môn", "Thẩm định bài của tổ mình (lấy từ cơ cấu tổ năm học hiện tại)."
    ),
    Role("giao_vien", "Giáo viên", "Viết bài trong chuyên mục của tổ mình, gửi duyệt."),
    Role(
        "gv_chu_nhiem",
        "Giáo viên chủ nhiệm",
        "Hướng dẫn học sinh lớp mình viết bài Góc học sinh; xem sách quá hạn của lớp mình.",
        model_perms=(("library", "view_class_overdue"),),
    ),
    # Pupils' images: only their class's collection (editorial.class_images), never the root collection.
    Role("hoc_sinh", "Học sinh", "Viết bài trong Góc học sinh, gửi duyệt.", images=()),
    Role(
        "van_thu",
        "Văn thư",
        "Quản lý văn bản của nhà trường; đề nghị sửa thông tin nhà trường (Hiệu trưởng duyệt).",
        model_perms=SCHOOL_SETTINGS_PROPOSE,
        documents=("add_document", "change_document", "choose_document"),
        pages={DOCUMENTS_INDEX: ("add_page", "change_page"), SCHEDULE_INDEX: ("add_page", "change_page")},
    ),
    Role(
        "thu_thu",
        "Thủ thư",
        "Thư viện: biên mục, bản sách, bạn đọc, mượn/trả, học liệu, nhập/xuất.",
        model_perms=_library_perms(),
        documents=("add_document", "choose_document"),
    ),
    Role(
        "y_te",
        "Nhân viên y tế",
        "Thông báo tư vấn sức khoẻ cho cha mẹ học sinh (kèm tệp đính kèm).",
        documents=("add_document", "choose_document"),
        pages={NOTICES_INDEX: ("add_page",)},
    ),
    Role(
        "quan_tri",
        "Quản trị cổng TTĐT",
        "Thông báo, văn bản, thông tin nhà trường (Hiệu trưởng duyệt); không tự duyệt bài.",
        model_perms=SCHOOL_SETTINGS_PROPOSE,
        images=("add_image", "choose_image", "change_image"),
        documents=("add_document", "change_document", "choose_document"),
        pages={
            DOCUMENTS_INDEX: ("add_page", "change_page"),
            NOTICES_INDEX: ("add_page", "change_page"),
            SCHEDULE_INDEX: ("add_page", "change_page"),
        },
    ),
    Role(
        "ban_bien_tap",
        "Ban biên tập",
        "Thành viên Ban biên tập năm học hiện tại: người duyệt bài.",
        images=(),
    ),
]
ROLES_BY_KEY = {role.key: role for role in ROLES}

# Base role group by position.
POSITION_ROLE = {
    Position.PRINCIPAL: "hieu_truong",
    Position.VICE_PRINCIPAL: "pho_hieu_truong",
    Position.DEPARTMENT_HEAD: "giao_vien",
    Position.TEACHER: "giao_vien",
    Position.CLERK: "van_thu",
    Position.LIBRARIAN: "thu_thu",
    Position.NURSE: "y_te",
    Position.PORTAL_ADMIN: "quan_tri",
    Position.STUDENT: "hoc_sinh",
}

# Sections a position writes in regardless of department (the principal already edits everything).
POSITION_SECTIONS = {
    Position.VICE_PRINCIPAL: {NEWS, PROFESSIONAL, UNIONS},
    Position.PORTAL_ADMIN: {NEWS},
    Position.LIBRARIAN: {PROFESSIONAL},
    Position.NURSE: {NEWS},
    Position.STUDENT: {STUDENTS},
}


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _role_group(key, name):
    """Get or create the group marked with ``key`` (a renamed group keeps its key)."""
    marker = RoleGroup.objects.select_related("group").filter(key=key).first()
    if marker:
        return marker.group
    group, _ = Group.objects.get_or_create(name=name)
    RoleGroup.objects.create(key=key, group=group)
    return group


def _set_group_permissions(group, model_perms, collection_perms, page_perms, managed_pages):
    """Make the group's permissions in the scope this table owns exactly these; return the changes made.

    Owned scope: model permissions of ``OWNED_APPS``, permissions on the root collection, page permissions on
    ``managed_pages`` (home, sections, document and notice indexes). Permissions another app grants in its own
    scope (e.g. ``documents.add_issuer``, a library collection) are left alone, so its set-up and this one
    never undo each other.
    """
    changes = []
    wanted = {_perm(app, codename) for app, codename in model_perms}
    current = set(group.permissions.select_related("content_type"))
    extra = {p for p in current - wanted if p.content_type.app_label in OWNED_APPS}
    missing = wanted - current
    changes += [f"+ {p.content_type.app_label}.{p.codename}" for p in missing]
    changes += [f"- {p.content_type.app_label}.{p.codename}" for p in extra]
    if extra:
        group.permissions.remove(*extra)
    if missing:
        group.permissions.add(*missing)

    root = Collection.get_first_root_node()
    wanted_coll = {_perm(app, codename).pk for app, codename in collection_perms}
    for gcp in GroupCollectionPermission.objects.filter(group=group, collection=root).select_related(
        "permission"
    ):
        if gcp.permission_id not in wanted_coll:
            changes.append(f"- collection {gcp.permission.codename}")
            gcp.delete()
    for permission_id in sorted(wanted_coll):
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission_id=permission_id
        )
        if created:
            changes.append(f"+ collection {Permission.objects.get(pk=permission_id).codename}")

    wanted_pages = {(page.pk, _perm("wagtailcore", codename).pk) for page, codename in page_perms}
    managed_ids = {page.pk for page in managed_pages}
    owned = GroupPagePermission.objects.filter(group=group, page_id__in=managed_ids)
    for gpp in owned.select_related("permission", "page"):
        if (gpp.page_id, gpp.permission_id) not in wanted_pages:
            changes.append(f"- page {gpp.page.slug}: {gpp.permission.codename}")
            gpp.delete()
    for page_id, permission_id in sorted(wanted_pages):
        _, created = GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission_id=permission_id
        )
        if created:
            changes.append(f"+ page {page_id}: {Permission.objects.get(pk=permission_id).codename}")
    return changes


def _page_by_key(home_page, key):
    if key == "":
        return home_page
    return school_page(key)


def section_slugs(keys):
    """Current slugs of the sections with these keys (``SectionKey`` values); missing sections are skipped."""
    return set(PageKey.objects.filter(key__in=list(keys)).values_list("page__slug", flat=True))


def managed_pages(home_page):
    """Pages whose permissions the role table owns: the home page, its sections and the index pages."""
    indexes = Page.objects.filter(school_key__key__in=INDEX_KEYS)
    return [home_page, *section_pages(home_page), *indexes]


def section_pages(home_page):
    """The news sections directly under the home page (writer groups are made for each)."""
    from cms.news.models import SectionPage

    return list(SectionPage.objects.child_of(home_page).order_by("path"))


def writer_group(section):
    """Create or repair the "Viết bài: <section>" group: ``add_page`` on that section only.

    Writers get images on the root collection, except in the pupils' section, whose writers are pupils (their
    class's collection, editorial.class_images) and homeroom teachers (staff rights already).
    """
    group = _role_group(WRITER_PREFIX + section.slug, WRITER_GROUP_NAME.format(title=section.title))
    images = [("wagtailimages", c) for c in IMAGES_WRITE]
    if section.slug == STUDENTS or getattr(section, "is_student_corner", False):
        images = []
    pages = [(section, "add_page")]
    albums = school_page(ALBUMS_INDEX)
    if albums is not None and PageKey.objects.filter(page=section, key=SectionKey.NEWS).exists():
        pages.append((albums, "add_page"))  # photo albums go through the news route (clarification #14)
    changes = _set_group_permissions(
        group,
        (ADMIN,),
        images,
        pages,
        managed_pages(section.get_parent()),
    )
    if changes:
        log(group, "editorial.group_permissions_changed", data={"changes": changes})
    return group


@transaction.atomic
def setup_roles(home_page):
    """Create or repair every role and writer group and their permissions.

    Idempotent: a second run changes nothing and logs nothing. Returns ``{key: Group}``.
    """
    groups = {}
    managed = managed_pages(home_page)
    for role in ROLES:
        group = _role_group(role.key, role.name)
        page_perms = []
        for key, codenames in role.pages.items():
            page = _page_by_key(home_page, key)
            if page is not None:
                page_perms += [(page, codename) for codename in codenames]
        collection_perms = [("wagtailimages", c) for c in role.images] + [
            ("wagtaildocs", c) for c in role.documents
        ]
        changes = _set_group_permissions(
            group, (ADMIN,) + tuple(role.model_perms), collection_perms, page_perms, managed
        )
        if changes:
            log(group, "editorial.group_permissions_changed", data={"changes": changes})
        groups[role.key] = group

    for section in section_pages(home_page):
        groups[WRITER_PREFIX + section.slug] = writer_group(section)

    # The approval workflows (every section, documents, notices, the home page's fallback) are set up by
    # editorial.moderation.workflows.setup_workflows, called by setup_school and the demo seed.
    return groups


# --- From the structure to each person's groups ---------------------------------------------------------


def sections_for(user, year=None):
    """Slugs of the sections ``user`` writes in this year: from position, department, class and unions."""
    year = year if year is not None else SchoolYear.objects.current()
    profile = getattr(user, "staff_profile", None)
    slugs = section_slugs(POSITION_SECTIONS.get(profile.position, ())) if profile else set()
    if year is None:
        return slugs
    department_ids = set(
        DepartmentMembership.objects.filter(user=user, school_year=year).values_list(
            "department_id", flat=True
        )
    ) | set(Department.objects.filter(school_year=year, head=user).values_list("pk", flat=True))
    if department_ids:
        slugs |= set(
            Department.sections.through.objects.filter(department_id__in=department_ids).values_list(
                "sectionpage__slug", flat=True
            )
        )
    if (
        SchoolClass.objects.filter(school_year=year, homeroom_teacher=user).exists()
        or ClassMembership.objects.filter(school_year=year, user=user).exists()
    ):
        slugs |= section_slugs([STUDENTS])
    union_sections = Union.objects.filter(school_year=year, section__isnull=False).filter(
        pk__in=UnionMembership.objects.filter(user=user, school_year=year).values("union_id")
    ) | Union.objects.filter(school_year=year, section__isnull=False, leader=user)
    slugs |= set(union_sections.values_list("section__slug", flat=True))
    return slugs


def role_keys_for(user, year=None):
    """Every role key (role groups and writer groups) the structure gives ``user``."""
    if not user.is_active:
        return set()
    year = year if year is not None else SchoolYear.objects.current()
    profile = getattr(user, "staff_profile", None)
    keys = set()
    if profile is not None:
        keys.add(POSITION_ROLE[profile.position])
    if year is not None:
        if Department.objects.filter(school_year=year, head=user).exists():
            keys.add("to_truong")
        if SchoolClass.objects.filter(school_year=year, homeroom_teacher=user).exists():
            keys.add("gv_chu_nhiem")
        if BoardMembership.objects.filter(school_year=year, user=user).exists():
            keys.add("ban_bien_tap")
    keys |= {WRITER_PREFIX + slug for slug in sections_for(user, year)}
    keys |= class_keys_for(user, year)
    return keys


def sync_user_roles(user, actor=None):
    """Put ``user`` in exactly the school role groups the structure calls for; log any change.

    Returns ``(added, removed)`` group names. Unmanaged groups (no ``RoleGroup``) are kept. Deactivated
    accounts lose every school role.
    """
    user = get_user_model().objects.select_related("staff_profile").get(pk=user.pk) if user.pk else user
    markers = {marker.key: marker.group for marker in RoleGroup.objects.select_related("group")}
    keys = role_keys_for(user)
    for key in keys - markers.keys():
        # A section added since the last setup_school: make its writer group now, no manual step.
        if key.startswith(WRITER_PREFIX):
            from cms.news.models import SectionPage

            section = SectionPage.objects.filter(slug=key.removeprefix(WRITER_PREFIX)).first()
            if section is not None:
                markers[key] = writer_group(section)
        elif key.startswith(CLASS_PREFIX):
            school_class = SchoolClass.objects.filter(pk=key.removeprefix(CLASS_PREFIX)).first()
            if school_class is not None:
                markers[key] = class_image_group(school_class, _role_group)
    wanted = {markers[key] for key in keys if key in markers}
    current = set(user.groups.filter(school_role__isnull=False))
    added, removed = wanted - current, current - wanted
    if not added and not removed:
        return [], []
    with transaction.atomic():
        if added:
            user.groups.add(*added)
        if removed:
            user.groups.remove(*removed)
        data = {"added": sorted(g.name for g in added), "removed": sorted(g.name for g in removed)}
        log(user, "editorial.roles_changed", user=actor, data=data)
    return data["added"], data["removed"]


def sync_all_users(actor=None):
    """Re-derive everyone's role groups (after a change of the current school year or a repair)."""
    changed = 0
    for user in get_user_model().objects.order_by("pk"):
        added, removed = sync_user_roles(user, actor=actor)
        changed += bool(added or removed)
    return changed


_batch = threading.local()


@contextmanager
def roles_synced_once():
    """Collect structure changes made inside the block and re-derive each affected person's roles once at
    the end, so one admin save gives one audit entry per person (not one per membership row)."""
    if getattr(_batch, "user_ids", None) is not None:
        yield  # nested: the outer block syncs
        return
    _batch.user_ids = set()
    try:
        yield
        user_ids = _batch.user_ids
    finally:
        _batch.user_ids = None
    sync_users(user_ids)


def sync_users(user_ids):
    """Re-derive the roles of these people now, or at the end of the enclosing ``roles_synced_once``."""
    user_ids = {pk for pk in user_ids if pk}
    pending = getattr(_batch, "user_ids", None)
    if pending is not None:
        pending |= user_ids
        return
    for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
        sync_user_roles(user)


def role_group(key):
    """The Wagtail group of a school role by its stable key, e.g. ``role_group("pho_hieu_truong")``.

    For workflow tasks (issue 4) that approve by group; raises ``RoleGroup.DoesNotExist`` before setup_school.
    """
    return RoleGroup.objects.select_related("group").get(key=key).group
