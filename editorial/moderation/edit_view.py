"""The page editor with the school's moderation rules (it replaces Wagtail's edit view at the same URL).

Wagtail's editor posts the whole form with every workflow button: "Duyệt" saved a revision whenever the
form looked changed and then reported only "Đã cập nhật trang". Here (rules in ``actions``):

- **Workflow buttons** run ``perform_workflow_action``: one serialised transaction that claims the stage,
  refuses if a newer revision than the one the reviewer opened exists, saves a revision only if the
  content that would be published differs (a correction), and approves that revision; the message says
  what happened ("Đã duyệt, chuyển sang bước …", "Đã duyệt và xuất bản …", "Đã trả lại …").
- **Saving during review** by anyone but the current reviewer, with a changed text, restarts review at the
  first stage ("Bài phải duyệt lại từ đầu vì …"). The current reviewer's saved correction waits for their
  approval. Autosave is off while an item waits, and autosave posts are refused on the server.
- **Cancel / restart** only for the author (withdrawing) and the principal; a cancel and a principal's
  direct publish are mailed to the author and the reviewers so far.
- **The author after a return** sees the reason at the top, with "Gửi lại" as the main button.
"""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page, WorkflowState

from . import actions, finish, notifications
from .access import full_name
from .action_view import refused_response
from .models import ModerationTaskMixin

AUTOSAVE_OFF = "Bài đang chờ duyệt nên không tự động lưu; bản lưu tự động không được dùng khi duyệt."
CANCEL_REFUSED = "Chỉ tác giả (rút bài) hoặc Hiệu trưởng mới được huỷ quy trình duyệt."


class ModerationEditView(EditView):
    """Wagtail's page editor, with the actions and messages of the school's moderation."""

    # --- state of the item -------------------------------------------------------------------------

    @property
    def active_workflow_state(self):
        state = self.workflow_state
        return state if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS else None

    @cached_property
    def current_stage(self):
        state = self.active_workflow_state
        task_state = state.current_task_state if state is not None else None
        return task_state.specific if task_state is not None else None

    def user_is_current_reviewer(self):
        stage = self.current_stage
        if stage is None or not hasattr(stage, "refusal_reason"):
            return False
        return stage.refusal_reason(self.request.user) is None

    # --- which action -----------------------------------------------------------------------------

    @cached_property
    def is_cancelling_workflow(self):
        return bool(self.request.POST.get("action-cancel-workflow")) and actions.can_cancel(
            self.request.user, self.workflow_state
        )

    @cached_property
    def action_name_and_method(self):
        post = self.request.POST
        if post.get("action-cancel-workflow") or post.get("action-restart-workflow"):
            if not actions.can_cancel(self.request.user, self.workflow_state):
                return ("refused", self.refuse(CANCEL_REFUSED))
        if post.get("action-workflow-action") and not self.workflow_action_is_valid():
            # The stage ended meanwhile (another reviewer's click) or this user may not act: never "save".
            stage = self.page.current_workflow_task_state
            reason = (
                stage.specific.refusal_reason(self.request.user)
                if stage is not None and hasattr(stage.specific, "refusal_reason")
                else None
            )
            return ("refused", self.refuse(reason or self._ended_reason()))
        return super().action_name_and_method

    def _ended_reason(self):
        last = self.real_page_record.workflow_states.order_by("-created_at", "-pk").first()
        if last is not None and last.current_task_state_id:
            return actions.conflict_message(last.current_task_state_id)
        return "Thao tác không được thực hiện: bài không còn chờ duyệt ở bước này."

    def refuse(self, reason):
        def method():
            messages.error(self.request, reason)
            return self.redirect_and_remain()

        return method

    # --- refusals from Wagtail itself ------------------------------------------------------------------

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            # A stale tab: the stage moved on and this person may no longer edit (or never could). Nothing
            # was done; say what happened in Vietnamese instead of Django's bare "403 Forbidden".
            if request.method != "POST" or self.expects_json_response:
                raise
            page = Page.objects.filter(pk=kwargs.get("page_id")).first()
            return refused_response(
                request, actions.why_refused(page) if page is not None else actions.NOT_YOURS
            )

    # --- autosave ---------------------------------------------------------------------------------

    def post(self, request, *args, **kwargs):
        if self.expects_json_response and self.active_workflow_state is not None:
            return self.json_error_response("locked", AUTOSAVE_OFF)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.active_workflow_state is not None:
            context["autosave_enabled"] = False
        return context

    def get(self, request, *args, **kwargs):
        self.add_moderation_notice()
        return super().get(request, *args, **kwargs)

    def add_moderation_notice(self):
        """Explain the rule before the click: to the reviewer, to the principal, to a returned author."""
        user = self.request.user
        state = self.workflow_state
        if state is None:
            return
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES and actions.is_author(user, state):
            returned = state.current_task_state
            if returned is not None:
                messages.warning(
                    self.request,
                    f"Bài bị {full_name(returned.finished_by)} trả lại ở bước “{returned.task.name}”. "
                    f"Lý do: {returned.comment or '(không ghi)'} — Sửa bài rồi bấm “Gửi lại”; bài tiếp tục "
                    f"ở bước “{returned.task.name}”.",
                )
        elif self.active_workflow_state is not None and self.current_stage is not None:
            if self.user_is_current_reviewer():
                messages.info(
                    self.request,
                    f"Thầy/cô đang duyệt bước “{self.current_stage.task.name}”. Có thể sửa trực tiếp rồi bấm "
                    "“Duyệt”: bản đã sửa được duyệt, tác giả và người duyệt trước nhận e-mail so sánh.",
                )
            elif actions.is_principal(user):
                messages.info(
                    self.request,
                    f"Bài đang chờ bước “{self.current_stage.task.name}”. Nếu thầy/cô sửa và lưu, bài phải "
                    "duyệt lại từ đầu; “Xuất bản” đăng ngay và báo cho tác giả, người duyệt.",
                )

    # --- workflow buttons -------------------------------------------------------------------------

    def perform_workflow_action(self):
        user = self.request.user
        stage = self.page.current_workflow_task_state
        task = stage.task.specific
        action = self.workflow_action
        extra = json.loads(self.request.POST.get("workflow-action-extra-data", "{}") or "{}")
        loaded_revision_id = self.request.POST.get("loaded_revision_id")
        form = self.form

        def run():
            if action in actions.NEW_STATUS:
                actions.claim(stage, user, action)  # first write: serialises concurrent clicks
            latest = actions.check_loaded_revision(self.real_page_record, loaded_revision_id)
            page = form.save(commit=not self.page.live)
            self.subscription.save()
            approved = latest
            if latest is None or not actions.same_content(page.serializable_data(), latest.content):
                approved = page.save_revision(user=user, log_action=True)  # the reviewer's correction
            if isinstance(task, ModerationTaskMixin):
                extra["approved_revision"] = approved
            task.on_action(stage, user, action, **extra)
            return page, getattr(stage, "corrected_from", None)

        try:
            self.page, corrected_from = actions.serialised(run)
        except actions.ActionRefused as refusal:
            messages.error(self.request, str(refusal))
            return self.redirect_and_remain()
        messages.success(
            self.request, notifications.outcome_message(self.page, stage, action, corrected_from)
        )
        response = self.run_hook("after_edit_page", self.request, self.page)
        return response or self.redirect_away()

    # --- saving, submitting, cancelling, publishing ---------------------------------------------

    def save_action(self):
        state = self.active_workflow_state
        stage = self.current_stage
        if state is None or stage is None or self.user_is_current_reviewer():
            response = super().save_action()
            if state is not None and stage is not None:
                messages.info(
                    self.request,
                    f"Đã lưu bản sửa. Bài vẫn chờ thầy/cô duyệt ở bước “{stage.task.name}”; khi bấm “Duyệt”, "
                    "bản sửa này được duyệt.",
                )
            return response
        reviewed = stage.revision
        response = super().save_action()
        # The revision just saved: real_page_record was loaded before the save and still names the old one.
        latest = self.page.get_latest_revision()
        if (
            reviewed is not None
            and latest is not None
            and not actions.same_content(latest.content, reviewed.content)
        ):
            restart_reason = f"{full_name(self.request.user)} đã sửa nội dung khi bài đang chờ duyệt"
            notifications.restart_review(self.page, state, self.request.user, restart_reason)
            messages.warning(self.request, f"Bài phải duyệt lại từ đầu vì {restart_reason}.")
        return response

    def submit_action(self):
        state = self.workflow_state
        resuming = state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        approved_before = finish.approved_revision(state) if resuming else None
        people = notifications.round_people(state, self.request.user) if resuming else []
        response = super().submit_action()
        if resuming and approved_before is not None:
            notifications.on_resubmitted(self.page, state, self.request.user, approved_before, people)
        return response

    def add_save_confirmation_message(self):
        if self.action_name == "perform_workflow_action":
            return  # perform_workflow_action says what happened
        super().add_save_confirmation_message()

    def cancel_workflow_action(self):
        state = self.workflow_state
        people = notifications.round_people(state, self.request.user)  # before the waiting stage ends
        response = super().cancel_workflow_action()
        notifications.on_cancelled(self.page, state, self.request.user, people, reason=self.cancel_reason())
        return response

    def form_invalid(self, form):
        state = self.workflow_state
        cancelling = self.is_cancelling_workflow
        people = notifications.round_people(state, self.request.user) if cancelling else []
        response = super().form_invalid(form)
        if cancelling:  # an author withdrawing a locked item: Wagtail cancels without saving
            notifications.on_cancelled(
                self.page, state, self.request.user, people, reason=self.cancel_reason()
            )
        return response

    def cancel_reason(self):
        """The optional reason typed in the cancel dialog: NFC, no control characters, at most 1000 chars."""
        from cms.core.text import clean_plain

        return clean_plain(self.request.POST.get("cancel_reason") or "").strip()[:1000]

    def publish_action(self):
        state = self.active_workflow_state
        reviewers_so_far = notifications.round_people(state, self.request.user) if state is not None else []
        response = super().publish_action()
        if state is not None:
            state.refresh_from_db()
            if state.status == WorkflowState.STATUS_CANCELLED:
                notifications.on_direct_publish(self.page, state, self.request.user, reviewers_so_far)
        return response
