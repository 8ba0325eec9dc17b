"""Schedule an incremental build whenever public content changes, with no manual step."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

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
