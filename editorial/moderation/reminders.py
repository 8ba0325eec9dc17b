"""Reminders to reviewers (clarification #8): an item that waited more than N working days is mailed again.

``MODERATION_REMINDER_WORKING_DAYS`` (setting, default 3): working days are Monday–Friday in Vietnam time
(Asia/Ho_Chi_Minh). A stage is reminded at most once per N working days (``ReviewTaskState.reminded_at``).
Run by the scheduler's ``register_periodic_jobs`` hook (``cms.publishing.scheduler.tick``).
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState

from .models import ReviewTaskState
from .notifications import _send, admin_url, stage_reviewers

DEFAULT_WORKING_DAYS = 3


def working_days_between(start, end):
    """Whole working days (Mon–Fri, Vietnam dates) after ``start``'s date up to ``end``'s date."""
    day = timezone.localtime(start).date()
    last = timezone.localtime(end).date()
    count = 0
    while day < last:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count


def send_reminders(now=None):
    """Mail the reviewers of every stage waiting more than N working days; returns how many were mailed."""
    now = now or timezone.now()
    limit = getattr(settings, "MODERATION_REMINDER_WORKING_DAYS", DEFAULT_WORKING_DAYS)
    sent = 0
    waiting = ReviewTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, workflow_state__status=WorkflowState.STATUS_IN_PROGRESS
    ).select_related("task", "author", "reviewer")
    for state in waiting:
        since = state.reminded_at or state.started_at
        if working_days_between(since, now) <= limit:
            continue
        obj = state.workflow_state.content_object
        title = getattr(obj, "draft_title", None) or str(obj)
        days = working_days_between(state.started_at, now)
        body = (
            f"Kính gửi thầy/cô,\n\nBài “{title}” đã chờ thầy/cô duyệt ở bước “{state.task.name}” "
            f"{days} ngày làm việc.\n\nMở bài để duyệt: {admin_url(obj)}\n"
        )
        _send(stage_reviewers(state), f"Nhắc duyệt: {title}", body)
        state.reminded_at = now
        state.save(update_fields=["reminded_at"])
        sent += 1
    return sent
