"""Documents and notices reach the public static site only after the principal approves them."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowPage, WorkflowState

from cms.documents.factories import OfficialDocumentPageFactory
from cms.documents.models import DocumentIndexPage, OfficialDocumentPage
from cms.notices.models import NoticeIndexPage, NoticePage
from cms.notices.tests.helpers import NOTICE_TITLE, notice_form
from cms.publishing.builder import build_site
from cms.publishing.release import current_dir

from .helpers import add_url, document_form

pytestmark = pytest.mark.django_db

DOC_SLUG = "quyet-dinh-thanh-lap-to-kiem-tra-noi-bo"


def _static(rel):
    path = current_dir() / rel
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _approve(client, login, page, django_capture_on_commit_callbacks):
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.school_key.key in ("route:van_ban", "route:thong_bao")
    client.logout()
    login("hieutruong")
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.current_task_state.pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Đồng ý đăng."})
    assert response.status_code == 302


def test_office_submits_document_principal_approves(
    client, login, site_dir, django_capture_on_commit_callbacks
):
    build_site(trigger="test: initial")
    login("vanthu")
    response = client.post(add_url(), document_form(**{"action-submit": "Gửi duyệt"}))
    assert response.status_code == 302
    doc = OfficialDocumentPage.objects.get(slug=DOC_SLUG)
    assert not doc.live

    # The writer cannot publish it directly either.
    client.post(reverse("wagtailadmin_pages:edit", args=(doc.pk,)), document_form(**{"action-publish": "1"}))
    doc.refresh_from_db()
    assert not doc.live
    assert "58/QĐ-THNK" not in _static("van-ban/index.html")
    assert not (current_dir() / "van-ban" / DOC_SLUG).exists()

    _approve(client, login, doc, django_capture_on_commit_callbacks)
    doc.refresh_from_db()
    assert doc.live
    detail = _static(f"van-ban/{DOC_SLUG}/index.html")
    assert "Quyết định số 58/QĐ-THNK" in detail
    assert "ngày 20 tháng 11 năm 2026" in detail
    assert "58/QĐ-THNK" in _static("van-ban/index.html")


def test_admin_submits_urgent_notice_home_page_shows_it_after_approval(
    client, login, site_dir, django_capture_on_commit_callbacks
):
    build_site(trigger="test: initial")
    login("quantri")
    index_page = NoticeIndexPage.objects.get()
    url = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", index_page.pk))
    response = client.post(url, notice_form(**{"action-submit": "Gửi duyệt"}))
    assert response.status_code == 302
    notice = NoticePage.objects.get(slug="dieu-chinh-gio-tan-hoc")
    assert not notice.live
    shown = NOTICE_TITLE.removeprefix("Khẩn: ")  # listed under one "Khẩn" badge, not "Khẩn Khẩn:"
    assert shown not in _static("index.html")

    _approve(client, login, notice, django_capture_on_commit_callbacks)
    home = _static("index.html")
    assert shown in home  # urgent notices are shown on the home page
    assert "Khẩn Khẩn" not in home
    assert shown in _static("thong-bao/index.html")


def test_both_index_pages_use_the_principal_workflow_found_by_key():
    """Set up by setup_workflows as in production; found by key, so renaming keeps them working."""
    from editorial.moderation.models import BoardApprovalTask
    from editorial.roles import role_group

    for index_page, key in (
        (DocumentIndexPage.objects.get(), "van_ban"),
        (NoticeIndexPage.objects.get(), "thong_bao"),
    ):
        workflow = WorkflowPage.objects.get(page=index_page).workflow
        assert workflow.school_key.key == f"route:{key}"
        task = workflow.tasks.get().specific
        assert isinstance(task, BoardApprovalTask)
        assert list(task.groups.all()) == [role_group("hieu_truong")]


def test_copying_a_document_is_refused_with_a_message(client, login):
    login("hieutruong")
    doc = OfficialDocumentPageFactory(number_symbol="12/KH-THNK", doc_type="ke-hoach")
    response = client.get(reverse("wagtailadmin_pages:copy", args=(doc.pk,)), follow=True)
    assert "Không thể sao chép văn bản" in response.content.decode()
    assert OfficialDocumentPage.objects.filter(number_symbol="12/KH-THNK").count() == 1
