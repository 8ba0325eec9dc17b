"""The principal's approval of documents, notices and the work schedule (Điều 13.3): one workflow for all.

Groups are looked up by name only (editorial.roles owns the role groups); missing ones are created so
that a fresh database works. Idempotent: a second run changes nothing.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PRINCIPAL_GROUP = "Hiệu trưởng"
PORTAL_ADMIN_GROUP = "Quản trị cổng TTĐT"
OFFICE_GROUP = "Văn thư"
NURSE_GROUP = "Nhân viên y tế"

WORKFLOW_NAME = "Duyệt văn bản, thông báo"
TASK_NAME = "Hiệu trưởng duyệt văn bản, thông báo"

DOCUMENTS_SLUG = "van-ban"
NOTICES_SLUG = "thong-bao"
SCHEDULE_SLUG = "lich-cong-tac"

# Who may write (add/change, never publish) under which index page.
WRITERS = {
    DOCUMENTS_SLUG: {
        PORTAL_ADMIN_GROUP: ("add_page", "change_page"),
        OFFICE_GROUP: ("add_page", "change_page"),
    },
    NOTICES_SLUG: {PORTAL_ADMIN_GROUP: ("add_page", "change_page"), NURSE_GROUP: ("add_page",)},
    # Lịch công tác tuần (issue 16): the office writes it, the principal approves every version.
    SCHEDULE_SLUG: {
        PORTAL_ADMIN_GROUP: ("add_page", "change_page"),
        OFFICE_GROUP: ("add_page", "change_page"),
    },
}
PRINCIPAL_PAGE_PERMS = ("add_page", "change_page", "publish_page")


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(name):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    return group


def _grant_page(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_perm("wagtailcore", codename)
        )


def _grant_documents(group):
    root = Collection.get_first_root_node()
    for codename in ("add_document", "choose_document"):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_perm("wagtaildocs", codename)
        )


@transaction.atomic
def ensure_principal_approval(index_pages):
    """Attach the workflow "Duyệt văn bản, thông báo" (principal's group approval) to ``index_pages``.

    Also grants writers (portal administrator, office, nurse) add/change rights on the index pages they
    work in and the principal add/change/publish; returns the workflow.
    """
    principal = _group(PRINCIPAL_GROUP)
    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    if list(task.groups.all()) != [principal]:
        task.groups.set([principal])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    # The register's issuing bodies (Bộ GD&ĐT, Phòng GD&ĐT…) are kept by the principal and the writers.
    issuer_perms = [_perm("documents", f"{action}_issuer") for action in ("add", "change", "view")]
    principal.permissions.add(*issuer_perms)
    for page in index_pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        _grant_page(principal, page, PRINCIPAL_PAGE_PERMS)
        for group_name, codenames in WRITERS.get(page.slug, {}).items():
            group = _group(group_name)
            _grant_page(group, page, codenames)
            _grant_documents(group)
            if page.slug == DOCUMENTS_SLUG:
                group.permissions.add(*issuer_perms)
    return workflow
