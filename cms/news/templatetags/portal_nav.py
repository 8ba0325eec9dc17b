"""Navigation helpers for the public templates."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_sections(context):
    """Live sections under the site's home page, for the main menu."""
    from cms.news.models import SectionPage

    request = context.get("request")
    site = Site.find_for_request(request) if request else Site.objects.filter(is_default_site=True).first()
    if site is None:
        return SectionPage.objects.none()
    return SectionPage.objects.live().public().child_of(site.root_page).order_by("path")
