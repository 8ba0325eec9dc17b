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


def test_a_renamed_section_keeps_its_feeds_and_archives_at_the_old_address(
    built_site, django_capture_on_commit_callbacks
):
    """Wagtail records redirects for a renamed section and its articles, not for what the section publishes
    below its address: its feeds and archives followed from the old address too, or a parent's feed reader
    silently stopped getting news (newcomer's report). A feed's redirect is the file itself (nginx and S3
    answer 301 there); an admin-made redirect for such an address wins over the derived one."""
    from cms.news.models import SectionPage
    from cms.publishing import redirect_rules

    publish(new_article("Chuyên đề đổi mới sinh hoạt tổ", "chuyen-de-sinh-hoat-to"))
    build_site(trigger="test")
    section = SectionPage.objects.live().get(slug="hoat-dong-chuyen-mon")
    archive = next(route for route in section.static_routes() if route.count("/") == 2)  # luu-tru/<year>/
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(old_path="/hoat-dong-chuyen-mon/atom.xml", redirect_link="/atom.xml")
        section.slug = "chuyen-mon"
        section.save_revision().publish()
    build_pending()

    for old, new in (("rss.xml", "/chuyen-mon/rss.xml"), (f"{archive}index.html", f"/chuyen-mon/{archive}")):
        assert f'<meta http-equiv="refresh" content="0; url={new}">' in text(f"hoat-dong-chuyen-mon/{old}")
    assert "url=/atom.xml" in text("hoat-dong-chuyen-mon/atom.xml")  # the admin's redirect
    assert text("chuyen-mon/rss.xml").startswith("<?xml")

    redirects = dict(redirect_rules.current_redirects())
    assert redirects["/hoat-dong-chuyen-mon/rss.xml"] == "/chuyen-mon/rss.xml"
    rules = redirect_rules.nginx_rules(redirect_rules.current_redirects())
    assert 'location = "/hoat-dong-chuyen-mon/rss.xml" { return 301 "/chuyen-mon/rss.xml"; }' in rules
    keys = redirect_rules.s3_redirect_locations(redirect_rules.current_redirects())
    assert keys["hoat-dong-chuyen-mon/rss.xml"] == "/chuyen-mon/rss.xml"
    assert keys[f"hoat-dong-chuyen-mon/{archive}index.html"] == f"/chuyen-mon/{archive}"


def test_an_admin_redirect_to_a_page_points_one_address_only(built_site, django_capture_on_commit_callbacks):
    """Only a redirect Wagtail recorded for a renamed or moved page carries the page's feeds and archives;
    one made in the admin ("/tuyen-sinh" → a section) never invents "/tuyen-sinh/rss.xml"."""
    from cms.news.models import SectionPage
    from cms.publishing import redirect_rules

    section = SectionPage.objects.live().get(slug="hoat-dong-chuyen-mon")
    with django_capture_on_commit_callbacks(execute=True):
        Redirect.objects.create(old_path="/tuyen-sinh", redirect_page=section)
    build_pending()

    assert "url=/hoat-dong-chuyen-mon/" in text("tuyen-sinh/index.html")
    assert not (release.current_dir() / "tuyen-sinh/rss.xml").exists()
    assert [old for old, _ in redirect_rules.current_redirects() if old.startswith("/tuyen-sinh")] == [
        "/tuyen-sinh"
    ]
