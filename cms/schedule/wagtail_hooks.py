"""The work schedule's place in the page tree (``register_school_pages``) and its weekly rebuild job."""

from wagtail import hooks

from .jobs import current_week_job
from .models import ScheduleIndexPage


@hooks.register("register_school_pages")
def schedule_pages():
    """The schedule index under the home page, for ``setup_school`` (issue 14's page tree)."""
    return [
        {
            "key": "schedule",
            "parent": "home",
            "model": ScheduleIndexPage,
            "title": "Lịch công tác",
            "slug": "lich-cong-tac",
        }
    ]


@hooks.register("register_periodic_jobs")
def schedule_current_week(now):
    """Move "this week" on the home page and the schedule index every Monday."""
    return current_week_job(now)
