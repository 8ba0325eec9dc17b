"""The work schedule's rules that no browser shows: the Monday rebuild job and week pages' own fields."""

from datetime import date, datetime, timedelta

import pytest

from cms.core.vietnamese import VN_TZ
from cms.publishing.models import PendingChange
from cms.schedule.jobs import current_week_job
from cms.schedule.models import ScheduleIndexPage, ScheduleWeekPage, WeekCheck, monday_of

pytestmark = pytest.mark.django_db


def test_home_and_index_are_rebuilt_once_when_a_new_week_starts():
    WeekCheck.objects.all().delete()
    monday = datetime(2026, 11, 30, 0, 5, tzinfo=VN_TZ)  # 00:05 Monday in Vietnam, Sunday 17:05 UTC
    assert current_week_job(monday - timedelta(days=7)) is False  # first run: remembers the week only
    assert current_week_job(monday) is True
    index_page = ScheduleIndexPage.objects.get()
    scheduled = set(PendingChange.objects.values_list("page_id", flat=True))
    assert {index_page.pk, index_page.get_parent().pk} <= scheduled
    assert current_week_job(monday + timedelta(hours=5)) is False  # same week: nothing more
    assert current_week_job(monday + timedelta(days=7)) is True


def test_week_page_takes_its_monday_title_slug_and_school_year_from_any_day():
    index_page = ScheduleIndexPage.objects.get()
    page = ScheduleWeekPage(week_start=date(2026, 12, 10))  # a Thursday
    page.derive_from_week()
    assert page.week_start == date(2026, 12, 7) == monday_of(date(2026, 12, 13))
    assert page.title == "Tuần 15 (07/12–12/12/2026)"
    assert page.slug == "tuan-07-12-2026"
    assert page.school_year == "2026–2027"
    assert index_page.current_week(date(2020, 1, 1)) is None
