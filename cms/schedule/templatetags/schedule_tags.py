"""``{% load schedule_tags %}{% current_schedule_week as week %}``: this week's schedule for the home page."""

from django import template

from cms.schedule.models import ScheduleIndexPage

register = template.Library()


@register.simple_tag
def current_schedule_week():
    """The live public week page holding today (Vietnam), or None."""
    index_page = ScheduleIndexPage.objects.live().public().first()
    return index_page.current_week() if index_page else None
