"""Issue 2: a teacher writes, the board approves (department head, vice principal, principal since issue 4),
the static site shows it; nothing leaks before."""

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.news.models import ArticlePage, SectionPage
from cms.publishing.builder import build_site
from cms.publishing.release import current_dir, walk_files

pytestmark = pytest.mark.django_db(transaction=False)

TITLE = "Chuyên đề “Dạy học phát triển năng lực” của Tổ 1"
SLUG = "chuyen-de-day-hoc-phat-trien-nang-luc-to-1"


def _article_form(**extra):
    data = nested_form_data(
        {
            "title": TITLE,
            "slug": SLUG,
            "lead": "Sáng thứ Năm, Tổ 1 tổ chức chuyên đề dạy học phát triển năng lực cho học sinh lớp 1.",
            "cover_alt": "",
            "body": streamfield(
                [("paragraph", rich_text("<p>Các thầy cô đã dự giờ tiết Tiếng Việt lớp 1A và góp ý.</p>"))]
            ),
            "publication_date": "2026-11-26",
            "author_name": "Nguyễn Thị Hà",
            "author_position": "Giáo viên Tổ 1",
            "comments": {
                "TOTAL_FORMS": "0",
                "INITIAL_FORMS": "0",
                "MIN_NUM_FORMS": "0",
                "MAX_NUM_FORMS": "1000",
            },
        }
    )
    data.update(extra)
    return data


def _section():
    return SectionPage.objects.get(slug="hoat-dong-chuyen-mon")


def _static_text():
    root = current_dir()
    return "\n".join((root / p).read_text(encoding="utf-8") for p in walk_files(root) if p.endswith(".html"))


def _submit_as_teacher(client, login):
    login("giaovien1")
    section = _section()
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    response = client.post(url, _article_form(**{"action-submit": "Gửi duyệt"}))
    assert response.status_code == 302, response.content[:2000]
    article = ArticlePage.objects.get(slug=SLUG)
    return article


def test_teacher_submits_principal_approves_static_site_shows_it(
    client, login, site_dir, django_capture_on_commit_callbacks
):
    build_site(trigger="test: initial")
    article = _submit_as_teacher(client, login)

    # Submitted, in moderation, not live, and nothing of it in the static output.
    assert not article.live
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert TITLE not in _static_text()
    assert not (current_dir() / "hoat-dong-chuyen-mon" / SLUG).exists()

    # The head of the author's department, then the vice principal approve: still nothing public.
    for reviewer in ("totruong1", "phohieutruong"):
        client.logout()
        login(reviewer)
        state.refresh_from_db()
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.current_task_state_id)
        )
        assert client.post(url, {"comment": "Đồng ý."}).status_code == 302
        article.refresh_from_db()
        assert not article.live
        assert TITLE not in _static_text()

    # The principal approves through the admin's workflow action; approval publishes and rebuilds.
    client.logout()
    login("hieutruong")
    state.refresh_from_db()
    task_state = state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Đồng ý đăng."})
    assert response.status_code == 302

    article.refresh_from_db()
    assert article.live
    article_html = (current_dir() / "hoat-dong-chuyen-mon" / SLUG / "index.html").read_text(encoding="utf-8")
    assert TITLE in article_html
    # The byline comes from the author's account, not from what the form posted (issue 10).
    from editorial.models.profiles import person_name

    assert f"{person_name(article.owner)} – Giáo viên Tổ 1" in article_html
    assert "Nguyễn Thị Hà" not in article_html
    section_html = (current_dir() / "hoat-dong-chuyen-mon" / "index.html").read_text(encoding="utf-8")
    assert f"/hoat-dong-chuyen-mon/{SLUG}/" in section_html
    home_html = (current_dir() / "index.html").read_text(encoding="utf-8")
    assert f"/hoat-dong-chuyen-mon/{SLUG}/" in home_html


def test_teacher_cannot_publish_directly(client, login, site_dir):
    build_site(trigger="test: initial")
    login("giaovien1")
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", _section().pk))
    client.post(url, _article_form(**{"action-publish": "Xuất bản"}))
    article = ArticlePage.objects.get(slug=SLUG)
    assert not article.live  # the server ignored the publish action: saved as a draft at most
    assert TITLE not in _static_text()

    # Explicit publish of an existing draft is refused too.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)), _article_form(**{"action-publish": "1"})
    )
    article.refresh_from_db()
    assert not article.live
    assert response.status_code in (200, 302, 403)


def test_teacher_cannot_approve_own_submission(client, login, site_dir):
    build_site(trigger="test: initial")
    article = _submit_as_teacher(client, login)
    state = WorkflowState.objects.get(object_id=str(article.pk))
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.current_task_state.pk)
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert not article.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_teacher_cannot_write_outside_their_section(client, login):
    login("giaovien1")
    other = SectionPage.objects.get(slug="tin-tuc-su-kien")
    response = client.get(reverse("wagtailadmin_pages:add", args=("news", "articlepage", other.pk)))
    assert response.status_code in (302, 403)
    assert not Page.objects.filter(slug=SLUG).exists()
