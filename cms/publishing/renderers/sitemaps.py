"""``sitemap.xml`` (a sitemap index) and one sitemap per top-level section, per sitemaps.org 0.9."""

from xml.sax.saxutils import escape

from django.db.models import Max

from cms.core.vietnamese import vn_date

from ..outputs import OTHER_SITEMAP, sitemap_group
from ..public import public_pages

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def group_path(group):
    return f"sitemaps/{group}.xml"


def _top_level(site):
    home = site.root_page
    return list(public_pages(site, specific=False).filter(depth=home.depth + 1))


def _group_pages(group, site):
    pages = public_pages(site, specific=False)
    home = site.root_page
    if group == OTHER_SITEMAP:
        near = pages.filter(depth__lte=home.depth + 1)
        return [p for p in near if sitemap_group(p, site) == OTHER_SITEMAP]
    top = pages.filter(depth=home.depth + 1, slug=group).first()
    if top is None or sitemap_group(top, site) != group:
        return []
    return list(pages.descendant_of(top, inclusive=True))


def _lastmod(value):
    return vn_date(value).isoformat() if value else None  # the Vietnam date, not the UTC one


def render_group(group, site, base_url):
    """The sitemap of one group, or None if the group has no public page."""
    pages = _group_pages(group, site)
    if not pages:
        return None
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NS}">']
    for page in pages:
        loc = escape(base_url + (page.get_url(current_site=site) or "/"))
        lastmod = _lastmod(page.last_published_at)
        modified = f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{loc}</loc>{modified}</url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def groups(site):
    """Sitemap groups with their last modification: {group: datetime or None}."""
    pages = public_pages(site, specific=False)
    result = {}
    other = [site.root_page.pk]
    for top in _top_level(site):
        group = sitemap_group(top, site)
        if group == OTHER_SITEMAP:
            other.append(top.pk)
            continue
        result[group] = pages.descendant_of(top, inclusive=True).aggregate(m=Max("last_published_at"))["m"]
    result[OTHER_SITEMAP] = pages.filter(pk__in=other).aggregate(m=Max("last_published_at"))["m"]
    return result


def render_index(site, base_url):
    """The sitemap index listing every group's sitemap with its last modification date."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    for group, modified in sorted(groups(site).items()):
        loc = escape(f"{base_url}/{group_path(group)}")
        lastmod = _lastmod(modified)
        lines.append(
            f"<sitemap><loc>{loc}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</sitemap>"
        )
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode()
