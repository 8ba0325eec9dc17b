"""Moderation task types: the reviewer is computed from the author and stored on the task state.

- ``DepartmentHeadTask``, ``HomeroomTeacherTask``, ``UnionLeaderTask``: one reviewer, found from the
  author by ``editorial.moderation.reviewers`` when the stage starts and kept on ``ReviewTaskState.reviewer``.
- ``BoardApprovalTask``: group approval (vice principals, principal) that also refuses self-approval.

Rules (enforced here, on the server, whatever the UI shows): nobody acts on their own work; only the stored
reviewer (or a member of the task's groups) sees the item in their queue, opens it for review and acts;
rejection needs a reason. If a stage has no eligible reviewer (the computed reviewer is the author, or nobody
is configured), the stage is skipped to the next one and the reason is kept on the task state and in the log.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Task, TaskState, WorkflowTask
from wagtail.signals import task_submitted

from . import reviewers
from .access import full_name
from .actions import NEW_STATUS, claim, conflict_message, is_principal, same_content

SELF_APPROVAL_REFUSED = "Bạn không thể tự duyệt bài của chính mình."
NOT_REVIEWER_REFUSED = "Bạn không phải người duyệt bước này của bài viết."
REASON_REQUIRED = "Vui lòng ghi lý do trả lại bài để tác giả biết cần sửa gì."

ACTIONS = [
    ("reject", "Trả lại, yêu cầu sửa", True),
    ("approve", "Duyệt", False),
    ("approve", "Duyệt kèm nhận xét", True),
]


class RejectForm(TaskStateCommentForm):
    """Returning an item needs a reason: the author reads it in their e-mail and on their dashboard."""

    comment = forms.CharField(
        label="Lý do trả lại",
        required=True,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": REASON_REQUIRED},
    )

    def clean_comment(self):
        comment = (self.cleaned_data.get("comment") or "").strip()
        if not comment:
            raise forms.ValidationError(REASON_REQUIRED)
        return comment


class ApproveForm(TaskStateCommentForm):
    comment = forms.CharField(label="Nhận xét", required=False, widget=forms.Textarea({"rows": 2}))


class ReviewTaskState(TaskState):
    """A stage of moderation for one revision, with the author and (for computed stages) the reviewer."""

    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người duyệt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Tác giả",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("Ghi chú của hệ thống", blank=True)
    corrected_from = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="Bản trước khi người duyệt sửa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Khi người duyệt sửa bài rồi duyệt: bản trước khi sửa (bản được duyệt là ``revision``).",
    )

    reminded_at = models.DateTimeField("Đã nhắc người duyệt lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Bước duyệt"
        verbose_name_plural = "Bước duyệt"

    def log_state_change_action(self, user, action):
        """Wagtail's approve/reject log entry, plus the comparison when the reviewer corrected the text."""
        obj = self.revision.as_object()
        next_task = self.workflow_state.get_next_task()
        data = {
            "workflow": {
                "id": self.workflow_state.workflow_id,
                "title": self.workflow_state.workflow.name,
                "status": self.status,
                "task_state_id": self.id,
                "task": {"id": self.task_id, "title": self.task.name},
                "next": {"id": next_task.id, "title": next_task.name} if next_task else None,
            },
            "comment": self.get_comment(),
        }
        if action == "approve" and self.corrected_from_id:
            from .actions import compare_url

            data["corrected_from"] = self.corrected_from_id
            data["compare_url"] = compare_url(obj, self.corrected_from, self.revision)
        log(instance=obj, action=f"wagtail.workflow.{action}", user=user, data=data, revision=self.revision)

    def get_comment(self):
        """Reviewer's comment, followed by the system's note (why a stage was skipped or reassigned)."""
        return "\n".join(part for part in (self.comment, self.note) if part)

    def refusal_reason(self, user):
        """Why ``user`` may not act on this stage (Vietnamese), or ``None`` if they may."""
        if not (user and user.is_authenticated and user.is_active):
            return NOT_REVIEWER_REFUSED
        if user.pk in (self.author_id, self.workflow_state.requested_by_id):
            return SELF_APPROVAL_REFUSED
        if self.status != self.STATUS_IN_PROGRESS:
            return conflict_message(self.pk)
        if not self.task.specific.user_is_reviewer(self, user):
            return NOT_REVIEWER_REFUSED
        return None


def author_of(workflow_state, user=None, revision=None):
    """The author of the item in moderation: whom the submitted revision names
    (``moderation_author()``, e.g. the pupil a homeroom teacher submitted for), else its owner, else who
    submitted it. Reviewers are found from this person; neither they nor the submitter may approve."""
    obj = workflow_state.content_object
    submitted = revision.as_object() if revision is not None else None
    named = getattr(submitted, "moderation_author", None)
    if named is not None:
        author = named()
        if author is not None:
            return author
    owner_id = getattr(obj, "owner_id", None)
    if owner_id:
        return get_user_model().objects.filter(pk=owner_id).first()
    return workflow_state.requested_by or user


class ModerationTaskMixin:
    """Behaviour shared by every task type of the school's workflows."""

    task_state_class = ReviewTaskState
    reviewer_label = "người duyệt"

    # --- starting a stage ------------------------------------------------------------------------------

    def eligible_reviewer(self, author, obj):
        """Return ``(reviewer or None, reason)``: ``reviewer`` is a user for computed stages."""
        raise NotImplementedError

    def _next_task(self, workflow_state):
        own = WorkflowTask.objects.filter(workflow=workflow_state.workflow, task=self).first()
        if own is None:
            return None
        following = WorkflowTask.objects.filter(
            workflow=workflow_state.workflow, task__active=True, sort_order__gt=own.sort_order
        )
        link = following.select_related("task").order_by("sort_order").first()
        return link.task if link else None

    def start(self, workflow_state, user=None):
        """Open the stage for the computed reviewer; skip it (with the reason) if nobody else can review."""
        obj = workflow_state.content_object
        revision = obj.get_latest_revision()
        author = author_of(workflow_state, user, revision)
        state = ReviewTaskState(workflow_state=workflow_state, task=self, author=author)
        state.revision = revision
        reviewer, reason = self.eligible_reviewer(author, obj)
        submitter_id = workflow_state.requested_by_id
        if (
            reviewer not in (None, True)
            and submitter_id
            and reviewer.pk == submitter_id
            and (author is None or author.pk != submitter_id)
        ):
            # A homeroom teacher who submits a pupil's work has vouched for it: never their own approval.
            reviewer = None
            submitter = full_name(workflow_state.requested_by)
            reason = f"{submitter} gửi bài thay tác giả, không tự duyệt bài mình gửi."
        if reviewer is None:
            next_task = self._next_task(workflow_state)
            if next_task is None:
                # Last stage and nobody eligible: the principal decides (unless they wrote it themselves).
                fallback = reviewers.principal()
                if fallback is not None and author is not None and fallback.pk != author.pk:
                    reviewer = fallback
                    state.note = f"{reason} Chuyển Hiệu trưởng duyệt."
            if reviewer is None:
                state.status = TaskState.STATUS_SKIPPED
                state.finished_at = timezone.now()
                target = next_task.name if next_task else "kết thúc quy trình"
                state.note = f"{reason} Bỏ qua bước này, chuyển sang: {target}."
                state.save()
                log(
                    instance=obj.specific if hasattr(obj, "specific") else obj,
                    action="moderation.stage_skipped",
                    data={"task": self.name, "reason": state.note},
                    revision=state.revision,
                )
                return state
        if reviewer is not True:
            state.reviewer = reviewer
        state.status = TaskState.STATUS_IN_PROGRESS
        state.save()
        self._unlock_for_others(obj, state)
        # Sent after the reviewer is stored, so notifiers know whom to tell.
        task_submitted.send(sender=ReviewTaskState, instance=state, user=user)
        return state

    def _unlock_for_others(self, obj, state):
        locked_by_id = getattr(obj, "locked_by_id", None)
        if locked_by_id and not self.user_is_reviewer(state, obj.locked_by):
            obj.locked, obj.locked_by, obj.locked_at = False, None, None
            obj.save(update_fields=["locked", "locked_by", "locked_at"])

    # --- who may act -----------------------------------------------------------------------------------

    def user_is_reviewer(self, state, user):
        """Whether ``user`` is the reviewer of ``state`` (ignoring the self-approval rule)."""
        return bool(state.reviewer_id) and state.reviewer_id == user.pk

    def current_state_for(self, obj):
        """This task's in-progress stage on ``obj`` (cached on the object for the request)."""
        cache = obj.__dict__.setdefault("_moderation_states", {})
        if self.pk not in cache:
            cache[self.pk] = (
                ReviewTaskState.objects.filter(
                    task=self,
                    status=TaskState.STATUS_IN_PROGRESS,
                    workflow_state__object_id=str(obj.pk),
                    workflow_state__base_content_type=obj.get_base_content_type(),
                )
                .select_related("workflow_state", "task")
                .first()
            )
        return cache[self.pk]

    def user_can_review(self, obj, user):
        state = self.current_state_for(obj)
        return state is not None and state.refusal_reason(user) is None

    def user_can_access_editor(self, obj, user):
        return self.user_can_review(obj, user)

    def locked_for_user(self, obj, user):
        # The principal may still edit (which restarts review) or publish directly; everyone else but the
        # current reviewer waits, the author included (they withdraw the item to edit it).
        return not (self.user_can_review(obj, user) or is_principal(user))

    def user_can_lock(self, obj, user):
        return self.user_can_review(obj, user)

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        return list(ACTIONS) if self.user_can_review(obj, user) else []

    def get_form_for_action(self, action):
        return RejectForm if action == "reject" else ApproveForm

    def on_action(self, task_state, user, action_name, approved_revision=None, **kwargs):
        """Approve or reject, refusing self-approval, non-reviewers and rejection without a reason.

        Serialised by ``actions.claim`` (one outcome for concurrent clicks). ``approved_revision``: the
        revision the reviewer approved (the editor passes what they had open, or their correction; else the
        latest); ``corrected_from``: the revision they corrected, if any. The stage keeps the approved
        revision, which the finish action publishes.
        """
        state = task_state.specific
        if getattr(state, "_claimed_for", None) is None:
            reason = state.refusal_reason(user)
            if reason:
                raise PermissionDenied(reason)
        if action_name == "reject" and not (kwargs.get("comment") or "").strip():
            raise PermissionDenied(REASON_REQUIRED)
        with transaction.atomic():
            if action_name in NEW_STATUS:
                claim(state, user, action_name)
            if action_name == "approve":
                obj = state.workflow_state.content_object
                approved = approved_revision or obj.get_latest_revision()
                original = state.revision
                # What the stage was opened with vs what is approved: a reviewer's correction, whether saved
                # first ("Lưu nháp") or made in the same click.
                corrected_from = None
                if (
                    original is not None
                    and approved.pk != original.pk
                    and not same_content(approved.content, original.content)
                ):
                    corrected_from = original
                state.revision = approved
                state.corrected_from = corrected_from
            return Task.on_action(self, state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            TaskState.objects.filter(
                task=self, status=TaskState.STATUS_IN_PROGRESS, reviewtaskstate__reviewer=user
            )
            .exclude(reviewtaskstate__author=user)
            .exclude(workflow_state__requested_by=user)
        )


class ComputedReviewerTask(ModerationTaskMixin, Task):
    """A stage whose single reviewer is computed from the author when it starts."""

    class Meta:
        abstract = True

    def find_reviewer(self, author, obj):
        raise NotImplementedError

    def eligible_reviewer(self, author, obj):
        if author is None:
            return None, "Không xác định được tác giả."
        reviewer = self.find_reviewer(author, obj)
        if reviewer is None or not reviewer.is_active:
            return None, f"Chưa có {self.reviewer_label} cho tác giả {full_name(author)}."
        if reviewer.pk == author.pk:
            return None, f"Tác giả là {self.reviewer_label}, không tự duyệt bài của mình."
        return reviewer, ""


class DepartmentHeadTask(ComputedReviewerTask):
    """Tổ trưởng chuyên môn thẩm định (5.4–5.5): head of the author's department (a student's: their
    homeroom teacher's department)."""

    reviewer_label = "tổ trưởng"

    class Meta:
        verbose_name = "Tổ trưởng thẩm định"
        verbose_name_plural = "Tổ trưởng thẩm định"

    @classmethod
    def get_description(cls):
        return "Tổ trưởng của tổ tác giả (học sinh: tổ của giáo viên chủ nhiệm) thẩm định bài."

    def find_reviewer(self, author, obj):
        return reviewers.department_head_for(author)


class HomeroomTeacherTask(ComputedReviewerTask):
    """Giáo viên chủ nhiệm duyệt bài học sinh lớp mình (7.4)."""

    reviewer_label = "giáo viên chủ nhiệm"

    class Meta:
        verbose_name = "Giáo viên chủ nhiệm duyệt"
        verbose_name_plural = "Giáo viên chủ nhiệm duyệt"

    @classmethod
    def get_description(cls):
        return "Giáo viên chủ nhiệm lớp của tác giả duyệt bài."

    def find_reviewer(self, author, obj):
        return reviewers.homeroom_teacher_for(author)


class UnionLeaderTask(ComputedReviewerTask):
    """Người đứng đầu đoàn thể của tác giả duyệt tin hoạt động (Công đoàn, Liên đội, Chi đoàn)."""

    reviewer_label = "người đứng đầu đoàn thể"

    class Meta:
        verbose_name = "Lãnh đạo đoàn thể duyệt"
        verbose_name_plural = "Lãnh đạo đoàn thể duyệt"

    @classmethod
    def get_description(cls):
        return "Chủ tịch Công đoàn, Tổng phụ trách Đội hoặc Bí thư Chi đoàn của tác giả duyệt bài."

    def find_reviewer(self, author, obj):
        return reviewers.union_leader_for(author)


class BoardApprovalTask(ModerationTaskMixin, AbstractGroupApprovalTask):
    """Group approval by board members (vice principals, principal); never by the author."""

    class Meta:
        verbose_name = "Ban giám hiệu duyệt"
        verbose_name_plural = "Ban giám hiệu duyệt"

    @classmethod
    def get_description(cls):
        return "Thành viên các nhóm đã chọn duyệt bài, trừ chính tác giả."

    @property
    def reviewer_label(self):
        return ", ".join(group.name for group in self.groups.all()) or "nhóm duyệt"

    def eligible_reviewer(self, author, obj):
        members = get_user_model().objects.filter(is_active=True, groups__in=self.groups.all())
        if author is not None:
            members = members.exclude(pk=author.pk)
        if members.exists():
            return True, ""
        return None, f"Không có ai khác tác giả trong nhóm {self.reviewer_label}."

    def user_is_reviewer(self, state, user):
        return self._user_in_groups(user) or self._delegated_to(user)

    def _delegated_to(self, user):
        """The principal's stage, and ``user`` holds the principal's delegation today."""
        from .delegation import active_delegation, is_principal_task

        return active_delegation(user) is not None and is_principal_task(self)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not (self._user_in_groups(user) or self._delegated_to(user)):
            return TaskState.objects.none()
        return (
            TaskState.objects.filter(task=self, status=TaskState.STATUS_IN_PROGRESS)
            .exclude(reviewtaskstate__author=user)
            .exclude(workflow_state__requested_by=user)
        )


class WorkflowKey(models.Model):
    """Marks a Wagtail workflow or task as one of the school's, by a stable key (never by display name).

    A school may rename "Duyệt bài Hoạt động chuyên môn" or "Hiệu trưởng duyệt và cho đăng" in Wagtail's
    workflow admin; ``setup_workflows`` still finds and repairs them by key (``route:<section>``,
    ``task:<stage>``), as ``editorial.RoleGroup`` does for groups.
    """

    key = models.CharField("Khoá", max_length=80, unique=True)
    workflow = models.OneToOneField(
        "wagtailcore.Workflow", null=True, blank=True, on_delete=models.CASCADE, related_name="school_key"
    )
    task = models.OneToOneField(
        "wagtailcore.Task", null=True, blank=True, on_delete=models.CASCADE, related_name="school_key"
    )

    class Meta:
        verbose_name = "Khoá quy trình duyệt"
        verbose_name_plural = "Khoá quy trình duyệt"

    def __str__(self):
        return self.key


class Delegation(models.Model):
    """The principal hands final approval to a vice principal from ``start_date`` to ``end_date`` (Vietnam
    dates, inclusive), e.g. while away (Điều 4.5, 4.12). See ``editorial.moderation.delegation``."""

    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Người được uỷ quyền",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"groups__school_role__key": "pho_hieu_truong", "is_active": True},
    )
    start_date = models.DateField("Từ ngày")
    end_date = models.DateField("Đến hết ngày")
    reason = models.CharField("Lý do", max_length=250, blank=True)
    created_at = models.DateTimeField("Lập lúc", auto_now_add=True)

    class Meta:
        verbose_name = "Uỷ quyền duyệt"
        verbose_name_plural = "Uỷ quyền duyệt"
        ordering = ["-start_date"]

    def __str__(self):
        return f"{full_name(self.delegate)}: {self.start_date:%d/%m/%Y} – {self.end_date:%d/%m/%Y}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."})
