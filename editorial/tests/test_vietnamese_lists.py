"""Admin lists fold Vietnamese in search and sort people the Vietnamese way (issue 10 item 7).

Server-side checks of each list people use: pages (Wagtail's search and explorer), accounts, notices,
documents and the writing plan. The browser test of typing into a search box is in
``tests/test_admin_search_browser.py``.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from cms.core.vietnamese import name_sort_key
from cms.documents.factories import OfficialDocumentPageFactory
from cms.news.models import ArticlePage, SectionPage
from cms.notices.factories import NoticePageFactory
from editorial.models import StaffProfile
from editorial.planning.factories import AssignmentFactory
from editorial.planning.models import Assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def principal(client):
    user = get_user_model().objects.get(username="hieutruong")
    client.force_login(user)
    return user


def _new_article(title):
    section = SectionPage.objects.get(slug="hoat-dong-chuyen-mon")
    article = ArticlePage(title=title, slug="", lead="Tóm tắt.", body=[], live=False)
    section.add_child(instance=article)
    return section, article


def test_wagtail_page_search_and_explorer_ignore_tone_marks(principal, client):
    section, article = _new_article("Đội tuyển Đá cầu đạt giải Nhất")
    for query in ("doi tuyen da cau", "ĐỘI TUYỂN", "đa cau"):
        html = client.get(reverse("wagtailadmin_pages:search"), {"q": query}).content.decode()
        assert "Đội tuyển Đá cầu đạt giải Nhất" in html, query
        html = client.get(reverse("wagtailadmin_explore", args=(section.pk,)), {"q": query}).content.decode()
        assert "Đội tuyển Đá cầu đạt giải Nhất" in html, query
    html = client.get(reverse("wagtailadmin_pages:search"), {"q": "bong ro"}).content.decode()
    assert "Đội tuyển Đá cầu" not in html


def test_page_chooser_search_ignores_tone_marks(principal, client):
    _new_article("Đội tuyển Đá cầu đạt giải Nhất")
    response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "doi tuyen da cau"})
    assert "Đội tuyển Đá cầu đạt giải Nhất" in response.content.decode()


def test_accounts_search_folds_and_lists_people_by_given_name(principal, client):
    url = reverse("editorial_accounts:index")
    html = client.get(url, {"q": "bui duc"}).content.decode()
    assert "quantri" in html and "giaovien1" not in html
    html = client.get(url, {"q": "ĐỨC MẠNH"}).content.decode()
    assert "quantri" in html
    # A renamed account is found by its new name at once.
    user = get_user_model().objects.get(username="giaovien1")
    user.first_name, user.last_name = "Đào", "Trịnh Thị"
    user.save()
    assert "giaovien1" in client.get(url, {"q": "trinh thi dao"}).content.decode()

    # The list: active accounts by given name, then family name (Đ after D).
    page = client.get(url).content.decode()
    listed = re.findall(r"<td>([a-z0-9]+)</td>", page)
    active = get_user_model().objects.filter(is_active=True, is_superuser=False)
    expected = [u.username for u in sorted(active, key=lambda u: name_sort_key(u.last_name, u.first_name))]
    assert listed[: len(expected)] == expected


def test_person_columns_follow_profile_and_account():
    user = get_user_model().objects.get(username="quantri")
    profile = StaffProfile.objects.get(user=user)
    assert "bui duc manh" in profile.search_folded
    assert profile.name_sort and profile.name_sort.isascii()


def test_notices_search_folds(principal, client):
    NoticePageFactory(title="Khẩn: Học sinh nghỉ học do ảnh hưởng của mưa bão", slug="nghi-hoc-mua-bao")
    NoticePageFactory(title="Thông báo tựu trường")
    url = reverse("notices_noticepage_modeladmin_index")
    html = client.get(url, {"q": "nghi hoc mua bao"}).content.decode()
    assert "Khẩn: Học sinh nghỉ học do ảnh hưởng của mưa bão" in html
    assert "Thông báo tựu trường" not in html


def test_documents_search_folds(principal, client):
    OfficialDocumentPageFactory(title="Điều lệ Trường tiểu học")
    OfficialDocumentPageFactory(title="Quy chế sử dụng thư điện tử và cổng thông tin")
    url = reverse("documents_officialdocumentpage_modeladmin_index")
    html = client.get(url, {"q": "dieu le truong tieu hoc"}).content.decode()
    assert "Điều lệ Trường tiểu học" in html
    assert "thư điện tử và cổng thông tin" not in html


def test_writing_plan_search_folds_topic_and_writer(principal, client):
    AssignmentFactory(topic="Tiết học trải nghiệm “Em yêu cây xanh” của lớp 1A")
    AssignmentFactory(topic="Chuyên đề dạy đọc cho học sinh lớp 1")
    url = reverse("ke-hoach-viet-bai:index")
    html = client.get(url, {"q": "em yeu cay xanh"}).content.decode()
    assert "Em yêu cây xanh" in html
    assert "Chuyên đề dạy đọc" not in html
    writer = Assignment.objects.get(topic__startswith="Chuyên đề dạy đọc").assignee
    html = client.get(url, {"q": writer.first_name.upper()}).content.decode()
    assert "Chuyên đề dạy đọc" in html


def test_people_choosers_are_in_vietnamese_order(principal):
    from editorial.planning.rules import assignable_users

    people = list(assignable_users(principal))
    assert people == sorted(people, key=lambda u: (name_sort_key(u.last_name, u.first_name), u.username))
    given = [u.first_name for u in people if u.first_name[:1] in "DĐ"]
    assert given == sorted(given, key=lambda g: name_sort_key("", g))
