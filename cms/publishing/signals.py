"""Schedule an incremental build whenever public content changes, with no manual step."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .builder import schedule_build


@receiver(page_published)
def on_page_published(sender, instance, **kwargs):
    schedule_build(f"Xuất bản: {instance.title}", pages=[instance])


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs):
    schedule_build(f"Gỡ xuất bản: {instance.title}", pages=[instance])


def on_page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    """A page moved: its new address, every listing of it, and the redirect page at its old address.

    Connected by ``connect_address_signals`` AFTER Wagtail's own redirect creation (which uses
    ``bulk_create``, so no ``post_save`` of ``Redirect`` reaches ``on_redirect_changed``): when this runs
    the ``Redirect`` rows exist, and the build it schedules (every build renders every redirect) serves the
    old address at once. Outside a transaction ``on_commit`` runs the build right away; inside one, at commit.
    """
    schedule_build(f"Di chuyển: {instance.title}", pages=[instance])


def on_page_slug_changed(sender, instance, instance_before=None, **kwargs):
    """A published page's slug changed (sent by Wagtail after commit): rebuild with its new redirect.

    The publish that changed the slug scheduled a build already, but a build registered earlier in the
    same transaction may have run before Wagtail created the ``Redirect``; this one runs after it.
    """
    schedule_build(f"Đổi địa chỉ: {instance.title}", pages=[instance])


@receiver(post_delete)
def on_page_deleted(sender, instance, **kwargs):
    # Sent once per model of the inheritance chain; the build de-duplicates pending changes.
    if isinstance(instance, Page):
        schedule_build(f"Xoá: {instance.title}", pages=[instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_privacy_changed(sender, instance, **kwargs):
    """A page made private (or public again) in Wagtail's privacy dialog: the page and every page below
    it leave (or join) the public site, with their listings, feeds, sitemaps, search and JSON lists.

    All of them are scheduled, so the build knows their page types (the static-files hooks of those types
    run, ``builder.hook_page_types``).
    """
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    pages = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
    schedule_build(f"Quyền xem: {page.title}", pages=pages)


def on_redirect_changed(sender, instance, **kwargs):
    """A redirect added, changed or removed (by Wagtail on a slug change/move, or in the admin)."""
    # Any build renders every redirect; a page target keeps the build incremental.
    pages = [instance.redirect_page_id] if instance.redirect_page_id else None
    schedule_build(f"Chuyển hướng: {instance.old_path}", pages=pages)


def connect_address_signals():
    """Connect the move and slug-change handlers after Wagtail's redirect creation.

    Django runs receivers in the order they were connected and ignores a second ``connect`` of the same
    function: connecting Wagtail's handlers here first (whichever ``ready()`` runs first) puts them before
    ours for good.
    """
    from django.apps import apps

    if apps.is_installed("wagtail.contrib.redirects"):
        from wagtail.contrib.redirects.signal_handlers import (
            autocreate_redirects_on_page_move,
            autocreate_redirects_on_slug_change,
        )

        post_page_move.connect(autocreate_redirects_on_page_move)
        page_slug_changed.connect(autocreate_redirects_on_slug_change)
    post_page_move.connect(on_page_moved, dispatch_uid="publishing-page-moved")
    page_slug_changed.connect(on_page_slug_changed, dispatch_uid="publishing-page-slug-changed")


def connect_redirect_signals():
    from wagtail.contrib.redirects.models import Redirect

    connect_address_signals()

    post_save.connect(on_redirect_changed, sender=Redirect, dispatch_uid="publishing-redirect-saved")
    post_delete.connect(on_redirect_changed, sender=Redirect, dispatch_uid="publishing-redirect-deleted")


def _pages_using(instance):
    """Ids of the pages that reference ``instance`` (the reference index), e.g. an issuer's documents."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    return {
        int(ref.object_id)
        for ref in ReferenceIndex.get_references_to(instance)
        if ref.base_content_type_id == page_type.pk and str(ref.object_id).isdigit()
    }


@receiver(published)
@receiver(unpublished)
def on_snippet_published(sender, instance, **kwargs):
    """An approved change of a snippet shown publicly (an issuer) re-renders the pages that show it.

    Objects shown on every output (``public_on_every_page``: the school's settings in headers, footers,
    JSON-LD and feeds) rebuild the whole site.
    """
    if isinstance(instance, Page):
        return  # pages have their own signals above
    if getattr(instance, "public_on_every_page", False):
        schedule_build(f"Xuất bản: {instance._meta.verbose_name}")
        return
    pages = _pages_using(instance)
    if pages:
        schedule_build(f"Xuất bản: {instance}", pages=pages)
