"""Roles as Wagtail groups and the moderation workflow, created or repaired idempotently.

This is the first cut used by the demo path (teacher writes → principal approves). The school
structure (departments, classes, unions) refines who writes where.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PRINCIPAL = "Hiệu trưởng"
TEACHERS = "Giáo viên"

# section slug → groups that may write there (without publishing)
WRITERS_BY_SECTION = {
    "hoat-dong-chuyen-mon": [TEACHERS],
}

WORKFLOW_NAME = "Duyệt bài viết"
PRINCIPAL_TASK = "Hiệu trưởng phê duyệt"


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(name):
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.add(_perm("wagtailadmin", "access_admin"))
    return group


def _grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_perm("wagtailcore", codename)
        )


def _grant_images(group, codenames=("add_image", "choose_image")):
    root = Collection.get_first_root_node()
    for codename in codenames:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=_perm("wagtailimages", codename)
        )


@transaction.atomic
def setup_roles(home_page):
    """Create or repair the role groups, their permissions and the approval workflow under ``home_page``."""
    principal = _group(PRINCIPAL)
    _grant_pages(
        principal, home_page, ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
    )
    _grant_images(principal, ("add_image", "choose_image", "change_image"))

    teachers = _group(TEACHERS)
    _grant_images(teachers)
    for slug, group_names in WRITERS_BY_SECTION.items():
        section = Page.objects.child_of(home_page).filter(slug=slug).first()
        if section is None:
            continue
        for name in group_names:
            _grant_pages(_group(name), section, ["add_page", "change_page"])

    task, _ = GroupApprovalTask.objects.get_or_create(name=PRINCIPAL_TASK)
    task.groups.set([principal])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home_page, defaults={"workflow": workflow})
    return {"principal": principal, "teachers": teachers, "workflow": workflow}
