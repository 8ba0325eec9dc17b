"""The portal's demo content (issue 6) fills every page type and a second seeding changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from cms.core.pdf import ensure_pdf_document as ensure_document
from cms.demo import content
from cms.demo.seed import ensure_image
from cms.disclosure.demo import seed_disclosure
from cms.disclosure.models import DisclosureItem, DisclosureYearPage
from cms.home.demo import seed_home, seed_school_settings
from cms.home.models import HomePage, QuickLink
from cms.news.demo import seed_news, showcase_article
from cms.pages.demo import seed_pages
from cms.pages.models import LinkItem, LinksPage, OrganisationPage, StandardPage

# About the demo itself: the module gets the demo school (conftest.py::demo_school).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_school")]


def _counts():
    models = (Page, Revision, QuickLink, LinkItem, DisclosureItem, get_document_model(), get_image_model())
    return {model.__name__: model.objects.count() for model in models}


def test_every_page_type_has_demo_content():
    home = HomePage.objects.get()
    assert home.featured() == showcase_article(home)
    assert home.quick_links.count() >= 5
    assert {p.slug for p in StandardPage.objects.live()} >= {"gioi-thieu", "lich-su-nha-truong", "lien-he"}
    assert OrganisationPage.objects.live().count() == 1
    assert LinksPage.objects.live().get().links.count() >= 5
    year = DisclosureYearPage.objects.live().get(school_year="2025–2026")
    assert {item.category for item in year.items.all()} == {"general", "finance", "conditions", "quality"}


def test_seeding_the_portal_again_changes_nothing():
    home = HomePage.objects.get()
    site = Site.objects.get(is_default_site=True)
    users = {u.username: u for u in get_user_model().objects.all()}
    before = _counts()
    seed_school_settings(site, content.SCHOOL)
    seed_news(home, users, ensure_image, ensure_document)
    seed_pages(home, ensure_image)
    seed_disclosure(home, ensure_document)
    seed_home(HomePage.objects.get(), showcase_article(home))
    assert _counts() == before
