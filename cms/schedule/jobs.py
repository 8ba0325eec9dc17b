"""The periodic job that moves "this week" on the home page and the schedule index every Monday."""

from django.db import transaction

from cms.core.vietnamese import VN_TZ
from cms.documents.models import today_vn

from .models import ScheduleIndexPage, WeekCheck, monday_of


@transaction.atomic
def current_week_job(now=None):
    """Schedule a rebuild of the home page and the schedule index when the week changed; returns True if so.

    Called about once a minute by the publishing scheduler (``register_periodic_jobs``).
    """
    from cms.publishing.builder import schedule_build

    monday = monday_of(now.astimezone(VN_TZ).date() if now else today_vn())
    check = WeekCheck.objects.select_for_update().first()
    if check is None:
        # First run: the site's last build already shows this week; remember it, rebuild from next Monday.
        WeekCheck.objects.create(week_start=monday)
        return False
    if check.week_start == monday:
        return False
    check.week_start = monday
    check.save(update_fields=["week_start"])
    index_page = ScheduleIndexPage.objects.live().first()
    if index_page is None:
        return False
    schedule_build(
        f"Lịch công tác: tuần mới từ {monday:%d/%m/%Y}", pages=[index_page, index_page.get_parent()]
    )
    return True
