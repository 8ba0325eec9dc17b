"""Admin wiring of moderation: dashboard panels, the approval report, our log actions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .access import is_board
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


# The address of a published page is changed by the board only (cms.core.forms.VietnamesePageForm).
hooks.register("may_change_published_address", is_board)
