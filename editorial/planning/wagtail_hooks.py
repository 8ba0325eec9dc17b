"""Admin wiring of the writing plan: the assignments viewset and the monthly report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from .models import Assignment
from .views import AssignmentPermissionPolicy, AssignmentViewSet, MonthlyReportView

register_permission_policy(Assignment, AssignmentPermissionPolicy(Assignment))


@hooks.register("register_admin_viewset")
def register_assignments():
    return AssignmentViewSet()


@hooks.register("register_admin_urls")
def planning_urls():
    return [path("ke-hoach-viet-bai-bao-cao/", MonthlyReportView.as_view(), name="planning_monthly_report")]


@hooks.register("register_reports_menu_item")
def monthly_report_menu_item():
    return MenuItem(
        "Báo cáo kế hoạch viết bài", reverse("planning_monthly_report"), icon_name="date", order=910
    )
