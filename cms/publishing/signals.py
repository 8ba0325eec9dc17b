"""Rebuild the static site whenever public content changes, with no manual step."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .builder import schedule_build


@receiver(page_published)
def on_page_published(sender, instance, **kwargs):
    schedule_build(f"Xuất bản: {instance.title}")


@receiver(page_unpublished)
def on_page_unpublished(sender, instance, **kwargs):
    schedule_build(f"Gỡ xuất bản: {instance.title}")


@receiver(post_page_move)
def on_page_moved(sender, instance, **kwargs):
    if instance.live:
        schedule_build(f"Di chuyển: {instance.title}")
