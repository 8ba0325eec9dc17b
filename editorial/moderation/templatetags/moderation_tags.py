"""Template tags of the moderation lists."""

from collections import defaultdict

from django import template
from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowTask

register = template.Library()


@register.simple_tag
def load_task_statuses(workflow_states):
    """Give each workflow state of a listing ``tasks_with_status``: what ``all_tasks_with_status()`` returns
    (the workflow's tasks in order, each with ``status`` and ``status_display``), for the whole page of rows
    in two queries instead of one per row (Wagtail's "Workflows" report, issue 15 item 4). Returns "".

    The status of a task is that of its newest task state in the workflow state (Wagtail's rule); with
    ``WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT`` on, only the current revision's task states count, so
    Wagtail's own method is used then.
    """
    states = list(workflow_states)
    if getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
        for state in states:
            state.tasks_with_status = state.all_tasks_with_status()
        return ""
    tasks = defaultdict(list)
    for link in (
        WorkflowTask.objects.filter(workflow_id__in={s.workflow_id for s in states})
        .select_related("task")
        .order_by("workflow_id", "sort_order")
    ):
        tasks[link.workflow_id].append(link.task)
    newest = {}
    for task_state in (
        TaskState.objects.filter(workflow_state_id__in=[s.pk for s in states])
        .order_by("started_at", "id")
        .values("workflow_state_id", "task_id", "status")
    ):
        newest[task_state["workflow_state_id"], task_state["task_id"]] = task_state["status"]
    labels = dict(TaskState.STATUS_CHOICES)
    for state in states:
        rows = []
        for task in tasks[state.workflow_id]:
            status = newest.get((state.pk, task.pk))
            rows.append(
                {"name": task.name, "status": status, "status_display": labels.get(status, _("Not started"))}
            )
        state.tasks_with_status = rows
    return ""
