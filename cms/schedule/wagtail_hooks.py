"""The work schedule's place in the page tree (``register_school_pages``) and its weekly rebuild job."""

from wagtail import hooks

from .jobs import current_week_job


@hooks.register("register_school_pages")
def schedule_pages():
    """The schedule index under the home page, for ``setup_school`` (issue 14's page tree)."""
    from cms.core.school_pages import HOME, SchoolPageSpec

    intro = "Lịch công tác tuần của nhà trường, do văn phòng đăng sau khi Hiệu trưởng duyệt."
    return [
        SchoolPageSpec(
            "schedule",
            "schedule.ScheduleIndexPage",
            HOME,
            "Lịch công tác",
            "lich-cong-tac",
            {"show_in_menus": True, "intro": intro},
            order=45,
        )
    ]


@hooks.register("register_periodic_jobs")
def schedule_current_week(now):
    """Move "this week" on the home page and the schedule index every Monday."""
    return current_week_job(now)
