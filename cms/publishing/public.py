"""The one rule of what is public. Every output of the static engine goes through it."""

from wagtail.models import Page


def public_pages(site, specific=True):
    """Every live page of ``site`` that anonymous visitors may see: the single rule of what is public."""
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
    return pages.specific() if specific else pages
