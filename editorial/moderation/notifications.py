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


def absolute(path):
    """An admin path as an absolute link (``WAGTAILADMIN_BASE_URL``)."""
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def admin_url(obj):
    """Absolute link to the item's edit page in the admin."""
    return absolute(reverse("wagtailadmin_pages:edit", args=(obj.pk,)))


def _name(user):
    return full_name(user) if user else "(không rõ)"


def _title(state):
    obj = state.revision.as_object()
    return obj, getattr(obj, "title", str(obj))


def mail_recipient(user):
    """Who reads mail meant for ``user``: a pupil's mail goes to their homeroom teacher (clarification #8)."""
    from editorial.models import Position

    profile = getattr(user, "staff_profile", None)
    if profile is not None and profile.position == Position.STUDENT:
        from .reviewers import homeroom_teacher_for

        return homeroom_teacher_for(user)
    return user


def _send(recipients, subject, body):
    """Send one e-mail per recipient with an address, after the transaction commits."""
    readers = [mail_recipient(user) for user in recipients if user is not None]
    addresses = sorted({user.email for user in readers if user and user.is_active and user.email})
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


def round_people(workflow_state, actor):
    """The author, whoever submitted, every reviewer who acted in this round and those waiting now."""
    if workflow_state is None:
        return []
    people = {}
    for state in TaskState.objects.filter(workflow_state=workflow_state).select_related("finished_by"):
        if state.finished_by_id:
            people[state.finished_by_id] = state.finished_by
        if state.status == TaskState.STATUS_IN_PROGRESS:
            for user in stage_reviewers(state.specific):
                people[user.pk] = user
    obj = workflow_state.content_object
    owner = getattr(obj, "owner", None)
    for user in (owner, workflow_state.requested_by):
        if user is not None:
            people[user.pk] = user
    if actor is not None:
        people.pop(actor.pk, None)
    return list(people.values())


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
    corrected = ""
    if getattr(state, "corrected_from_id", None):
        from .actions import compare_url

        corrected = (
            f"\nNgười duyệt đã chỉnh sửa bài trước khi duyệt; bản được duyệt là bản đã sửa.\n"
            "Xem so sánh bản gửi duyệt với bản đã sửa: "
            f"{compare_url(obj, state.corrected_from, state.revision)}\n"
        )
        subject = f"Đã duyệt kèm chỉnh sửa: {title}"
    body = (
        f"Bài “{title}” của {_name(state.author)} đã được {_name(user)} duyệt ở bước “{state.task.name}”.\n"
        f"Nhận xét: {state.comment or '(không có)'}\n{corrected}\n{outcome}\n\nXem bài: {admin_url(obj)}\n"
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


def outcome_message(page, stage, action, corrected_from=None):
    """What a workflow click did, for the message after it (never a bare "Đã cập nhật trang")."""
    title = page.get_admin_display_title()
    workflow_state = WorkflowState.objects.select_related("current_task_state__task").get(
        pk=stage.workflow_state_id
    )
    if action == "reject":
        return f"Đã trả lại “{title}” cho tác giả kèm lý do (bước “{stage.task.name}”)."
    done = "Đã duyệt kèm chỉnh sửa" if corrected_from is not None else "Đã duyệt"
    if corrected_from is not None:
        done_tail = " Tác giả và người duyệt trước nhận e-mail so sánh bản đã sửa."
    else:
        done_tail = ""
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        fresh = page.specific_class.objects.filter(pk=page.pk).first() or page
        if fresh.live and fresh.live_revision_id == stage.revision_id:
            return f"{done} và xuất bản “{title}”: bài đã lên cổng thông tin.{done_tail}"
        if getattr(fresh, "go_live_at", None):
            when = timezone.localtime(fresh.go_live_at)
            when_text = f"{when:%H:%M} ngày {format_date_short(when)}"
            return f"{done} “{title}”; bài sẽ tự đăng lúc {when_text}.{done_tail}"
        return f"{done} “{title}”.{done_tail}"
    next_state = workflow_state.current_task_state
    if next_state is None:
        return f"{done} “{title}”.{done_tail}"
    who = ", ".join(full_name(user) for user in stage_reviewers(next_state.specific))
    return (
        f"{done} “{title}”, chuyển sang bước “{next_state.task.name}”"
        + (f" ({who})" if who else "")
        + f".{done_tail}"
    )


def _record_reason(page, action, reason):
    """Keep the optional reason of a cancel on Wagtail's log entry (the report shows it)."""
    from wagtail.models import PageLogEntry

    entry = PageLogEntry.objects.filter(page_id=page.pk, action=action).order_by("-timestamp", "-pk").first()
    if entry is not None and reason:
        entry.data = {**(entry.data or {}), "comment": reason}
        entry.save(update_fields=["data"])


def on_cancelled(page, workflow_state, user, people, reason=""):
    """Tell ``people`` (the author and the reviewers so far, ``round_people`` taken before the cancel) that
    moderation was cancelled: who, and why if given."""
    if workflow_state is None:
        return
    title = page.get_admin_display_title()
    _record_reason(page, "wagtail.workflow.cancel", reason)
    from .actions import is_author

    if is_author(user, workflow_state):
        what = f"Tác giả {_name(user)} đã rút bài “{title}” khỏi quy trình duyệt (để sửa và gửi lại từ đầu)."
    else:
        what = f"{_name(user)} đã huỷ quy trình duyệt bài “{title}”."
    body = f"{what}\nLý do: {reason or '(không ghi)'}\n\nXem bài: {admin_url(page)}\n"
    _send(people, f"Đã huỷ duyệt: {title}", body)


def on_direct_publish(page, workflow_state, user, people):
    """Tell the author and the reviewers so far that the principal published without the remaining stages."""
    title = page.get_admin_display_title()
    _record_reason(page, "wagtail.workflow.cancel", "Xuất bản trực tiếp")
    body = (
        f"{_name(user)} đã xuất bản trực tiếp bài “{title}” (không qua các bước duyệt còn lại); "
        "quy trình duyệt "
        f"được đóng lại.\n\nXem bài: {admin_url(page)}\n"
    )
    _send(people, f"Đã xuất bản trực tiếp: {title}", body)


def restart_review(page, workflow_state, user, reason):
    """Send an item back to the first stage after an edit by someone other than the current reviewer."""
    people = round_people(workflow_state, user)
    workflow_state.cancel(user=user)
    _record_reason(page, "wagtail.workflow.cancel", f"Duyệt lại từ đầu: {reason}")
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, workflow_state.requested_by or user)
    title = page.get_admin_display_title()
    body = f"Bài “{title}” phải duyệt lại từ đầu vì {reason}.\n\nXem bài: {admin_url(page)}\n"
    _send(people, f"Duyệt lại từ đầu: {title}", body)


def on_resubmitted(page, workflow_state, user, approved_before, people):
    """After a return and "Gửi lại": earlier reviewers get the comparison with what they approved."""
    from .actions import compare_url

    latest = page.get_latest_revision()
    if latest is None or latest.pk == approved_before.pk:
        return
    title = page.get_admin_display_title()
    stage = WorkflowState.objects.get(pk=workflow_state.pk).current_task_state
    body = (
        f"{_name(user)} đã sửa và gửi lại bài “{title}”; "
        f"bài tiếp tục ở bước “{stage.task.name if stage else ''}”.\n"
        f"So sánh bản thầy/cô đã duyệt với bản gửi lại: {compare_url(page, approved_before, latest)}\n\n"
        f"Xem bài: {admin_url(page)}\n"
    )
    _send(people, f"Gửi lại: {title}", body)
