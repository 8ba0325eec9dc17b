"""Helpers for driving moderation through the real admin views in tests."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.news.models import ArticlePage, SectionPage
from editorial.moderation.models import ReviewTaskState


def article_form(title, slug, text="Nội dung bài viết gửi duyệt.", **extra):
    """POST data of Wagtail's add/edit form for an ``ArticlePage``."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "Bài viết thử quy trình duyệt của cổng thông tin điện tử nhà trường.",
            "cover_alt": "",
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "publication_date": "2026-11-26",
            "author_name": "Người viết",
            "author_position": "Giáo viên",
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


def user(username):
    return get_user_model().objects.get(username=username)


def submit(client, username, section_slug, title, slug, text="Nội dung bài viết gửi duyệt.", **extra):
    """Log in as ``username`` and create + submit an article through the admin; returns the page."""
    client.force_login(user(username))
    section = SectionPage.objects.get(slug=section_slug)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    response = client.post(url, article_form(title, slug, text, **{"action-submit": "Gửi duyệt"}, **extra))
    assert response.status_code == 302, response.content[:3000]
    return ArticlePage.objects.get(slug=slug)


def resubmit(client, username, page, title, text):
    """Edit the article as ``username`` and submit it again."""
    client.force_login(user(username))
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = client.post(url, article_form(title, page.slug, text, **{"action-submit": "Gửi duyệt"}))
    assert response.status_code == 302, response.content[:3000]


def save_draft(client, username, page, title, text):
    """Save the editor as ``username`` with ``title`` and ``text``; the byline posted is the one the editor
    shows (the latest revision's), as a person's untouched byline field would be."""
    client.force_login(user(username))
    shown = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    byline = {"author_name": shown.author_name, "author_position": shown.author_position}
    return client.post(url, article_form(title, page.slug, text, **byline))


def workflow_state(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).order_by("-created_at", "-pk").first()


def current_stage(page):
    """The in-progress ``ReviewTaskState`` of ``page`` (or None)."""
    return (
        ReviewTaskState.objects.filter(
            workflow_state__object_id=str(page.pk), status=ReviewTaskState.STATUS_IN_PROGRESS
        )
        .select_related("task", "reviewer")
        .first()
    )


def act(client, username, page, action="approve", comment="", state=None):
    """POST a workflow action as ``username`` on the page's current stage; returns the response."""
    client.force_login(user(username))
    state = state or current_stage(page)
    assert state is not None, f"{page} is not waiting in moderation"
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return client.post(url, {"comment": comment})


def approve_through(client, page, usernames, django_capture_on_commit_callbacks=None):
    """Each reviewer in turn finds the page in their "Chờ tôi duyệt" panel and approves it."""
    for username in usernames:
        stage = current_stage(page)
        assert stage is not None, f"expected {username} to review, but nothing is waiting"
        client.force_login(user(username))
        home = client.get(reverse("wagtailadmin_home"))
        assert home.status_code == 200
        edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        assert edit_url in panel_html(home), f"{page} not in {username}'s queue at stage {stage.task.name}"
        response = act(client, username, page, "approve", comment=f"{username} đồng ý.")
        assert response.status_code == 302, (username, response.status_code)
        stage.refresh_from_db()
        assert stage.status == stage.STATUS_APPROVED, (username, stage.task.name)
        assert stage.finished_by.username == username


def panel_html(response, panel_id="cho-toi-duyet"):
    """The HTML of one dashboard panel (``cho-toi-duyet`` or ``bai-cua-toi``)."""
    html = response.content.decode()
    start = html.find(f'id="{panel_id}-content"')
    if start == -1:
        return ""
    end = html.find("</section>", start)
    return html[start : end if end != -1 else len(html)]


def live_text(page):
    page = Page.objects.get(pk=page.pk).specific
    return page.live, page.body.render_as_block() if page.live else ""
