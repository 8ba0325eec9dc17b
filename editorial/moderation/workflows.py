"""The school's moderation workflows, one per section, created or repaired by ``setup_workflows()``.

Routes (Quy chế 39/QC-THNK): professional news → head of the author's department → vice principal →
principal; union news → union leader → principal; student writing → homeroom teacher → department head →
principal; school news → vice principal → principal; notices and documents → principal; any other page
under the home page → principal. The same function sets them up in tests, the demo and production
(``setup_school``); workflows and tasks are found by key (``WorkflowKey``), never by display name, and the
board stages' groups by role key (``editorial.roles.role_group``).

Workflows stay editable in Wagtail's workflow admin: a later run keeps a school's own task order and only
repairs what is missing or broken (task types, the groups of the board stages, activation, attachment to the
section). ``reset=True`` puts the standard route back.
"""

from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from cms.core.school_pages import SectionKey, school_page
from editorial.roles import role_group

from .models import BoardApprovalTask, DepartmentHeadTask, HomeroomTeacherTask, UnionLeaderTask, WorkflowKey

DEPARTMENT_HEAD = "to_truong"
HOMEROOM = "gv_chu_nhiem"
UNION_LEADER = "doan_the"
VICE_PRINCIPAL = "pho_hieu_truong"
PRINCIPAL = "hieu_truong"

# key → (task model, task name shown in the admin, board role for group stages)
TASKS = {
    DEPARTMENT_HEAD: (DepartmentHeadTask, "Tổ trưởng thẩm định", None),
    HOMEROOM: (HomeroomTeacherTask, "Giáo viên chủ nhiệm duyệt", None),
    UNION_LEADER: (UnionLeaderTask, "Lãnh đạo đoàn thể duyệt", None),
    VICE_PRINCIPAL: (BoardApprovalTask, "Phó hiệu trưởng duyệt", "pho_hieu_truong"),
    PRINCIPAL: (BoardApprovalTask, "Hiệu trưởng duyệt và cho đăng", "hieu_truong"),
}

# Index pages of other apps: attached only if they exist and have no active workflow of their own.
INDEXES = {"thong_bao", "van_ban", "schedule", "albums"}

# page key (cms.core.school_pages: a section or an index page) → (workflow name, stages)
ROUTES = {
    SectionKey.PROFESSIONAL.value: (
        "Duyệt bài Hoạt động chuyên môn",
        [DEPARTMENT_HEAD, VICE_PRINCIPAL, PRINCIPAL],
    ),
    SectionKey.UNIONS.value: ("Duyệt bài Hoạt động Đội – Công đoàn", [UNION_LEADER, PRINCIPAL]),
    SectionKey.STUDENTS.value: ("Duyệt bài Góc học sinh", [HOMEROOM, DEPARTMENT_HEAD, PRINCIPAL]),
    SectionKey.NEWS.value: ("Duyệt bài Tin tức – Sự kiện", [VICE_PRINCIPAL, PRINCIPAL]),
    "thong_bao": ("Duyệt thông báo", [PRINCIPAL]),
    "van_ban": ("Duyệt văn bản", [PRINCIPAL]),
    # Lịch công tác tuần: every version approved by the principal; photo albums follow the news route.
    "schedule": ("Duyệt lịch công tác", [PRINCIPAL]),
    "albums": ("Duyệt thư viện ảnh", [VICE_PRINCIPAL, PRINCIPAL]),
}
# Snippets shown on public pages whose edits wait for the principal (DraftStateMixin + WorkflowMixin, see
# docs/decisions/0011): model label → workflow name. Wagtail's own group approval task serves snippets.
SNIPPET_ROUTES = {
    "documents.issuer": "Duyệt cơ quan ban hành",
    # Name, logo, address, contacts… shown in every page's header and footer, JSON-LD and feeds.
    "core.schoolsettings": "Duyệt thông tin nhà trường",
}
# Every other page under the home page (introduction, links, công khai…): the principal approves.
HOME_ROUTE = ("Duyệt trang khác của cổng", [PRINCIPAL])
# Workflows other set-ups attached before this one owned every route (a stock group task, found by name
# only here, to replace them): the old fallback on the home page and the documents/notices workflow.
LEGACY_NAMES = ("Duyệt bài viết", "Duyệt văn bản, thông báo")


def _keyed(key, model, name, field):
    """The object marked ``key``; else one named ``name`` (legacy) or a new one, then marked."""
    marker = WorkflowKey.objects.filter(key=key).select_related(field).first()
    if marker is not None and getattr(marker, f"{field}_id"):
        obj = getattr(marker, field)
        return obj.specific if hasattr(obj, "specific") and field == "task" else obj
    obj = model.objects.filter(name=name, school_key__isnull=True).first() if name else None
    if obj is not None and field == "task" and not isinstance(obj.specific, model):
        obj = None  # a stock task of the same name: leave it, make ours
    if obj is None:
        obj = model.objects.create(name=name)
    WorkflowKey.objects.update_or_create(key=key, defaults={field: obj})
    return obj


def ensure_tasks():
    """Create or repair the five task instances; returns ``{key: task}``."""
    tasks = {}
    for key, (model, name, role) in TASKS.items():
        task = _keyed(f"task:{key}", model, name, "task")
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        if role is not None:
            group = role_group(role)
            if set(task.groups.all()) != {group}:
                task.groups.set([group])
        tasks[key] = task
    return tasks


@transaction.atomic
def setup_workflows(home_page, reset=False):
    """Create or repair every section's workflow under ``home_page``; returns ``{page key: Workflow}``.

    Pages not there yet (the notices and documents indexes) are skipped; a later run attaches them. A page
    attached to a legacy workflow (see ``LEGACY_NAMES``) is moved to ours. Idempotent: a second run changes
    nothing. The key ``""`` is the home page's fallback route.
    """
    tasks = ensure_tasks()
    _grant_delegation_rights()
    workflows = {}
    # Pages are found by their key (cms.core.school_pages), never by slug: a renamed section keeps its route.
    routes = [(page_key, school_page(page_key), route) for page_key, route in ROUTES.items()]
    routes.append(("", home_page, HOME_ROUTE))
    for slug, page, (name, stages) in routes:
        if slug in INDEXES and page is None:
            continue  # not there yet: a later run attaches it
        key = f"route:{slug}"
        workflow = _keyed(key, Workflow, name, "workflow")
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        wanted = [tasks[key].pk for key in stages]
        current = list(workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True))
        if (reset or not current) and current != wanted:
            workflow.workflow_tasks.all().delete()
            for order, task_id in enumerate(wanted):
                WorkflowTask.objects.create(workflow=workflow, task_id=task_id, sort_order=order)
        workflows[slug] = workflow
        if page is not None:
            link = WorkflowPage.objects.filter(page=page).select_related("workflow").first()
            if link is None:
                WorkflowPage.objects.create(page=page, workflow=workflow)
            elif link.workflow_id != workflow.pk and (
                reset or not link.workflow.active or _legacy(link.workflow)
            ):
                link.workflow = workflow
                link.save(update_fields=["workflow"])
    setup_snippet_workflows()
    return workflows


def setup_snippet_workflows():
    """Attach each of ``SNIPPET_ROUTES`` to a keyed workflow whose one stage is the principal's role group.

    Models of apps not installed are skipped. Idempotent.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import GroupApprovalTask, WorkflowContentType

    task = _keyed("task:snippet_principal", GroupApprovalTask, "Hiệu trưởng duyệt (danh mục)", "task")
    principal = role_group(PRINCIPAL)
    if set(task.groups.all()) != {principal}:
        task.groups.set([principal])
    for label, name in SNIPPET_ROUTES.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        workflow = _keyed(f"snippet:{label}", Workflow, name, "workflow")
        if not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        if not workflow.workflow_tasks.exists():
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        WorkflowContentType.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(model), defaults={"workflow": workflow}
        )


def _grant_delegation_rights():
    """The principal's role group manages "Uỷ quyền duyệt" (delegations of final approval)."""
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(
        content_type__app_label="moderation",
        codename__in=["add_delegation", "change_delegation", "delete_delegation", "view_delegation"],
    )
    role_group("hieu_truong").permissions.add(*perms)


def _legacy(workflow):
    """A workflow made before keys by another app's set-up (documents/notices, the old fallback)."""
    return not hasattr(workflow, "school_key") and workflow.name in LEGACY_NAMES
