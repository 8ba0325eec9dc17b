"""The one rule of what is public. Every output of the static engine goes through it."""

from django.utils import timezone
from wagtail.models import Page, get_page_models


def public_pages(site, specific=True, now=None):
    """Every live page of ``site`` that anonymous visitors may see: the single rule of what is public.

    A page model may define a classmethod ``not_yet_public(now)`` returning the ids (a ``values("pk")``
    queryset) of its live pages that are not public yet, e.g. a notice whose display window starts later.
    """
    now = now or timezone.now()
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True).order_by("path")
    for model in get_page_models():
        hidden = vars(model).get("not_yet_public")
        if hidden is not None:
            pages = pages.exclude(pk__in=model.not_yet_public(now))
    return pages.specific() if specific else pages
