"""Dashboard panels "Chờ tôi duyệt" and "Bài của tôi"; the queue costs the same queries for 5 or 500 items."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, Workflow, WorkflowState

from editorial.moderation.models import BoardApprovalTask, ReviewTaskState
from editorial.moderation.panels import AwaitingMyReviewPanel, MySubmissionsPanel

from .support import panel_html, submit, user

pytestmark = pytest.mark.django_db


def _waiting_items(count, author, start=0):
    """``count`` pages waiting at the principal's stage, made in bulk (the panel reads pages only)."""
    parent = Page.objects.get(slug="tin-tuc-su-kien")
    page_type = ContentType.objects.get_for_model(Page)
    last = parent.get_last_child()
    step = Page.steplen
    first_number = int(last.path[-step:], 36) + 1 if last else 1
    pages = []
    for offset in range(count):
        number = first_number + offset
        path = parent.path + Page._int2str(number).rjust(step, "0")
        pages.append(
            Page(
                title=f"Bài chờ duyệt {start + offset}",
                draft_title=f"Bài chờ duyệt {start + offset}",
                slug=f"bai-cho-duyet-{start + offset}",
                path=path,
                depth=parent.depth + 1,
                content_type=page_type,
                locale_id=parent.locale_id,
                live=False,
                owner=author,
                url_path=f"{parent.url_path}bai-cho-duyet-{start + offset}/",
            )
        )
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    created = list(Page.objects.filter(slug__startswith="bai-cho-duyet-").order_by("pk"))[-count:]
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                object_str=page.title,
                user=author,
                content={"title": page.title},
                created_at=timezone.now(),
            )
            for page in created
        ]
    )
    workflow = Workflow.objects.get(name="Duyệt bài Tin tức – Sự kiện")
    task = BoardApprovalTask.objects.get(name="Hiệu trưởng duyệt và cho đăng")
    states = WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type=page_type,
                base_content_type=page_type,
                object_id=str(page.pk),
                workflow=workflow,
                status=WorkflowState.STATUS_IN_PROGRESS,
                requested_by=author,
            )
            for page in created
        ]
    )
    for state, revision in zip(states, revisions, strict=True):
        ReviewTaskState.objects.create(
            workflow_state=state, revision=revision, task=task, author=author, status="in_progress"
        )


def _render(panel, username):
    request = RequestFactory().get("/admin/")
    request.user = user(username)
    context = {"request": request, "csrf_token": "x"}
    with CaptureQueriesContext(connection) as queries:
        html = panel.render_html(context)
    return html, len(queries)


def test_awaiting_review_panel_uses_constant_queries_for_5_and_500_items():
    author = user("quantri")
    _waiting_items(5, author)
    html5, queries5 = _render(AwaitingMyReviewPanel(), "hieutruong")
    assert "Bài chờ duyệt 4" in html5

    _waiting_items(495, author, start=5)
    html500, queries500 = _render(AwaitingMyReviewPanel(), "hieutruong")
    assert queries500 == queries5, (queries5, queries500)
    assert html500.count("data-task-state=") == 50  # the 50 longest waiting…
    assert "Còn 450 bài khác" in html500  # …and how many more

    # The author sees none of their own items to review; "Bài của tôi" lists them instead.
    html_author, _ = _render(AwaitingMyReviewPanel(), "quantri")
    assert "Bài chờ duyệt" not in html_author
    mine, _ = _render(MySubmissionsPanel(), "quantri")
    assert "Bài chờ duyệt" in mine and "Đang chờ duyệt" in mine


def test_dashboard_shows_stage_author_and_waiting_time(client):
    page = submit(client, "giaovien1", "hoat-dong-chuyen-mon", "Bài trên bảng điều khiển", "bai-tren-bang")
    client.force_login(user("totruong1"))
    queue = panel_html(client.get(reverse("wagtailadmin_home")))
    assert reverse("wagtailadmin_pages:edit", args=(page.pk,)) in queue
    assert "Tổ trưởng thẩm định" in queue
    assert "Lê Thị Phương Thảo" in queue
    assert "phút" in queue

    client.force_login(user("giaovien1"))
    mine = panel_html(client.get(reverse("wagtailadmin_home")), "bai-cua-toi")
    assert "Bài trên bảng điều khiển" in mine
    assert "Đang chờ duyệt" in mine and "Tổ trưởng thẩm định" in mine
