"""Malformed admin POSTs (missing StreamField counts, management forms) answer 400 or a form error, not 500.

Every page type (edit and create) and every snippet, as the principal (who may edit them all).
"""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

pytestmark = pytest.mark.django_db


@pytest.fixture
def principal_client(django_user_model):
    client = Client(raise_request_exception=False)
    client.force_login(django_user_model.objects.get(username="hieutruong"))
    return client


def _assert_handled(response, what):
    assert response.status_code != 500, what
    assert response.status_code in (200, 302, 400, 403, 404), (what, response.status_code)
    if response.status_code == 400:
        assert "Yêu cầu không hợp lệ" in response.content.decode(), what


def test_empty_post_to_every_page_edit_form():
    client = Client(raise_request_exception=False)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="hieutruong"))
    tested = []
    for model in get_page_models():
        page = model.objects.exclude(depth=1).first()
        if page is None:
            continue
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        for data in ({}, {"title": "x"}, {"title": "x", "body-count": "abc"}):
            _assert_handled(client.post(url, data), f"{model.__name__} {data}")
        tested.append(model.__name__)
    assert "ArticlePage" in tested and len(tested) >= 5, tested
    article = Page.objects.type(get_page_models()[0]).first()
    assert article is not None


def test_empty_post_to_an_article_edit_form_is_400_with_a_message(principal_client):
    from cms.news.models import ArticlePage

    article = ArticlePage.objects.first()
    response = principal_client.post(reverse("wagtailadmin_pages:edit", args=[article.pk]), {})
    assert response.status_code == 400
    assert "Không có gì được lưu" in response.content.decode()


def test_empty_post_to_every_page_create_form(principal_client):
    for model in get_page_models():
        parent_model = (model.allowed_parent_page_models() or [None])[0]
        if parent_model is None or parent_model is Page:
            continue
        parent = parent_model.objects.first()
        if parent is None:
            continue
        url = reverse(
            "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
        )
        _assert_handled(principal_client.post(url, {}), f"add {model.__name__}")


def test_empty_post_to_every_snippet_edit_and_create_form(principal_client):
    tested = []
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        instance = model.objects.first()
        try:
            add_url = reverse(viewset.get_url_name("add"))
        except NoReverseMatch:
            add_url = None
        if add_url:
            _assert_handled(principal_client.post(add_url, {}), f"add {model.__name__}")
        if instance is not None:
            edit_url = reverse(viewset.get_url_name("edit"), args=[instance.pk])
            _assert_handled(principal_client.post(edit_url, {}), f"edit {model.__name__}")
        tested.append(model.__name__)
    assert tested


def test_a_formset_posted_without_its_counts_is_refused_in_vietnamese():
    """The structure forms (Tổ, lớp…) are formsets: a post without their counts reads Vietnamese."""
    from django.forms import Form, formset_factory
    from django.utils import translation

    with translation.override("vi"):
        formset = formset_factory(Form)(data={})
        assert not formset.is_valid()
        message = " ".join(formset.non_form_errors())
    assert "thiếu dữ liệu quản lý" in message and "ManagementForm" not in message
