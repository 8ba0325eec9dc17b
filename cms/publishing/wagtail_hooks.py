"""Admin: the list of the last static builds (when, why, pages, files written, time, errors)."""

from wagtail import hooks
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .integrity import daily_check
from .models import SiteBuild, SiteCheck
from .panels import BuildProblemPanel, concerns, current_problem


@hooks.register("construct_homepage_panels")
def build_problem_panel(request, panels):
    """The persistent notice of a failed or partial build, for those who must act on it."""
    build = current_problem()
    if build is not None and concerns(request.user, build):
        panels.insert(0, BuildProblemPanel(build))


class ReadOnlyPermissionHelper(PermissionHelper):
    """Builds are a log: nobody adds, edits or deletes them by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


@modeladmin_register
class SiteBuildAdmin(ModelAdmin):
    """ "Lịch sử xuất bản" in the admin menu."""

    model = SiteBuild
    menu_label = "Lịch sử xuất bản"
    menu_icon = "history"
    menu_order = 900
    add_to_settings_menu = False
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = (
        "started_at",
        "trigger",
        "status",
        "full",
        "pages",
        "files_written",
        "files_deleted",
        "files_total",
        "duration_ms",
        "search_ms",
        "error",
    )
    list_filter = ("status", "full")
    search_fields = ("trigger", "error")
    list_per_page = 50


@hooks.register("register_periodic_jobs")
def site_integrity_check(now):
    """Once a day (Vietnam time): compare the live site with the last good build; mail on differences."""
    daily_check(now)


@modeladmin_register
class SiteCheckAdmin(ModelAdmin):
    """ "Kiểm tra toàn vẹn" in the admin menu: the log of verify_site runs."""

    model = SiteCheck
    menu_label = "Kiểm tra toàn vẹn"
    menu_icon = "success"
    menu_order = 901
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ("checked_at", "clean", "repaired")
    list_filter = ("clean", "repaired")
