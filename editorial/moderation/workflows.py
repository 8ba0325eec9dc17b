"""The school's moderation workflows, one per section, created or repaired by ``setup_workflows()``.

Routes (Quy chế 39/QC-THNK): professional news → head of the author's department → vice principal →
principal; union news → union leader → principal; student writing → homeroom teacher → department head →
principal; school news → vice principal → principal; notices and documents → principal.

Workflows stay editable in Wagtail's workflow admin: a later run keeps a school's own task order and only
repairs what is missing or broken (task types, the groups of the board stages, activation, attachment to the
section). ``reset=True`` puts the standard route back.
"""

from django.db import transaction
from wagtail.models import Workflow, WorkflowPage, WorkflowTask

from cms.core.school_pages import SectionKey, school_page

from .models import BoardApprovalTask, DepartmentHeadTask, HomeroomTeacherTask, UnionLeaderTask
from .reviewers import PRINCIPAL_ROLE, VICE_PRINCIPAL_ROLE, role_group

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
    VICE_PRINCIPAL: (BoardApprovalTask, "Phó hiệu trưởng duyệt", VICE_PRINCIPAL_ROLE),
    PRINCIPAL: (BoardApprovalTask, "Hiệu trưởng duyệt và cho đăng", PRINCIPAL_ROLE),
}

# Index pages of other apps: attached only if they exist and have no active workflow of their own.
INDEXES = {"thong_bao", "van_ban"}

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
}


def ensure_tasks():
    """Create or repair the five task instances; returns ``{key: task}``."""
    tasks = {}
    for key, (model, name, role) in TASKS.items():
        task = model.objects.filter(name=name).first()
        if task is None:
            task = model.objects.create(name=name)
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
    """Create or repair every section's workflow; returns ``{page key: Workflow}``.

    Pages are found by their key (``cms.core.school_pages.school_page``): a renamed section keeps its route;
    ``home_page`` is kept for callers and unused.

    Pages not there yet (the notices and documents indexes) are skipped; a later run attaches them. An index
    that its own app already put under an active (principal's) workflow keeps it.
    Idempotent: a second run changes nothing.
    """
    tasks = ensure_tasks()
    workflows = {}
    for key, (name, stages) in ROUTES.items():
        page = school_page(key)
        if key in INDEXES and (page is None or _has_other_workflow(page, name)):
            continue  # not there yet, or already under the principal's approval set up by its own app
        workflow = Workflow.objects.filter(name=name).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=name, active=True)
        elif not workflow.active:
            workflow.active = True
            workflow.save(update_fields=["active"])
        wanted = [tasks[key].pk for key in stages]
        current = list(workflow.workflow_tasks.order_by("sort_order").values_list("task_id", flat=True))
        if (reset or not current) and current != wanted:
            workflow.workflow_tasks.all().delete()
            for order, task_id in enumerate(wanted):
                WorkflowTask.objects.create(workflow=workflow, task_id=task_id, sort_order=order)
        workflows[key] = workflow
        if page is not None:
            link = WorkflowPage.objects.filter(page=page).select_related("workflow").first()
            if link is None:
                WorkflowPage.objects.create(page=page, workflow=workflow)
            elif link.workflow_id != workflow.pk and (reset or not link.workflow.active):
                link.workflow = workflow
                link.save(update_fields=["workflow"])
    return workflows


def _has_other_workflow(page, name):
    """Whether ``page`` already has an active workflow other than ours (e.g. the documents app's)."""
    return WorkflowPage.objects.filter(page=page, workflow__active=True).exclude(workflow__name=name).exists()
