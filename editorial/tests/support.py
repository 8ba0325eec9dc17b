"""Helpers for driving the Wagtail admin as a school role in tests."""

from django.contrib.messages import get_messages
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.news.models import ArticlePage, SectionPage
from editorial.factories import StaffProfileFactory, UserFactory
from editorial.models import Position


def article_form(title, slug, **extra):
    """POST data of Wagtail's add/edit form for an ``ArticlePage``."""
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "lead": "Bài viết thử nghiệm phân quyền của cổng thông tin điện tử nhà trường.",
            "cover_alt": "",
            "body": streamfield([("paragraph", rich_text("<p>Nội dung bài viết thử nghiệm.</p>"))]),
            "publication_date": "2026-11-26",
            "author_name": "Người viết thử",
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


def draft_article(section_slug, owner, slug):
    """A saved, never-published article owned by ``owner`` (made directly, not through the admin)."""
    section = SectionPage.objects.get(slug=section_slug)
    article = ArticlePage(
        title=f"Bài nháp {slug}",
        slug=slug,
        lead="Bài nháp để thử phân quyền.",
        body=[("paragraph", RichText("<p>Nháp.</p>"))],
        owner=owner,
        live=False,
    )
    section.add_child(instance=article)
    article.save_revision(user=owner)
    return article


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def assert_refused(response):
    """A refusal is a 403, or a redirect that tells the user why (a message); never a 500 or a 200."""
    assert response.status_code != 500
    if response.status_code == 403:
        return
    assert response.status_code == 302, f"expected 403 or 302, got {response.status_code}"
    assert "/login/" not in response["Location"], "refused by logging out, not by a permission check"
    assert messages_of(response), "redirected without telling the user why"


def make_nurse():
    """The school nurse (no demo account exists for this position)."""
    user = UserFactory(username="yte", first_name="Lan", last_name="Trịnh Thị")
    StaffProfileFactory(user=user, position=Position.NURSE)
    return user
