"""Lịch công tác tuần (the weekly work schedule), published by the office after the principal's approval.

``ScheduleIndexPage`` ("Lịch công tác", under the home page) → one ``ScheduleWeekPage`` per week with its
``ScheduleEntry`` rows. Weeks are numbered within the school year (clarifications #14): week 1 is the week
(Monday–Saturday) holding the first day of the school year, so the title reads "Tuần 14 (30/11–05/12/2026)".
Entries marked internal are never public: the templates, the feed and the search index only ever see
:meth:`ScheduleWeekPage.public_entries`. Pages go through the principal's workflow
(``cms.documents.approval``), so a change after approval is approved again before it is published.
"""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page

from cms.core.listings import pages_beside, pages_under
from cms.core.pages import VietnamesePageMixin
from cms.core.school_years import school_year_for, school_year_name_for, school_years_recorded
from cms.core.vietnamese import WEEKDAYS, nfc
from cms.documents.models import today_vn  # the project's one "today in Vietnam"


def monday_of(day):
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


SUMMER_MONTHS = (6, 7, 8)  # between the end of one school year (late May) and the start of the next


def week_school_year(week_start):
    """The recorded ``SchoolYear`` the week (Monday–Saturday) of ``week_start`` falls in, or None.

    A week belongs to a year when its Saturday (week 1 may start on the Monday before the first day) or its
    Monday (the last week may end after the last day) is inside that year's dates. Weeks outside every
    recorded year (summer, or after the last recorded year) belong to none.
    """
    monday = monday_of(week_start)
    return school_year_for(monday + timedelta(days=5)) or school_year_for(monday)


def week_number(week_start):
    """1-based week of the school year holding ``week_start`` (by the recorded SchoolYear start), or None
    when the week is in no recorded school year (it is never numbered from another year)."""
    year = week_school_year(week_start)
    if year is None:
        return None
    return (monday_of(week_start) - monday_of(year.start_date)).days // 7 + 1


def week_label(week_start):
    """ "Tuần 14 (30/11–05/12/2026)" (Monday–Saturday); a summer week outside every recorded school year:
    "Tuần hè (07/06–12/06/2027)"; any other week without a school year: "Tuần 30/11–05/12/2026"."""
    week_start = monday_of(week_start)
    end = week_start + timedelta(days=5)
    span = f"{week_start:%d/%m}–{end:%d/%m/%Y}"
    number = week_number(week_start)
    if number:
        return f"Tuần {number} ({span})"
    if end.month in SUMMER_MONTHS and school_years_recorded():
        return f"Tuần hè ({span})"
    return f"Tuần {span}"


def week_school_year_name(week_start):
    """ "2026–2027": the recorded year of the week (:func:`week_school_year`), else by the calendar."""
    year = week_school_year(week_start)
    return year.name if year is not None else school_year_name_for(monday_of(week_start) + timedelta(days=5))


class ScheduleIndexPage(VietnamesePageMixin, Page):
    """The public "Lịch công tác": the current week first, then every published week of the school year."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["schedule.ScheduleWeekPage"]
    max_count = 1
    show_in_menus_default = True
    # The current week depends on the current school year: rebuilt with the school structure.
    shows_school_structure = True

    class Meta:
        verbose_name = "Lịch công tác"
        verbose_name_plural = "Lịch công tác"

    def weeks(self):
        """Live public week pages, newest week first."""
        # The shared listing shape: a walk of the (unique) week_start index from the newest week.
        return pages_under(ScheduleWeekPage, self, children_only=True).order_by("-week_start")

    def current_week(self, today=None):
        """The week page holding ``today`` (Vietnam), or None."""
        start = monday_of(today or today_vn())
        return self.weeks().filter(week_start=start).first()

    def feed_items(self):
        """RSS/Atom ``/lich-cong-tac/rss.xml``: the newest weeks."""
        return self.weeks()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["current_week"] = self.current_week()
        weeks = list(self.weeks())
        current = school_year_name_for(today_vn())
        context["weeks_this_year"] = [w for w in weeks if w.school_year == current]
        context["earlier_weeks"] = [w for w in weeks if w.school_year != current]
        context["school_year"] = current
        return context


class ScheduleWeekPage(VietnamesePageMixin, Page):
    """One week of the work schedule; the title and the address are derived from the week."""

    sitemap_date_field = "week_start"  # its sitemap part follows this year

    week_start = models.DateField(
        "Tuần bắt đầu (thứ Hai)", unique=True, help_text="Chọn một ngày trong tuần; hệ thống lấy thứ Hai."
    )
    school_year = models.CharField("Năm học", max_length=9, blank=True, editable=False)
    note = models.TextField("Ghi chú", blank=True)

    # Loaded for every public page of a full build (cms.publishing.outputs.load_index).
    static_index_fields = ("week_start",)

    content_panels = [
        FieldPanel("week_start"),
        InlinePanel("entries", label="Công việc trong tuần", min_num=1),
        FieldPanel("note"),
    ]
    promote_panels = []
    parent_page_types = ["schedule.ScheduleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Lịch công tác tuần"
        verbose_name_plural = "Lịch công tác tuần"

    def derive_from_week(self):
        """Snap ``week_start`` to its Monday; title, slug and school year follow from it."""
        if self.week_start:
            self.week_start = monday_of(self.week_start)
            self.title = week_label(self.week_start)
            self.slug = f"tuan-{self.week_start:%d-%m-%Y}"
            self.school_year = week_school_year_name(self.week_start)

    def full_clean(self, *args, **kwargs):
        # The title and slug come from the week: fill them before Wagtail checks they are present.
        self.derive_from_week()
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.week_start:
            clash = ScheduleWeekPage.objects.filter(week_start=self.week_start).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"week_start": f"Đã có lịch công tác {week_label(self.week_start)}."})

    def save(self, *args, **kwargs):
        self.derive_from_week()
        super().save(*args, **kwargs)

    @property
    def week_end(self):
        """Saturday of the week."""
        return self.week_start + timedelta(days=5)

    @property
    def publication_date(self):
        """Feeds date a week by its Monday."""
        return self.week_start

    @property
    def lead(self):
        """One line for feeds and the page description."""
        count = len(self.public_entries())
        return f"Lịch công tác {self.title}: {count} nội dung."

    def public_entries(self):
        """Entries that are not internal, by day and time: the only ones any public output shows."""
        return [e for e in self.entries.all() if not e.internal]

    def days(self):
        """[(date, "Thứ Hai", [entries])] for the days of the week that have public entries."""
        by_day = {}
        for entry in sorted(
            self.public_entries(), key=lambda e: (e.day, e.start_time or date.min, e.sort_order)
        ):
            by_day.setdefault(entry.day, []).append(entry)
        return [(day, WEEKDAYS[day.weekday()], entries) for day, entries in sorted(by_day.items())]

    def previous_week(self):
        return self._sibling(week_start__lt=self.week_start, order="-week_start")

    def next_week(self):
        return self._sibling(week_start__gt=self.week_start, order="week_start")

    def _sibling(self, order, **lookup):
        # The shared listing shape: one step along the week_start index, not every week sorted.
        return pages_beside(ScheduleWeekPage, self).filter(**lookup).order_by(order).first()

    def static_dependents(self, index=None):
        """The index, the home page (current week) and the neighbouring weeks (their previous/next links).

        ``index``: the build's ``cms.publishing.outputs.PageIndex`` (full builds): answered from it, no query.
        """
        if index is not None:
            ancestors = index.ancestors(self, self.depth - 2)
            weeks, position = index.ordered_siblings(self, ScheduleWeekPage, ("week_start", "pk"))
            if ancestors is not None and position is not None:
                earlier = [w for w in weeks if w.week_start < self.week_start]
                later = [w for w in weeks if w.week_start > self.week_start]
                return [ancestors[1], ancestors[0], *earlier[-1:], *later[:1]]
        index_page = self.get_parent().specific
        pages = [index_page, index_page.get_parent().specific]
        pages += [p for p in (self.previous_week(), self.next_week()) if p is not None]
        return pages

    def search_shard(self):
        return "lich-cong-tac"


class ScheduleEntry(Orderable):
    """One item of the week: day, time, what, where, who presides, who takes part; ``internal`` is private."""

    page = ParentalKey(ScheduleWeekPage, on_delete=models.CASCADE, related_name="entries")
    day = models.DateField("Ngày")
    start_time = models.TimeField("Giờ", null=True, blank=True, help_text="Để trống nếu cả ngày.")
    content = models.TextField("Nội dung công việc", max_length=1000)
    place = models.CharField("Địa điểm", max_length=200, blank=True)
    presiding = models.CharField("Chủ trì", max_length=200, blank=True)
    participants = models.CharField("Thành phần", max_length=300, blank=True)
    internal = models.BooleanField(
        "Nội bộ (không công khai)", default=False, help_text="Không hiện trên cổng, trong tìm kiếm hay RSS."
    )

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("start_time"), FieldPanel("internal")]),
        FieldPanel("content"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("place"), FieldPanel("presiding")]), FieldPanel("participants")],
            heading="Địa điểm, chủ trì, thành phần",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Công việc"
        verbose_name_plural = "Công việc"

    def clean(self):
        for field in ("content", "place", "presiding", "participants"):
            setattr(self, field, nfc(getattr(self, field)).strip())
        week = getattr(self.page, "week_start", None)
        if week and self.day:
            start = monday_of(week)
            if not start <= self.day <= start + timedelta(days=6):
                end = start + timedelta(days=6)
                raise ValidationError(
                    {"day": f"Ngày phải trong tuần từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}."}
                )

    @property
    def time_label(self):
        """ "7h30", or "Cả ngày"."""
        if self.start_time is None:
            return "Cả ngày"
        hour, minute = self.start_time.hour, self.start_time.minute
        return f"{hour}h{minute:02d}" if minute else f"{hour}h"


class WeekCheck(models.Model):
    """The Monday the home page last showed as "this week" (one row): the periodic job rebuilds on change."""

    week_start = models.DateField()

    class Meta:
        verbose_name = "Tuần đang hiển thị"

    def __str__(self):
        return f"{self.week_start:%d/%m/%Y}"
