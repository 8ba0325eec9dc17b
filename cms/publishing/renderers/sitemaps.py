"""``sitemap.xml`` (a sitemap index) and its parts, per sitemaps.org 0.9.

One part per top-level section and year (``sitemaps/tin-tuc-su-kien-2026.xml``), one for pages with no
year (``sitemaps/<section>.xml``, rare) and one for the other pages (``sitemaps/trang-khac.xml``: home and
top-level leaf pages). Which part lists a page is ``outputs.sitemap_group``; the queries here select the
same pages in SQL, so rendering one part reads that part's pages only, and the index is a handful of
grouped queries whatever the size of the site.
"""

from datetime import datetime
from xml.sax.saxutils import escape

from django.db.models import Max, Q
from django.db.models.functions import Coalesce, ExtractYear, Substr
from wagtail.models import Page, get_page_models

from cms.core.vietnamese import VN_TZ, vn_date

from ..outputs import OTHER_SITEMAP, sitemap_group
from ..public import public_pages

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def group_path(group):
    return f"sitemaps/{group}.xml"


def split_group(group):
    """``"tin-tuc-su-kien-2026"`` → ``("tin-tuc-su-kien", 2026)``; a part with no year → ``(group, None)``."""
    head, sep, tail = group.rpartition("-")
    if sep and len(tail) == 4 and tail.isdigit():
        return head, int(tail)
    return group, None


def _dated_models():
    """Page models that name the date their sitemap part follows (``sitemap_date_field``)."""
    return [m for m in get_page_models() if getattr(m, "sitemap_date_field", None)]


def _first_published_year():
    return ExtractYear("first_published_at", tzinfo=VN_TZ)


def _in_year(year):
    """Pages whose part is ``year`` (None: pages with no year) among pages of models with no date field."""
    if year is None:
        return Q(first_published_at__isnull=True)
    start = datetime(year, 1, 1, tzinfo=VN_TZ)
    return Q(first_published_at__gte=start, first_published_at__lt=start.replace(year=year + 1))


def _part_q(year):
    """The pages of one year's part, whatever their model: their own date's year, else the first
    publication's (``outputs.sitemap_year``)."""
    dated = _dated_models()
    q = _in_year(year) & ~Q(content_type__in=_content_types(dated))
    for model in dated:
        field = model.sitemap_date_field
        own = Q(**{f"{field}__isnull": True}) & _in_year(year)
        if year is not None:
            own |= Q(**{f"{field}__year": year})
        q |= Q(pk__in=model.objects.filter(own).values("pk"))
    return q


def _content_types(models):
    from django.contrib.contenttypes.models import ContentType

    return [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]


def _top_level(site):
    home = site.root_page
    return list(public_pages(site, specific=False).filter(depth=home.depth + 1))


def _group_pages(group, site):
    pages = public_pages(site, specific=False)
    home = site.root_page
    if group == OTHER_SITEMAP:
        near = pages.filter(depth__lte=home.depth + 1)
        return [p for p in near if sitemap_group(p, site) == OTHER_SITEMAP]
    slug, year = split_group(group)
    top = pages.filter(depth=home.depth + 1, slug=slug).first()
    if top is None or sitemap_group(top, site) == OTHER_SITEMAP:
        return []
    return list(pages.descendant_of(top, inclusive=True).filter(_part_q(year)))


def _lastmod(value):
    return vn_date(value).isoformat() if value else None  # the Vietnam date, not the UTC one


def render_group(group, site, base_url):
    """The sitemap of one part, or None if the part has no public page (its old file then goes: this is
    also how a section's whole-section sitemap of before the split, ``sitemaps/<section>.xml``, is
    removed by the first publish in that section)."""
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
    """Sitemap parts with their last modification: {group: datetime or None}.

    One grouped query for the pages of models without a date field and one per dated model: the
    top-level section is the first ``(depth of home + 1)`` steps of the tree path.
    """
    home = site.root_page
    pages = public_pages(site, specific=False)
    sections, other = {}, [home.pk]
    for top in _top_level(site):
        if sitemap_group(top, site) == OTHER_SITEMAP:
            other.append(top.pk)
        else:
            sections[top.path] = top.slug
    top_path = Substr("path", 1, Page.steplen * (home.depth + 1))
    below = pages.filter(depth__gt=home.depth).order_by()
    dated = _dated_models()
    rows = list(
        below.exclude(content_type__in=_content_types(dated))
        .annotate(top=top_path, year=_first_published_year())
        .values("top", "year")
        .annotate(modified=Max("last_published_at"))
    )
    for model in dated:
        year = Coalesce(ExtractYear(model.sitemap_date_field), _first_published_year())
        rows += list(
            model.objects.filter(pk__in=below.values("pk"))
            .order_by()
            .annotate(top=top_path, year=year)
            .values("top", "year")
            .annotate(modified=Max("last_published_at"))
        )
    result = {}
    for row in rows:
        slug = sections.get(row["top"])
        if slug is None:
            continue  # under a top-level leaf page (none today) or not public
        group = f"{slug}-{row['year']}" if row["year"] else slug
        if row["modified"] is not None:
            previous = result.get(group)
            result[group] = row["modified"] if previous is None else max(previous, row["modified"])
        else:
            result.setdefault(group, None)
    result[OTHER_SITEMAP] = pages.filter(pk__in=other).aggregate(m=Max("last_published_at"))["m"]
    return result


def render_index(site, base_url):
    """The sitemap index listing every part with its last modification date."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NS}">']
    for group, modified in sorted(groups(site).items()):
        loc = escape(f"{base_url}/{group_path(group)}")
        lastmod = _lastmod(modified)
        lines.append(
            f"<sitemap><loc>{loc}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</sitemap>"
        )
    lines.append("</sitemapindex>")
    return ("\n".join(lines) + "\n").encode()
