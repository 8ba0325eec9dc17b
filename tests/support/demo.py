"""The demo school for the tests that are about the demo (marked ``demo``), and rebuilding the session's
small world after a transactional test's flush (PostgreSQL runs, where no snapshot is taken)."""

from django.core.management import call_command
from django.db import transaction


def _restore_wagtail_roots():
    """A flush also removed what Wagtail's data migrations made (the root page, the root collection, the
    default locale): put them back first."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.get_first_root_node():
        content_type = ContentType.objects.get_for_model(Page)
        Page.add_root(instance=Page(title="Root", slug="root", content_type=content_type))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


def rebuild_world_after_flush():
    """Build the small world again (``tests.support.world``) if a transactional test's flush emptied the
    database; does nothing while the school is installed."""
    from cms.home.models import HomePage
    from tests.support.world import build_world

    if HomePage.objects.exists():
        return
    _restore_wagtail_roots()
    build_world()


def seed_demo_after_flush():
    """Seed the demo school if a transactional test's flush emptied the database (demo tests only)."""
    from cms.home.models import HomePage

    if HomePage.objects.exists():
        return
    _restore_wagtail_roots()
    call_command("seed_demo", verbosity=0)


def remove_world_content():
    """Delete the small world's content (pages below the installed ones, library records, images and
    documents), keeping the install and the people: what ``seed_demo`` starts from on a fresh database."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from cms.albums.models import AlbumPage
    from cms.disclosure.models import DisclosureYearPage
    from cms.documents.models import OfficialDocumentPage
    from cms.library.models import BibliographicRecord
    from cms.news.models import ArticlePage
    from cms.notices.models import NoticePage
    from cms.schedule.models import ScheduleWeekPage

    for model in (
        ArticlePage,
        OfficialDocumentPage,
        NoticePage,
        DisclosureYearPage,
        ScheduleWeekPage,
        AlbumPage,
    ):
        for page in model.objects.all():
            page.delete()
    BibliographicRecord.objects.all().delete()
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()


@transaction.atomic
def replace_world_by_demo():
    """Replace the world's content by the demo (``seed_demo``), committed; returns ``seed_demo``'s summary.
    Only the ``demo_school`` fixture calls this, once, after every non-demo, non-transactional test."""
    from cms.demo.seed import seed_demo

    remove_world_content()
    return seed_demo()
