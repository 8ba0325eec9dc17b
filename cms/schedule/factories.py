"""factory_boy factories for the work schedule: ``ScheduleWeekPageFactory(week_start=date(2026, 11, 23))``."""

from datetime import time, timedelta

import factory

from cms.core.factories import SchoolPageFactory
from cms.core.vietnamese import today_vn

from .models import ScheduleEntry, ScheduleWeekPage, monday_of


class ScheduleWeekPageFactory(SchoolPageFactory):
    """A published week (this week unless told) with one public and one internal entry on its Monday.

    Title and slug follow from ``week_start`` (``ScheduleWeekPage.derive_from_week``). Extra arguments:
    ``parent``, ``publish`` (default True), ``entries`` (a list of unsaved ``ScheduleEntry``).
    """

    _parent_key = "schedule"

    class Meta:
        model = ScheduleWeekPage

    week_start = factory.LazyFunction(lambda: monday_of(today_vn()))
    title = "tuan"  # replaced from the week on save
    slug = factory.LazyAttribute(lambda o: f"tuan-{o.week_start:%d-%m-%Y}")
    entries = factory.LazyAttribute(
        lambda o: [
            ScheduleEntry(
                day=o.week_start,
                start_time=time(7, 15),
                content="Chào cờ đầu tuần",
                place="Sân trường",
                presiding="Hiệu trưởng",
                participants="Toàn trường",
                sort_order=0,
            ),
            ScheduleEntry(
                day=o.week_start + timedelta(days=1),
                start_time=time(14, 0),
                content="Họp giao ban nội bộ",
                place="Phòng họp",
                presiding="Hiệu trưởng",
                participants="Ban giám hiệu",
                internal=True,
                sort_order=1,
            ),
        ]
    )
