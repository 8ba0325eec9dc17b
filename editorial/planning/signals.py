"""Keep assignment statuses in step with the article's moderation (no manual step for the writer).

- Submitted (or resubmitted) for moderation → "Đã nộp" (and, if the article is not linked yet, link it
  to the submitter's only open assignment in that section).
- Returned by a reviewer → "Bị trả lại". Published → "Đã đăng".
"""

from wagtail.models import Page, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_rejected, workflow_submitted

from .models import OPEN_STATUSES, Assignment, AssignmentStatus


def _page_of(workflow_state):
    obj = workflow_state.content_object
    return obj if isinstance(obj, Page) else None


def on_submitted(sender, instance, user=None, **kwargs):
    page = _page_of(instance)
    if page is None:
        return
    linked = Assignment.objects.filter(article=page)
    if not linked.exists() and user is not None:
        parent = page.get_parent()
        candidates = list(
            Assignment.objects.filter(
                assignee=user, section_id=parent.pk, status__in=OPEN_STATUSES, article__isnull=True
            )[:2]
        )
        if len(candidates) == 1:
            Assignment.objects.filter(pk=candidates[0].pk).update(article=page)
    linked.exclude(status=AssignmentStatus.PUBLISHED).update(status=AssignmentStatus.SUBMITTED)


def on_stage_started(sender, instance, **kwargs):
    """A stage started (also after a returned article is resubmitted): the assignment is submitted again."""
    page = _page_of(instance.workflow_state)
    if page is not None:
        Assignment.objects.filter(article=page, status=AssignmentStatus.RETURNED).update(
            status=AssignmentStatus.SUBMITTED
        )


def on_rejected(sender, instance, user=None, **kwargs):
    page = _page_of(instance)
    if page is not None:
        Assignment.objects.filter(article=page).exclude(status=AssignmentStatus.PUBLISHED).update(
            status=AssignmentStatus.RETURNED
        )


def on_published(sender, instance, **kwargs):
    Assignment.objects.filter(article_id=instance.pk).update(status=AssignmentStatus.PUBLISHED)


def connect():
    workflow_submitted.connect(on_submitted, sender=WorkflowState, dispatch_uid="planning_submitted")
    task_submitted.connect(on_stage_started, dispatch_uid="planning_stage_started")
    workflow_rejected.connect(on_rejected, sender=WorkflowState, dispatch_uid="planning_rejected")
    page_published.connect(on_published, dispatch_uid="planning_published")
