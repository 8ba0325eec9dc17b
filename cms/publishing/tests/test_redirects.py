"""Changed addresses keep working on the static site (issue 10 item 3: redirects of Wagtail's Redirects)."""

import pytest
from wagtail.contrib.redirects.models import Redirect

from cms.publishing import release
from cms.publishing.builder import build_pending, build_site

from .helpers import new_article, publish, text

pytestmark = pytest.mark.django_db


NEW = "/hoat-dong-chuyen-mon/da-cau-giai-nhat-cap-quan/"


def test_renamed_page_leaves_a_redirect_at_its_old_address(built_site, django_capture_on_commit_callbacks):
    article = publish(new_article("Đội tuyển Đá cầu đạt giải Nhất", "doi-tuyen-da-cau-dat-giai-nhat"))
    build_site(trigger="test")
    # The board renames the published page's address: Wagtail records a Redirect from the old one.
    article.slug = "da-cau-giai-nhat-cap-quan"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    redirect = Redirect.objects.get(old_path="/hoat-dong-chuyen-mon/doi-tuyen-da-cau-dat-giai-nhat")
    assert redirect.redirect_page_id == article.pk
    build_pending()

    old = text("hoat-dong-chuyen-mon/doi-tuyen-da-cau-dat-giai-nhat/index.html")
    assert f'<meta http-equiv="refresh" content="0; url={NEW}">' in old
    assert f'<link rel="canonical" href="http://127.0.0.1:8080{NEW}">' in old
    assert "Đội tuyển Đá cầu" in text("hoat-dong-chuyen-mon/da-cau-giai-nhat-cap-quan/index.html")


def test_admin_redirects_come_and_go_with_the_redirect(built_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        redirect = Redirect.objects.create(old_path="/tuyen-sinh-2025", redirect_link="/thong-bao/")
    build_pending()
    assert "url=/thong-bao/" in text("tuyen-sinh-2025/index.html")
    # A redirect onto a live page's address never hides the page.
    Redirect.objects.create(old_path="/hoat-dong-chuyen-mon", redirect_link="/thong-bao/")
    with django_capture_on_commit_callbacks(execute=True):
        redirect.delete()
    build_pending()
    assert not (release.current_dir() / "tuyen-sinh-2025/index.html").exists()
    assert "url=/thong-bao/" not in text("hoat-dong-chuyen-mon/index.html")
