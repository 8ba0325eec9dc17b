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


def _years():
    from editorial.models import SchoolYear

    SchoolYear.objects.create(name="2031–2032", start_date=date(2031, 9, 5), end_date=date(2032, 5, 31))


@pytest.mark.parametrize(
    ("day", "title", "school_year"),
    [
        # Week 1 holds the first day (a Friday): it starts on the Monday before.
        (date(2031, 9, 3), "Tuần 1 (01/09–06/09/2031)", "2031–2032"),
        (date(2032, 5, 26), "Tuần 39 (24/05–29/05/2032)", "2031–2032"),
        # The last day is a Monday: that week is still the year's last week, never a week of nothing.
        (date(2032, 5, 31), "Tuần 40 (31/05–05/06/2032)", "2031–2032"),
        # After the year ends: a summer week is not numbered from the year that ended.
        (date(2032, 6, 7), "Tuần hè (07/06–12/06/2032)", "2031–2032"),
        (date(2032, 8, 23), "Tuần hè (23/08–28/08/2032)", "2032–2033"),
        # A later week whose school year is not recorded yet: no number, the right year by the calendar.
        (date(2032, 9, 6), "Tuần 06/09–11/09/2032", "2032–2033"),
        (date(2032, 12, 6), "Tuần 06/12–11/12/2032", "2032–2033"),
    ],
)
def test_a_week_outside_every_recorded_school_year_gets_no_number_from_another_year(day, title, school_year):
    _years()
    page = ScheduleWeekPage(week_start=day)
    page.derive_from_week()
    assert page.title == title
    assert page.school_year == school_year
