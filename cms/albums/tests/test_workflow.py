"""Albums go through the news workflow (vice principal → principal); the schedule through the principal's."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from cms.albums.models import AlbumIndexPage
from cms.schedule.models import ScheduleIndexPage

pytestmark = pytest.mark.django_db


def test_album_index_follows_the_news_route():
    """Clarification #14: albums go vice principal → principal like news; news writers add them."""
    albums = AlbumIndexPage.objects.get()
    news = Page.objects.get(slug="tin-tuc-su-kien")
    stages = [task.name for task in albums.get_workflow().tasks]
    assert stages == [task.name for task in news.get_workflow().tasks]
    assert stages == ["Phó hiệu trưởng duyệt", "Hiệu trưởng duyệt và cho đăng"]
    writer = get_user_model().objects.get(username="phohieutruong")
    assert albums.permissions_for_user(writer).can_add_subpage()


def test_office_writes_the_schedule_but_only_the_principal_publishes_it():
    schedule = ScheduleIndexPage.objects.get()
    assert [task.name for task in schedule.get_workflow().tasks] == ["Hiệu trưởng duyệt và cho đăng"]
    users = get_user_model().objects
    office = schedule.permissions_for_user(users.get(username="vanthu"))
    assert office.can_add_subpage() and not office.can_publish_subpage()
    principal = schedule.permissions_for_user(users.get(username="hieutruong"))
    assert principal.can_publish_subpage()
