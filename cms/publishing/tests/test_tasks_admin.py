"""Background builds, coalescing, the build log in the admin, and the scheduler."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from cms.publishing import release
from cms.publishing.models import PendingChange, SiteBuild
from cms.publishing.scheduler import tick

from .helpers import new_article, publish, section, text

pytestmark = pytest.mark.django_db

LOG_URL = "publishing_sitebuild_modeladmin_index"


def test_a_burst_of_publishes_gives_one_build(built_site, django_capture_on_commit_callbacks):
    builds = SiteBuild.objects.count()
    titles = [f"Tin nhanh số {n}: lớp 4{chr(65 + n)} đi thực tế" for n in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        for n, title in enumerate(titles):
            publish(new_article(title, f"tin-nhanh-so-{n}"))
    assert SiteBuild.objects.count() == builds + 1
    build = SiteBuild.objects.first()
    assert build.status == SiteBuild.Status.SUCCESS and build.pages == 3 and not build.full
    assert all(title in text("index.html") for title in titles)
    assert not PendingChange.objects.exists()


def test_principal_sees_the_build_log_teacher_does_not(built_site, client, login):
    SiteBuild.objects.create(
        trigger="Xuất bản: bài lỗi", status=SiteBuild.Status.FAILED, error="RuntimeError: hỏng"
    )
    login("hieutruong")
    response = client.get(reverse(LOG_URL))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Các lần xuất bản" in page
    assert "test: initial" in page and "Thành công" in page
    assert "RuntimeError: hỏng" in page and "Lỗi" in page
    assert client.get(reverse("publishing_sitebuild_modeladmin_create")).status_code in (302, 403)

    client.logout()
    login("giaovien1")
    assert client.get(reverse(LOG_URL)).status_code in (302, 403)


def test_scheduler_publishes_and_expires_on_time(built_site, django_capture_on_commit_callbacks):
    now = timezone.now()
    title = "Lịch thi cuối học kỳ I năm học 2026-2027"
    article = new_article(title, "lich-thi-cuoi-hoc-ky-i")
    article.go_live_at = now + timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()  # scheduled, not live yet
    article.refresh_from_db()
    assert not article.live

    with django_capture_on_commit_callbacks(execute=True):
        assert tick(now) == []
    assert title not in text("index.html")

    # An hour later (the scheduler runs every minute): the go-live time has passed.
    past = now - timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert tick(now) == []
    assert title in text("index.html")

    expiring = section().articles().first()
    type(expiring).objects.filter(pk=expiring.pk).update(expire_at=now - timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        tick(now)
    assert not (release.current_dir() / expiring.url.strip("/") / "index.html").exists()
    assert expiring.title not in text(f"{section().slug}/index.html")


def test_periodic_jobs_run_and_one_failure_does_not_stop_the_others():
    calls = []

    def broken(now):
        raise RuntimeError("máy chủ thư viện không trả lời")

    def record(now):
        calls.append(now)

    now = timezone.now()
    with hooks.register_temporarily("register_periodic_jobs", broken):
        with hooks.register_temporarily("register_periodic_jobs", record):
            errors = tick(now)
    assert calls == [now]
    assert len(errors) == 1 and "máy chủ thư viện không trả lời" in errors[0]


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_production_backend_queues_the_build_for_the_worker(
    built_site, django_capture_on_commit_callbacks, monkeypatch
):
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    # The worker closes connections outside autocommit (a real worker is its own process); here it shares the
    # test's connection, whose transaction holds the data: PostgreSQL would lose it.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    title = "Hội thi giáo viên dạy giỏi cấp trường"
    with django_capture_on_commit_callbacks(execute=True):
        publish(new_article(title, "hoi-thi-giao-vien-day-gioi"))
    builds = DBTaskResult.objects.filter(task_path="cms.publishing.tasks.build_pending_changes")
    assert builds.filter(status="READY").count() == 1
    assert title not in text("index.html")  # queued, not built in the web request

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert title in text("index.html")
    assert builds.get().status == "SUCCESSFUL"
