"""``{% load notices_tags %}{% current_notices as notices %}``: pinned and urgent notices for the home."""

from django import template
from django.db.models import Q
from django.utils import timezone

from cms.core.listings import pages_under
from cms.notices.models import NoticePage, Priority, current_filter

register = template.Library()


@register.simple_tag(takes_context=True)
def current_notices(context, limit=5):
    """Live public notices valid now that are pinned or urgent: urgent first, then pinned, newest first."""
    page = context.get("page")
    site = page.get_site() if page is not None else None
    now = timezone.now()
    # Below the site's root in the shared listing shape (cms.core.listings): the notices table is read,
    # never the whole page tree of the site through its path range.
    queryset = (
        pages_under(NoticePage, site.root_page) if site is not None else NoticePage.objects.live().public()
    )
    queryset = (
        queryset.filter(current_filter(now))
        .filter(Q(pinned=True) | Q(priority=Priority.URGENT))
        .order_by("priority", "-pinned", "-notice_date", "-pk")
    )
    return list(queryset[:limit])


@register.simple_tag(takes_context=True)
def notice_index_url(context):
    """URL of the notices list (for "Xem tất cả"), or "" when there is none."""
    from cms.notices.models import NoticeIndexPage

    index_page = NoticeIndexPage.objects.live().public().first()
    return index_page.url if index_page else ""
