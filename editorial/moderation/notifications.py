"""E-mails of moderation, in Vietnamese, with the admin link.

- A stage starts: the computed reviewer (or the members of the stage's groups, never the author).
- A stage is approved or rejected: the author and every earlier reviewer of this round, with the comment
  (Wagtail's own mails go only to the requester and leave the comment out, so they are switched off).
The backend comes from settings: console in development, locmem in tests, SMTP in production.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_approved, task_rejected, task_submitted, workflow_approved, workflow_rejected

from cms.core.vietnamese import format_date_short

from .access import full_name

SUBJECT_PREFIX = "[Cổng TTĐT] "


def admin_url(obj):
    """Absolute link to the item's edit page in the admin."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("wagtailadmin_pages:edit", args=(obj.pk,))


def _name(user):
    return full_name(user) if user else "(không rõ)"


def _title(state):
    obj = state.revision.as_object()
    return obj, getattr(obj, "title", str(obj))


def _send(recipients, subject, body):
    """Send one e-mail per recipient with an address, after the transaction commits."""
    addresses = sorted({user.email for user in recipients if user and user.is_active and user.email})
    if not addresses:
        return
    messages = [
        (SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses
    ]
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def stage_reviewers(state):
    """Who is told that ``state`` waits for them: the stored reviewer, or the groups' other members."""
    if state.reviewer_id:
        return [state.reviewer]
    task = state.task.specific
    groups = getattr(task, "groups", None)
    if groups is None:
        return []
    members = get_user_model().objects.filter(is_active=True, groups__in=groups.all()).distinct()
    if state.author_id:
        members = members.exclude(pk=state.author_id)
    return list(members)


def on_submitted(sender, instance, user=None, **kwargs):
    """Tell the reviewer(s) of a stage that just started."""
    state = instance
    if state.status != TaskState.STATUS_IN_PROGRESS:
        return
    obj, title = _title(state)
    body = (
        f"Kính gửi thầy/cô,\n\n"
        f"Bài “{title}” của {_name(state.author)} đang chờ thầy/cô duyệt ở bước “{state.task.name}”.\n"
        + (f"Ghi chú: {state.note}\n" if state.note else "")
        + f"\nMở bài để duyệt: {admin_url(obj)}\n\n"
        "Cổng thông tin điện tử Trường Tiểu học Nguyễn Khuyến"
    )
    _send(stage_reviewers(state), f"Chờ duyệt: {title}", body)


def _round_people(state, actor):
    """The author and every earlier reviewer of this workflow round, except the person acting now."""
    earlier = (
        TaskState.objects.filter(workflow_state=state.workflow_state, finished_by__isnull=False)
        .exclude(pk=state.pk)
        .select_related("finished_by")
    )
    people = {user.pk: user for user in (s.finished_by for s in earlier) if user}
    for user in (state.author, state.workflow_state.requested_by):
        if user is not None:
            people[user.pk] = user
    if actor is not None:
        people.pop(actor.pk, None)
    return list(people.values())


def on_approved(sender, instance, user=None, **kwargs):
    """Tell the author and earlier reviewers that a stage was approved, with the comment and what is next."""
    state = instance
    obj, title = _title(state)
    workflow_state = WorkflowState.objects.select_related("current_task_state__task").get(
        pk=state.workflow_state_id
    )
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        page = obj.__class__.objects.filter(pk=obj.pk).first() or obj
        if getattr(page, "live", False) and page.live_revision_id == state.revision_id:
            outcome = "Bài đã được duyệt xong và đăng trên cổng thông tin."
        elif getattr(page, "go_live_at", None):
            when = timezone.localtime(page.go_live_at)
            outcome = f"Bài đã được duyệt xong và sẽ tự đăng lúc {when:%H:%M} ngày {format_date_short(when)}."
        else:
            outcome = "Bài đã được duyệt xong."
        subject = f"Đã duyệt: {title}"
    else:
        next_state = workflow_state.current_task_state
        next_name = next_state.task.name if next_state else ""
        outcome = f"Bài chuyển sang bước tiếp theo: {next_name}."
        subject = f"Đã qua bước “{state.task.name}”: {title}"
    body = (
        f"Bài “{title}” của {_name(state.author)} đã được {_name(user)} duyệt ở bước “{state.task.name}”.\n"
        f"Nhận xét: {state.comment or '(không có)'}\n\n{outcome}\n\nXem bài: {admin_url(obj)}\n"
    )
    _send(_round_people(state, user), subject, body)


def on_rejected(sender, instance, user=None, **kwargs):
    """Tell the author and earlier reviewers that the item was returned, with the reason."""
    state = instance
    obj, title = _title(state)
    body = (
        f"Bài “{title}” của {_name(state.author)} đã bị {_name(user)} trả lại ở bước “{state.task.name}”.\n"
        f"Lý do: {state.comment}\n\n"
        f"Tác giả sửa bài rồi bấm “Gửi duyệt” để quy trình tiếp tục: {admin_url(obj)}\n"
    )
    _send(_round_people(state, user), f"Bài bị trả lại: {title}", body)


def connect():
    """Connect our notifiers and switch off Wagtail's approval/rejection mails (ours replace them)."""
    from .models import ReviewTaskState

    task_submitted.connect(on_submitted, sender=ReviewTaskState, dispatch_uid="moderation_submitted")
    task_approved.connect(on_approved, sender=ReviewTaskState, dispatch_uid="moderation_approved")
    task_rejected.connect(on_rejected, sender=ReviewTaskState, dispatch_uid="moderation_rejected")
    workflow_approved.disconnect(
        sender=WorkflowState, dispatch_uid="workflow_state_approved_email_notification"
    )
    workflow_rejected.disconnect(
        sender=WorkflowState, dispatch_uid="workflow_state_rejected_email_notification"
    )
