"""Admin: the list of the last static builds (when, why, pages, files written, time, errors)."""

from datetime import timedelta

from wagtail import hooks
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .builder import schedule_build
from .integrity import daily_check
from .models import SEARCH_BEHIND, PendingChange, SiteBuild, SiteCheck
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
        "search_time",
        "error",
    )
    list_filter = ("status", "full")
    search_fields = ("trigger", "error")
    list_per_page = 50

    def search_time(self, obj):
        """The search follow-up's time (ms); "Chưa cập nhật" when it failed or is still running, "-" when
        the build had none (a full build indexes as it goes; a change to no searchable page needs none).
        A bare 0 read as "indexed instantly"."""
        if SEARCH_BEHIND in obj.error:
            return "Chưa cập nhật"
        return obj.search_ms if obj.search_release else "-"

    search_time.short_description = SiteBuild._meta.get_field("search_ms").verbose_name
    search_time.admin_order_field = "search_ms"


# A search follow-up runs for seconds; one whose build finished longer ago than this failed or was killed.
SEARCH_CATCH_UP_AFTER = timedelta(minutes=2)


@hooks.register("register_periodic_jobs")
def search_catch_up(now):
    """The search index behind the live pages (a search follow-up that failed or whose process was
    killed, decision 0015 §4b) is brought up to date by the next scheduler round: one full build, which
    re-indexes the shards still marked "not indexed". Once: if that build fails too, its problem is no
    longer "only search is behind" and the administrator, already told, decides."""
    last = SiteBuild.objects.exclude(status=SiteBuild.Status.RUNNING).order_by("-pk").first()
    if last is None or not last.only_search_behind or last.finished_at is None:
        return
    if now - last.finished_at < SEARCH_CATCH_UP_AFTER or PendingChange.objects.exists():
        return
    schedule_build("Lập lại chỉ mục tìm kiếm (lần cập nhật trước bị lỗi)")


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
