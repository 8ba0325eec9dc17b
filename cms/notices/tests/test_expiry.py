"""An expired notice leaves the static home page by itself (periodic job), and stays in the archive."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail import hooks

from cms.notices.factories import NoticePageFactory
from cms.notices.jobs import JOB_NAME
from cms.notices.models import ExpiryCheck, NoticePage
from cms.publishing.builder import build_site
from cms.publishing.release import current_dir

pytestmark = pytest.mark.django_db

TITLE = "Khẩn: Nghỉ học chiều nay do mất điện"
SHOWN = "Nghỉ học chiều nay do mất điện"  # under one "Khẩn" badge


def _static(rel):
    return (current_dir() / rel).read_text(encoding="utf-8")


def _run_periodic_jobs(now):
    # What the publishing engine's scheduler does about once a minute.
    for job in hooks.get_hooks("register_periodic_jobs"):
        job(now)


def test_expired_notice_leaves_home_page_but_stays_in_archive(site_dir, django_capture_on_commit_callbacks):
    notice = NoticePageFactory(title=TITLE, slug="nghi-hoc-chieu-nay", priority="khan")
    # The scheduler has been running: its last check was just now.
    ExpiryCheck.objects.update_or_create(job=JOB_NAME, defaults={"checked_at": timezone.now()})
    build_site(trigger="test: initial")
    assert SHOWN in _static("index.html")

    # Nothing expired yet: the job does not rebuild.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _run_periodic_jobs(timezone.now())
    assert callbacks == []

    # Time passes: the notice's end lies between the last check and now. (The deadline is moved instead
    # of the clock; a queryset update sends no publish signal, so only the periodic job can rebuild.)
    last_check = ExpiryCheck.objects.get(job=JOB_NAME).checked_at
    NoticePage.objects.filter(pk=notice.pk).update(valid_to=last_check + timedelta(milliseconds=1))
    time.sleep(0.01)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _run_periodic_jobs(timezone.now())
    assert len(callbacks) == 1  # one rebuild, no manual command

    assert SHOWN not in _static("index.html")
    archive = _static("thong-bao/index.html")
    archive_section = archive[archive.index('id="thong-bao-luu-tru"') :]
    assert SHOWN in archive_section
    assert TITLE in _static("thong-bao/nghi-hoc-chieu-nay/index.html")

    # The next tick finds nothing new.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _run_periodic_jobs(timezone.now())
    assert callbacks == []


def test_only_current_pinned_or_urgent_notices_are_on_the_home_page(site_dir):
    now = timezone.now()
    NoticePageFactory(title="Ghim: họp phụ huynh", pinned=True)
    NoticePageFactory(title="Thường, không ghim: lịch trực", pinned=False)
    NoticePageFactory(title="Khẩn nhưng chưa tới giờ", priority="khan", valid_from=now + timedelta(days=1))
    NoticePageFactory(title="Ghim nhưng chưa duyệt", pinned=True, publish=False)
    build_site(trigger="test")
    home = _static("index.html")
    assert "Ghim: họp phụ huynh" in home
    assert "Thường, không ghim: lịch trực" not in home
    assert "Khẩn nhưng chưa tới giờ" not in home
    assert "Ghim nhưng chưa duyệt" not in home
    index_html = _static("thong-bao/index.html")
    assert "Thường, không ghim: lịch trực" in index_html
    # Before its display window a notice is public nowhere (issue 11), not even as "upcoming".
    assert "Khẩn nhưng chưa tới giờ" not in index_html


def test_static_dependents_are_home_and_index():
    notice = NoticePageFactory()
    kinds = {type(p).__name__ for p in notice.static_dependents()}
    assert kinds == {"NoticeIndexPage", "HomePage"}
