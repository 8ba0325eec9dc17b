"""Navigation, absolute addresses and structured data (JSON-LD) for the public templates."""

import json

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Page, Site

from cms.core import render_cache
from cms.core.addresses import public_base_url
from cms.core.vietnamese import vn_datetime

register = template.Library()


def _site(context):
    request = context.get("request")
    if request is not None:
        site = Site.find_for_request(request)
        if site is not None:
            return site
    return Site.objects.filter(is_default_site=True).first()


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """Pages of the main menu: every live public child of the home page that is a news section or is
    marked "show in menus" (giới thiệu, công khai, văn bản…), in the order of the page tree.

    A list, read once per static build (``cms.core.render_cache``), at every request otherwise."""
    from cms.news.models import SectionPage

    site = _site(context)
    if site is None:
        return []
    return render_cache.cached(
        ("menu_pages", site.pk),
        lambda: list(
            Page.objects.live()
            .public()
            .child_of(site.root_page)
            .filter(Q(show_in_menus=True) | Q(content_type=ContentType.objects.get_for_model(SectionPage)))
            .order_by("path")
        ),
    )


@register.filter
def absolute(path):
    """Turn a site path ("/tin-tuc/", "/media/…") into an absolute address on the public address."""
    if not path:
        return ""
    path = str(path)
    if path.startswith(("http://", "https://")):
        return path
    return public_base_url() + "/" + path.lstrip("/")


@register.simple_tag
def json_ld(data):
    """``<script type="application/ld+json">`` with ``data``; "<" is escaped so text cannot close the tag."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def _school(context):
    """The school's settings: the request's (Wagtail caches them per request; a static build gives every
    render request the build's copy), else read for the site."""
    from cms.core.models import SchoolSettings

    request = context.get("request")
    if request is not None and getattr(request, "_wagtail_site", None) is not None:
        return SchoolSettings.for_request(request)
    return render_cache.school_settings(_site(context))


def _logo_url(school):
    if school and school.logo_id:
        return absolute(school.logo.get_rendition("max-512x512|format-png").url)
    return ""


@register.simple_tag(takes_context=True)
def school_json_ld(context):
    """JSON-LD ``School`` describing the school, for the home page."""
    school = _school(context)
    data = {
        "@context": "https://schema.org",
        "@type": "School",
        "name": school.name,
        "url": absolute("/"),
    }
    if school.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": school.address, "addressCountry": "VN"}
    if school.phone:
        data["telephone"] = school.phone
    if school.email:
        data["email"] = school.email
    logo = _logo_url(school)
    if logo:
        data["logo"] = logo
    bodies = school.managing_body_list()
    if bodies:
        data["parentOrganization"] = {"@type": "GovernmentOrganization", "name": bodies[-1]}
    return json_ld(data)


@register.simple_tag(takes_context=True)
def article_json_ld(context, page, image_url=""):
    """JSON-LD ``NewsArticle`` for an article; the author is named as on the page (pupils by given name)."""
    school = _school(context)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "datePublished": page.publication_date.isoformat(),
        "inLanguage": "vi",
        "mainEntityOfPage": absolute(page.url),
        "publisher": {"@type": "EducationalOrganization", "name": school.name, "url": absolute("/")},
    }
    if page.last_published_at:
        data["dateModified"] = vn_datetime(page.last_published_at).isoformat()
    if image_url:
        data["image"] = [absolute(image_url)]
    author = page.public_author_name(school.show_student_full_name)  # cms.core.people.public_name
    if author:
        data["author"] = {"@type": "Person", "name": author}
    else:
        data["author"] = {"@type": "Organization", "name": school.name}
    logo = _logo_url(school)
    if logo:
        data["publisher"]["logo"] = {"@type": "ImageObject", "url": logo}
    return json_ld(data)


@register.simple_tag(takes_context=True)
def footer_pages(context):
    """Pages linked in the footer: the home page's live public children other than news sections.

    A list, read once per static build (``cms.core.render_cache``), at every request otherwise."""
    from cms.news.models import SectionPage

    site = _site(context)
    if site is None:
        return []
    return render_cache.cached(
        ("footer_pages", site.pk),
        lambda: list(
            Page.objects.live()
            .public()
            .child_of(site.root_page)
            .exclude(content_type=ContentType.objects.get_for_model(SectionPage))
            .order_by("path")
        ),
    )


@register.simple_tag
def page_ancestors(page, min_depth=1):
    """The ancestors of ``page`` from ``min_depth`` down, top first (breadcrumbs).

    In a full build they come from the build's index of public pages (no query) when every one of them is
    public; otherwise (a non-public ancestor, a preview) from the database, as Wagtail's ``get_ancestors``.
    """
    index = render_cache.current("page_index")
    found = index.ancestors(page, min_depth) if index is not None and page.pk in index else None
    if found is None:
        found = list(page.get_ancestors().filter(depth__gte=min_depth))
    return found


class SharedFragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        if render_cache.current("site") is None:  # not in a static build: rendered at every request
            return self.nodelist.render(context)
        key = ("fragment", self.name, *(value.resolve(context) for value in self.vary))
        return render_cache.cached(key, lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "name" value… %}…{% endshared_fragment %}``: HTML rendered once per static build
    and reused by every page of the build for which the ``value``s (resolved in the page's context) are
    equal (the header and footer of the layout, the same on every page; the main menu, the same for every
    page of one depth in one section). Outside a build (dynamic views, previews) it is rendered every
    time.

    Only wrap markup whose bytes are determined by the name, the ``value``s and what cannot change while
    one build runs (the school's settings, the menu and footer pages of ``cms.core.render_cache``): the
    first page of the build that renders it decides the bytes for all the others.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    name = bits[1].strip("\"'")
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(name, vary, nodelist)
