"""Re-seeding the demo school after a transactional test's flush (PostgreSQL runs)."""

from django.core.management import call_command


def seed_demo_after_flush():
    """Seed the demo school again if a transactional test's flush emptied the database (PostgreSQL, where no
    snapshot is taken). The flush also removed what Wagtail's data migrations made (the root page and the
    root collection, the default locale): put them back first."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    from cms.home.models import HomePage

    if HomePage.objects.exists():
        return
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root", content_type=_page_content_type()))
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    call_command("seed_demo", verbosity=0)


def _page_content_type():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    return ContentType.objects.get_for_model(Page)
