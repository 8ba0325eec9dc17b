"""Albums go through the news workflow (vice principal → principal); the schedule through the principal's."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from cms.albums.models import AlbumIndexPage
from cms.schedule.models import ScheduleIndexPage

pytestmark = pytest.mark.django_db


def test_album_index_uses_the_news_sections_workflow():
    albums = AlbumIndexPage.objects.get()
    news = Page.objects.get(slug="tin-tuc-su-kien")
    assert albums.get_workflow() == news.get_workflow()
    stages = [task.name for task in albums.get_workflow().tasks]
    assert stages == ["Phó hiệu trưởng duyệt", "Hiệu trưởng duyệt và cho đăng"]


def test_office_writes_the_schedule_but_only_the_principal_publishes_it():
    schedule = ScheduleIndexPage.objects.get()
    assert schedule.get_workflow().name == "Duyệt văn bản, thông báo"
    users = get_user_model().objects
    office = schedule.permissions_for_user(users.get(username="vanthu"))
    assert office.can_add_subpage() and not office.can_publish_subpage()
    principal = schedule.permissions_for_user(users.get(username="hieutruong"))
    assert principal.can_publish_subpage()
