"""Schedule an incremental build whenever public content changes, with no manual step."""

from django.db.models.signals import post_delete
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
