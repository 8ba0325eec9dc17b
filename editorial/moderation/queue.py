"""The two dashboard lists, each a constant number of queries however many items wait.

``awaiting_review(user)``: stages waiting for ``user`` (computed reviewer, or member of a board stage's
groups), never their own work. ``my_submissions(user)``: the latest moderation round of each item the
user wrote or submitted, with its stage and status.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, TaskState, WorkflowState

from .access import full_name
from .delegation import PRINCIPAL_KEY, active_delegation
from .models import BoardApprovalTask

STATUS_LABELS = {
    WorkflowState.STATUS_IN_PROGRESS: "Đang chờ duyệt",
    WorkflowState.STATUS_NEEDS_CHANGES: "Bị trả lại – cần sửa",
    WorkflowState.STATUS_APPROVED: "Đã duyệt",
    WorkflowState.STATUS_CANCELLED: "Đã huỷ",
}


def waiting_text(delta):
    """A waiting time in Vietnamese: "3 ngày 2 giờ", "5 giờ 10 phút", "dưới 1 phút"."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} ngày {hours} giờ" if hours else f"{days} ngày"
    if hours:
        return f"{hours} giờ {minutes} phút" if minutes else f"{hours} giờ"
    return f"{minutes} phút" if minutes else "dưới 1 phút"


def awaiting_review_queryset(user):
    """Every in-progress stage ``user`` may act on (one SQL query when evaluated).

    Our stages (computed reviewer or board groups) and stages of Wagtail's stock group approval tasks that
    other apps may still use; never an item the user wrote or submitted.
    """
    groups = user.groups.all()
    board_tasks = BoardApprovalTask.objects.filter(groups__in=groups).values("pk")
    if active_delegation(user) is not None:  # the principal's stages too, while the delegation runs
        board_tasks = BoardApprovalTask.objects.filter(
            Q(groups__in=groups) | Q(groups__school_role__key=PRINCIPAL_KEY)
        ).values("pk")
    stock_tasks = GroupApprovalTask.objects.filter(groups__in=groups).values("pk")
    return (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS, workflow_state__status=WorkflowState.STATUS_IN_PROGRESS
        )
        .filter(
            Q(reviewtaskstate__reviewer=user)
            | Q(reviewtaskstate__reviewer__isnull=True, task_id__in=board_tasks)
            | Q(task_id__in=stock_tasks)
        )
        .exclude(reviewtaskstate__author=user)
        .exclude(workflow_state__requested_by=user)
    )


def _pages_by_id(object_ids):
    ids = [int(pk) for pk in object_ids if str(pk).isdigit()]
    return {str(page.pk): page for page in Page.objects.filter(pk__in=ids).only("id", "title", "draft_title")}


def awaiting_review(user, limit=50):
    """``(rows, total)``: the ``limit`` longest-waiting stages for ``user`` and how many there are."""
    queryset = awaiting_review_queryset(user)
    total = queryset.count()
    states = list(
        queryset.select_related("task", "workflow_state__requested_by", "reviewtaskstate__author").order_by(
            "started_at", "pk"
        )[:limit]
    )
    pages = _pages_by_id(state.workflow_state.object_id for state in states)
    now = timezone.now()
    delegation = active_delegation(user)
    delegated_ids = set()
    if delegation is not None:  # the principal's stages this user sees only through the delegation
        own = BoardApprovalTask.objects.filter(groups__in=user.groups.all()).values("pk")
        delegated_ids = set(
            BoardApprovalTask.objects.filter(groups__school_role__key=PRINCIPAL_KEY)
            .exclude(pk__in=own)
            .values_list("pk", flat=True)
        )
    rows = []
    for state in states:
        page = pages.get(state.workflow_state.object_id)
        if page is None:
            continue
        rows.append(
            {
                "page": page,
                "state": state,
                "stage": state.task.name,
                "delegated": (
                    f"Hiệu trưởng uỷ quyền đến hết {delegation.end_date:%d/%m/%Y}"
                    if state.task_id in delegated_ids
                    else ""
                ),
                "author": full_name(_author(state)),
                "waiting": waiting_text(now - state.started_at),
            }
        )
    return rows, total


def _author(state):
    review = getattr(state, "reviewtaskstate", None)
    return (review.author if review is not None else None) or state.workflow_state.requested_by


def my_submissions(user, limit=20):
    """The latest moderation round of each of ``user``'s items (newest first)."""
    page_type = ContentType.objects.get_for_model(Page)
    owned = Page.objects.filter(owner=user).annotate(str_id=Cast("id", CharField())).values("str_id")
    states = list(
        WorkflowState.objects.filter(base_content_type=page_type)
        .filter(Q(requested_by=user) | Q(object_id__in=owned))
        .select_related("current_task_state__task")
        .order_by("-created_at", "-pk")[: limit * 3]
    )
    latest = {}
    for state in states:
        latest.setdefault(state.object_id, state)
    pages = _pages_by_id(latest)
    rows = []
    for object_id, state in list(latest.items())[:limit]:
        page = pages.get(object_id)
        if page is None:
            continue
        task_state = state.current_task_state
        status = STATUS_LABELS.get(state.status, state.status)
        reason = ""
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES and task_state is not None:
            reason = task_state.comment
        rows.append(
            {
                "page": page,
                "workflow_state": state,
                "stage": task_state.task.name if task_state and state.is_active else "",
                "status": status,
                "reason": reason,
                "since": task_state.started_at if task_state else state.created_at,
            }
        )
    return rows
