"""Admin wiring of moderation: dashboard panels, the approval report, our log actions."""

import copy

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem, SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet

from . import actions
from .access import is_board
from .models import Delegation
from .panels import AwaitingMyReviewPanel, MySubmissionsPanel
from .views import ApprovalReportView

REPLACED_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


@hooks.register("construct_homepage_panels")
def moderation_panels(request, panels):
    """Replace Wagtail's two moderation panels (N+1 queries, no self-approval rule) with ours."""
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels.append(AwaitingMyReviewPanel())
    panels.append(MySubmissionsPanel())


@hooks.register("register_admin_urls")
def moderation_urls():
    return [path("duyet-bai/bao-cao/", ApprovalReportView.as_view(), name="moderation_approval_report")]


class BoardMenuItem(MenuItem):
    def is_shown(self, request):
        return is_board(request.user)


@hooks.register("register_reports_menu_item")
def approval_report_menu_item():
    return BoardMenuItem(
        "Ai duyệt bài nào, khi nào", reverse("moderation_approval_report"), icon_name="tasks", order=900
    )


@hooks.register("register_log_actions")
def moderation_log_actions(actions):
    actions.register_action("moderation.stage_skipped", "Bỏ qua bước duyệt", "Bỏ qua bước duyệt")


CANCEL_ITEMS = {"action-cancel-workflow", "action-restart-workflow"}


@hooks.register("construct_page_action_menu")
def moderation_action_menu(menu_items, request, context):
    """Cancel only for the author ("Rút bài") and the principal; a returned author's main button is "Gửi lại".

    The server refuses the same (``ModerationEditView``); this keeps the menu honest.
    """
    page = context.get("page")
    if context.get("view") != "edit" or page is None:
        return
    state = page.current_workflow_state
    allowed = actions.can_cancel(request.user, state)
    kept = []
    for item in menu_items:
        name = getattr(item, "name", "")
        if name in CANCEL_ITEMS and not allowed:
            continue
        if name == "action-cancel-workflow":
            item = CancelWithReasonMenuItem(
                author=actions.is_author(request.user, state), order=item.order
            )  # Wagtail's menu items are shared between requests: a new one each time
        elif name == "action-restart-workflow":
            item = copy.copy(item)
            item.label = "Gửi duyệt lại từ bước đầu"
        elif name == "action-submit" and state is not None and state.status == state.STATUS_NEEDS_CHANGES:
            item = ResubmitMenuItem(order=item.order)
            kept.insert(0, item)  # the returned author's main button
            continue
        kept.append(item)
    if allowed and not any(getattr(item, "name", "") == "action-cancel-workflow" for item in kept):
        # Wagtail offers cancel only to the submitter, the owner and the current reviewer; the principal may
        # cancel too (clarification "#8"), so the item is added for them.
        kept.append(CancelWithReasonMenuItem(author=actions.is_author(request.user, state), order=900))
    menu_items[:] = kept


class CancelWithReasonMenuItem(ActionMenuItem):
    """ "Rút bài" (the author) or "Huỷ quy trình duyệt" (the principal) with an optional reason, asked in a
    Wagtail dialog before the form is posted; the reason is recorded on the log entry, shown in the report
    "Ai duyệt bài nào, khi nào" and mailed to the author and the reviewers so far (``notifications``)."""

    name = "action-cancel-workflow"
    icon_name = "error"
    template_name = "moderation/cancel_menu_item.html"

    def __init__(self, author=False, order=None):
        super().__init__(order=order)
        self.author = author
        self.label = "Rút bài (huỷ gửi duyệt)" if author else "Huỷ quy trình duyệt"

    def is_shown(self, context):
        return True  # shown only where the hook put it (the author or the principal)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["dialog_id"] = "huy-duyet"
        if self.author:
            context["dialog_title"] = "Rút bài khỏi quy trình duyệt?"
            context["dialog_subtitle"] = (
                "Bài dừng duyệt; thầy/cô (em) sửa rồi gửi lại, bài duyệt lại từ bước đầu. Người duyệt "
                "được báo qua e-mail."
            )
            context["confirm_label"] = "Rút bài"
        else:
            context["dialog_title"] = "Huỷ quy trình duyệt bài này?"
            context["dialog_subtitle"] = "Tác giả và những người đã duyệt được báo qua e-mail, kèm lý do."
            context["confirm_label"] = "Huỷ quy trình duyệt"
        return context


class ResubmitMenuItem(SubmitForModerationMenuItem):
    """ "Gửi lại" after a return: the item continues at the stage that returned it."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        state = context["page"].current_workflow_state
        context["label"] = f"Gửi lại (tiếp tục bước “{state.current_task_state.task.name}”)"
        return context


# The address of a published page is changed by the board only (cms.core.forms.VietnamesePageForm).
hooks.register("may_change_published_address", is_board)


@hooks.register("register_periodic_jobs")
def moderation_reminders(now):
    """Remind reviewers of items waiting more than N working days (``reminders.send_reminders``)."""
    from .reminders import send_reminders

    send_reminders(now)


class DelegationViewSet(ModelViewSet):
    """ "Uỷ quyền duyệt": the principal delegates final approval for a date range (model permissions of the
    principal's role group, granted by ``setup_workflows``); Wagtail logs every creation and change."""

    model = Delegation
    form_fields = ["delegate", "start_date", "end_date", "reason"]
    list_display = ["delegate", "start_date", "end_date", "reason"]
    icon = "user"
    menu_label = "Uỷ quyền duyệt"
    add_to_admin_menu = True
    menu_order = 850
    name = "uy-quyen-duyet"


@hooks.register("register_admin_viewset")
def register_delegation_viewset():
    return DelegationViewSet()
