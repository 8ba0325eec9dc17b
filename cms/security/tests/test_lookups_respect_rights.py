"""Choosers and searches show a person only titles they may already see (no one else's drafts)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.publishing.tests.helpers import new_article

pytestmark = pytest.mark.django_db

SECRET = "Bản nháp kiểm tra đề thi chưa duyệt"


@pytest.fixture
def teachers_draft():
    article = new_article(SECRET, "ban-nhap-de-thi")
    article.owner = get_user_model().objects.get(username="giaovien1")
    article.live = False
    article.save()
    article.save_revision(user=article.owner)
    return article


def _lookups(client, article):
    section = article.get_parent()
    return {
        "page chooser search": client.get(reverse("wagtailadmin_choose_page_search"), {"q": "nháp đề thi"}),
        "page chooser browse": client.get(reverse("wagtailadmin_choose_page_child", args=[section.pk])),
        "page search": client.get(reverse("wagtailadmin_pages:search"), {"q": "nháp đề thi"}),
        "explorer search": client.get(
            reverse("wagtailadmin_explore", args=[section.pk]), {"q": "nháp đề thi"}
        ),
    }


def _shows(response):
    body = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        import json

        body = json.dumps(response.json(), ensure_ascii=False)
    return SECRET in body


def test_pupil_does_not_see_a_teachers_draft_in_any_lookup(client, login, teachers_draft):
    login("hocsinh1a")
    for name, response in _lookups(client, teachers_draft).items():
        assert response.status_code in (200, 302, 403), name
        assert not _shows(response), name


@pytest.mark.parametrize("username", ["giaovien1", "hieutruong"])
def test_the_author_and_the_principal_still_find_it(client, login, teachers_draft, username):
    login(username)
    results = _lookups(client, teachers_draft)
    assert _shows(results["page chooser search"])
    assert _shows(results["page search"])
