"""Schedule an incremental build whenever public content changes, with no manual step."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

from .builder import schedule_build


@receiver(page_published)
def on_page_published(sender, instance, **kwargs):
    schedule_build(f"Xuất bản: {instance.title}", pages=[instance])


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs):
    schedule_build(f"Gỡ xuất bản: {instance.title}", pages=[instance])


@receiver(post_page_move)
def on_page_moved(sender, instance, **kwargs):
    schedule_build(f"Di chuyển: {instance.title}", pages=[instance])


@receiver(post_delete)
def on_page_deleted(sender, instance, **kwargs):
    # Sent once per model of the inheritance chain; the build de-duplicates pending changes.
    if isinstance(instance, Page):
        schedule_build(f"Xoá: {instance.title}", pages=[instance.pk])


def on_redirect_changed(sender, instance, **kwargs):
    """A redirect added, changed or removed (by Wagtail on a slug change/move, or in the admin)."""
    # Any build renders every redirect; a page target keeps the build incremental.
    pages = [instance.redirect_page_id] if instance.redirect_page_id else None
    schedule_build(f"Chuyển hướng: {instance.old_path}", pages=pages)


def connect_redirect_signals():
    from wagtail.contrib.redirects.models import Redirect

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
