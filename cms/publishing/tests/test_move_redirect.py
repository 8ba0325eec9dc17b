"""A moved page's old address answers with its redirect page in the build the move triggers (issue 11, item 6;
clarification #8 "Changed addresses").

Wagtail creates a move's ``Redirect`` rows with ``bulk_create`` (no ``post_save``) in its own
``post_page_move`` receiver. The build must run after them. That ordering only shows outside a test
transaction (in autocommit, ``on_commit`` callbacks run at once, as in the real admin), so this test is
transactional: it moves the page through the admin and checks the very build the move triggered.
"""

import pytest
from django.urls import reverse

from cms.news.models import SectionPage
from cms.publishing import release
from cms.publishing.builder import build_site
from cms.publishing.models import PendingChange, SiteBuild

from .helpers import new_article, publish, text
from .test_integrity import broken_links

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def seeded():
    """Committed data for a transactional test (its flush at the end wipes the database)."""
    from tests.support.demo import seed_demo_after_flush

    seed_demo_after_flush()


def test_a_moved_page_redirects_from_its_old_address_in_the_same_build(seeded, site_dir, client, login):
    build_site(trigger="test: initial")
    article = publish(new_article("Hội thi giáo viên dạy giỏi cấp trường", "hoi-thi-gv-day-gioi"))
    old = "hoat-dong-chuyen-mon/hoi-thi-gv-day-gioi/index.html"
    assert (release.current_dir() / old).is_file()  # autocommit: the publish built at once
    target = SectionPage.objects.exclude(slug="hoat-dong-chuyen-mon").live().first()
    builds = SiteBuild.objects.count()

    login("hieutruong")
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=(article.pk, target.pk)))
    assert response.status_code == 302
    article.refresh_from_db()
    new_url = article.url
    assert new_url.startswith(f"/{target.slug}/")

    assert SiteBuild.objects.count() == builds + 1  # one build, triggered by the move
    assert not PendingChange.objects.exists()
    redirect_page = text(old)
    assert f'<meta http-equiv="refresh" content="0; url={new_url}">' in redirect_page
    assert "Hội thi giáo viên dạy giỏi" in text(new_url.strip("/") + "/index.html")
    assert not broken_links(release.current_dir().resolve())
