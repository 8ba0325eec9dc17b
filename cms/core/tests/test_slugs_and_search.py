"""Slugs repaired on the server (issue 10 item 3) and the admin page search folding Vietnamese (item 7)."""

import unicodedata

import pytest
from wagtail.models import Page

from cms.core.pages import repaired_slug
from cms.news.models import ArticlePage, SectionPage

TITLE = "Đội tuyển Đá cầu đạt giải Nhất"
GOOD = "doi-tuyen-da-cau-dat-giai-nhat"


def _article(section, **kwargs):
    values = {"title": TITLE, "lead": "Tóm tắt", "body": [], "live": False}
    values.update(kwargs)
    article = ArticlePage(**values)
    section.add_child(instance=article)
    return article


@pytest.fixture
def section(db):
    return SectionPage.objects.get(slug="hoat-dong-chuyen-mon")


@pytest.mark.parametrize(
    "stock_slug",
    [
        "dji-tuyn-dja-cu-djt-gii-nht",  # the stock admin scripts: Serbian dj, unknown letters dropped
        "oi-tuyen-a-cau-at-giai-nhat",  # django.utils.text.slugify drops đ
        "doi-tuyn-da-cu-dat-gii-nht",  # letters dropped only
    ],
)
def test_stock_slug_of_a_new_page_is_repaired(section, stock_slug):
    article = _article(section, slug=stock_slug)
    article.refresh_from_db()
    assert article.slug == GOOD
    assert article.url_path.endswith(f"/{GOOD}/")


def test_slug_chosen_by_the_editor_is_kept(section):
    article = _article(section, slug="doi-tuyen-da-cau")
    assert article.slug == "doi-tuyen-da-cau"
    article = _article(section, title="Hoạt động chuyên môn tháng 11", slug="hd-chuyen-mon-t11")
    assert article.slug == "hd-chuyen-mon-t11"


def test_accented_or_nfd_slug_is_folded(section):
    article = _article(section, slug=unicodedata.normalize("NFD", "Đội tuyển Đá cầu"))
    assert article.slug == "doi-tuyen-da-cau"


def test_published_page_keeps_its_address(section):
    article = _article(section, slug=GOOD, live=True)
    article.save_revision().publish()
    article.refresh_from_db()
    article.slug = "dji-tuyn-dja-cu-djt-gii-nht"
    # A published page is never re-slugged behind the board's back: the slug it is given is kept (folded).
    assert repaired_slug(article) == "dji-tuyn-dja-cu-djt-gii-nht"


def test_page_search_ignores_tone_marks_and_folds_d(section):
    article = _article(section, slug="")
    for query in (
        "doi tuyen da cau",
        "Đội tuyển Đá cầu",
        "DOI TUYEN",
        "giai nha",
        unicodedata.normalize("NFD", TITLE),
    ):
        found = Page.objects.autocomplete(query)
        assert article.pk in [p.pk for p in found], query
        found = ArticlePage.objects.search(query.replace("giai nha", "giai nhat"))
        assert article.pk in [p.pk for p in found], query
    assert article.pk not in [p.pk for p in Page.objects.autocomplete("bong da")]


def test_data_migration_repairs_never_published_pages_only(section):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("cms.core.migrations.0004_repair_vietnamese_slugs")
    draft = _article(section, slug="placeholder")
    published = _article(section, title="Đá cầu học đường", slug="placeholder-2", live=True)
    published.save_revision().publish()
    draft.save_revision()
    # Simulate the state the stock script left (the model's own save would repair it).
    stock_path = f"{section.url_path}dji-tuyn-dja-cu-djt-gii-nht/"
    Page.objects.filter(pk=draft.pk).update(slug="dji-tuyn-dja-cu-djt-gii-nht", url_path=stock_path)
    Page.objects.filter(pk=published.pk).update(slug="dja-cu-hc-djng")

    migration.repair(apps, None)

    draft.refresh_from_db()
    assert draft.slug == GOOD
    assert draft.url_path == f"{section.url_path}{GOOD}/"
    assert draft.get_latest_revision_as_object().slug == GOOD
    assert Page.objects.get(pk=published.pk).slug == "dja-cu-hc-djng"  # public address kept


def _edit_slug(client, page, slug):
    from django.urls import reverse
    from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["slug"] = slug
    # The body editor is drawn by JavaScript; post one paragraph as it would.
    data.update(nested_form_data({"body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))])}))
    return client.post(url, data)


def test_only_the_board_changes_the_address_of_a_published_page(client, section):
    from django.contrib.auth import get_user_model

    writer = get_user_model().objects.get(username="giaovien1")
    from cms.news.factories import ArticlePageFactory

    article = ArticlePageFactory(parent=section, owner=writer)
    old = article.slug
    client.force_login(writer)  # the author of the published article, not on the board
    response = _edit_slug(client, article, "dia-chi-moi")
    assert response.status_code == 200
    assert "chỉ Ban biên tập được đổi địa chỉ" in response.content.decode()
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().slug == old

    client.force_login(get_user_model().objects.get(username="hieutruong"))
    response = _edit_slug(client, article, "dia-chi-moi")
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object().slug == "dia-chi-moi"


@pytest.mark.parametrize("posted", ["th%C3%B4ng-b%C3%A1o-ngh%E1%BB%89", "Thông báo nghỉ", "thông báo/nghỉ"])
def test_a_slug_posted_with_marks_or_escapes_is_folded_not_refused_in_english(client, section, posted):
    """A slug pasted from the browser's address bar or typed with marks: folded, never Django's English
    "Enter a valid slug" error."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from editorial.moderation.tests.support import article_form

    client.force_login(get_user_model().objects.get(username="giaovien1"))
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    response = client.post(url, article_form("Thông báo nghỉ", posted))
    assert b"Enter a valid" not in response.content
    assert response.status_code == 302, response.content[:2000]
    assert ArticlePage.objects.filter(slug="thong-bao-nghi").exists()
